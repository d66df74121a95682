package dev.floe.builder;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Case;
import dev.floe.CompoundAgg;
import dev.floe.LoopVars;
import dev.floe.Path;
import dev.floe.SelectOptions;
import dev.floe.SubBatch;
import dev.floe.SubSource;
import dev.floe.ir.Arg;
import dev.floe.ir.FnRef;
import dev.floe.ir.Node;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;
import dev.floe.ops.FloeOperation0;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.FloeOperation2;
import dev.floe.ops.FloeOperation3;
import dev.floe.ops.FloeOperation4;
import dev.floe.ops.FloeOperation5;
import dev.floe.ops.FloeOperation6;
import dev.floe.ops.FloeOperation7;
import dev.floe.ops.FloeOperation8;
import dev.floe.ops.LimitAgg;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The implementation of every dataflow step, shared by blocks, cases and sub-source cases. The
 * generated methods below translate each call into an IR node; {@link ChainSupport} holds the logic.
 */
@SuppressWarnings("unchecked")
public abstract class AbstractChain<I extends Block.Chain<I, O, M>, O extends I, M extends O> extends ChainSupport<I, O, M>
        implements Block.Chain<I, O, M> {

    @Override
    @SuppressWarnings("unchecked")
    public <R> M each(FloeFunction0<R> fn) {
        return addEach(fn, new Object[] {});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, R> M each(FloeFunction1<T0, R> fn, Object arg0) {
        return addEach(fn, new Object[] {arg0});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, R> M each(FloeFunction2<T0, T1, R> fn, Object arg0, Object arg1) {
        return addEach(fn, new Object[] {arg0, arg1});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, R> M each(FloeFunction3<T0, T1, T2, R> fn, Object arg0, Object arg1, Object arg2) {
        return addEach(fn, new Object[] {arg0, arg1, arg2});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, R> M each(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return addEach(fn, new Object[] {arg0, arg1, arg2, arg3});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, R> M each(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return addEach(fn, new Object[] {arg0, arg1, arg2, arg3, arg4});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, R> M each(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return addEach(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6, R> M each(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return addEach(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6, T7, R> M each(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return addEach(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }

    @Override
    @SuppressWarnings("unchecked")
    public M each(FloeOperation0 op) {
        return addEach(op, new Object[] {});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0> M each(FloeOperation1<T0> op, Object arg0) {
        return addEach(op, new Object[] {arg0});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1> M each(FloeOperation2<T0, T1> op, Object arg0, Object arg1) {
        return addEach(op, new Object[] {arg0, arg1});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2> M each(FloeOperation3<T0, T1, T2> op, Object arg0, Object arg1, Object arg2) {
        return addEach(op, new Object[] {arg0, arg1, arg2});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3> M each(FloeOperation4<T0, T1, T2, T3> op, Object arg0, Object arg1, Object arg2, Object arg3) {
        return addEach(op, new Object[] {arg0, arg1, arg2, arg3});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4> M each(FloeOperation5<T0, T1, T2, T3, T4> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return addEach(op, new Object[] {arg0, arg1, arg2, arg3, arg4});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5> M each(FloeOperation6<T0, T1, T2, T3, T4, T5> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return addEach(op, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6> M each(FloeOperation7<T0, T1, T2, T3, T4, T5, T6> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return addEach(op, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6, T7> M each(FloeOperation8<T0, T1, T2, T3, T4, T5, T6, T7> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return addEach(op, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }

    @Override
    @SuppressWarnings("unchecked")
    public O eachAsync(FloeFunction0<? extends CompletableFuture<?>> fn) {
        return addEachAsync(fn, new Object[] {});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0> O eachAsync(FloeFunction1<T0, ? extends CompletableFuture<?>> fn, Object arg0) {
        return addEachAsync(fn, new Object[] {arg0});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1> O eachAsync(FloeFunction2<T0, T1, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1) {
        return addEachAsync(fn, new Object[] {arg0, arg1});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2> O eachAsync(FloeFunction3<T0, T1, T2, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3> O eachAsync(FloeFunction4<T0, T1, T2, T3, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2, arg3});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4> O eachAsync(FloeFunction5<T0, T1, T2, T3, T4, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2, arg3, arg4});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5> O eachAsync(FloeFunction6<T0, T1, T2, T3, T4, T5, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6> O eachAsync(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6, T7> O eachAsync(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return addEachAsync(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }

    @Override
    @SuppressWarnings("unchecked")
    public I keepTrue(Object arg) {
        return add(new Node.KeepTrue(arg(arg), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I ifTrue(Object cond, Block thenBlock) {
        return addIf(cond, thenBlock, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I ifTrue(Object cond, Block thenBlock, Block elseBlock) {
        return addIf(cond, thenBlock, elseBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I cond(Case... cases) {
        return addCond(cases);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I subSource(Object var, SubSource... cases) {
        return addSubSource(var, cases);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I macro(Block block) {
        return addMacro(block);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I anchor(String name) {
        return add(new Node.Anchor(name, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I hook(String name) {
        return add(new Node.Hook(name, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I branch(String anchor, Block block) {
        return addBranch(anchor, block);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I unify(String... anchors) {
        return add(new Node.Unify(List.of(anchors), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I atomicBlock(Block block) {
        return addAtomic(block);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O loop(Block body) {
        return addLoop(null, body);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O loopWithVars(LoopVars vars, Block body) {
        return addLoop(vars, body);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I emitLoop(Object... values) {
        return add(new Node.EmitLoop(args(values), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I continueLoop(Object... values) {
        return add(new Node.ContinueLoop(args(values), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I yieldIfOvertime() {
        return add(new Node.YieldIfOvertime(origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I ackReturn(Object arg) {
        return add(new Node.AckReturn(arg(arg), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I depotPartitionAppend(String depotVar, Object data) {
        return add(new Node.DepotPartitionAppend(depotVar, arg(data), AckLevel.ACK, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I depotPartitionAppend(String depotVar, Object data, AckLevel ackLevel) {
        return add(new Node.DepotPartitionAppend(depotVar, arg(data), ackLevel, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O invokeQuery(String queryVar, Object... args) {
        return addOut(new Node.InvokeQuery(queryVar, args(args), List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I hashPartition(Object key) {
        return add(new Node.Partition(Node.PartitionKind.HASH, null, null, List.of(arg(key)), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I hashPartition(String pobjectVar, Object key) {
        return add(new Node.Partition(Node.PartitionKind.HASH, pobjectVar, null, List.of(arg(key)), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I allPartition() {
        return add(new Node.Partition(Node.PartitionKind.ALL, null, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I allPartition(String pobjectVar) {
        return add(new Node.Partition(Node.PartitionKind.ALL, pobjectVar, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I globalPartition() {
        return add(new Node.Partition(Node.PartitionKind.GLOBAL, null, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I globalPartition(String pobjectVar) {
        return add(new Node.Partition(Node.PartitionKind.GLOBAL, pobjectVar, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I shufflePartition() {
        return add(new Node.Partition(Node.PartitionKind.SHUFFLE, null, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I directPartition(Object taskId) {
        return add(new Node.Partition(Node.PartitionKind.DIRECT, null, null, List.of(arg(taskId)), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I directPartition(String pobjectVar, Object partition) {
        return add(new Node.Partition(Node.PartitionKind.DIRECT, pobjectVar, null, List.of(arg(partition)), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I pathPartition(String pstateVar, Path path) {
        return add(new Node.Partition(Node.PartitionKind.PATH, pstateVar, null, List.of(new Arg.Lit(path)), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I originPartition() {
        return add(new Node.Partition(Node.PartitionKind.ORIGIN, null, null, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I customPartition(FloeFunction1<Integer, Integer> fn) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I customPartition(String pobjectVar, FloeFunction1<Integer, Integer> fn) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0> I customPartition(FloeFunction2<Integer, T0, Integer> fn, Object arg0) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0> I customPartition(String pobjectVar, FloeFunction2<Integer, T0, Integer> fn, Object arg0) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1> I customPartition(FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1> I customPartition(String pobjectVar, FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2> I customPartition(FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2> I customPartition(String pobjectVar, FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3> I customPartition(FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3> I customPartition(String pobjectVar, FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4> I customPartition(FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4> I customPartition(String pobjectVar, FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5> I customPartition(FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4, arg5}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5> I customPartition(String pobjectVar, FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4, arg5}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6> I customPartition(FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, null, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T0, T1, T2, T3, T4, T5, T6> I customPartition(String pobjectVar, FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add(new Node.Partition(Node.PartitionKind.CUSTOM, pobjectVar, FnRef.of(fn), args(new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6}), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O localSelect(String pstateVar, Path path) {
        return addOut(new Node.LocalSelect(pstateVar, path, false, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O localSelect(String pstateVar, Path path, SelectOptions options) {
        return addOut(new Node.LocalSelect(pstateVar, path, allowYield(options), List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O select(String pstateVar, Path path) {
        return addOut(new Node.Select(pstateVar, path, false, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O select(String pstateVar, Path path, SelectOptions options) {
        return addOut(new Node.Select(pstateVar, path, allowYield(options), List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I localTransform(String pstateVar, Path path) {
        return add(new Node.LocalTransform(pstateVar, path, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I localClear(String pstateVar) {
        return add(new Node.LocalClear(pstateVar, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I batchBlock(Block block) {
        return addBatch(block);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O explodeMicrobatch(String microbatchVar) {
        return addOut(new Node.ExplodeMicrobatch(microbatchVar, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O subBatch(SubBatch subBatch) {
        return addSubBatch(subBatch);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I freshBatchSource() {
        return add(new Node.FreshBatchSource(origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O materialize(Object... values) {
        return addMaterialize(values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O explodeMaterialized(String tmpPStateVar) {
        return addOut(new Node.ExplodeMaterialized(tmpPStateVar, List.of(), origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O agg(Agg agg) {
        return addAgg(agg);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I agg(String pstateVar, Agg agg) {
        return add(new Node.Aggregate(spec(agg), pstateVar, true, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public I compoundAgg(String pstateVar, CompoundAgg template) {
        return add(new Node.Aggregate(compound(template), pstateVar, true, origin()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public O compoundAgg(CompoundAgg template) {
        return addCompoundOut(template);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, Block aggBlock) {
        return addGroupBy(List.of(key0), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, String key1, Block aggBlock) {
        return addGroupBy(List.of(key0, key1), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, String key1, String key2, Block aggBlock) {
        return addGroupBy(List.of(key0, key1, key2), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, String key1, String key2, String key3, Block aggBlock) {
        return addGroupBy(List.of(key0, key1, key2, key3), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, String key1, String key2, String key3, String key4, Block aggBlock) {
        return addGroupBy(List.of(key0, key1, key2, key3, key4), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I groupBy(String key0, String key1, String key2, String key3, String key4, String key5, Block aggBlock) {
        return addGroupBy(List.of(key0, key1, key2, key3, key4, key5), aggBlock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public I limitAgg(LimitAgg limitAgg) {
        return addLimit(limitAgg);
    }
}
