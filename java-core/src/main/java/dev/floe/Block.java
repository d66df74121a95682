package dev.floe;

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

import java.util.concurrent.CompletableFuture;

/**
 * Dataflow code, written with the builder pattern: {@code Block.each(f, "*x").out("*y").hashPartition("*y")…}.
 * Every step is a static method that starts a block and a method of {@link Impl} that extends one.
 * A string argument starting with {@code *} or {@code $$} is a variable; wrap a literal that looks
 * like one in {@link Constant}; an {@link Expr} is a nested call. A block can run locally with
 * {@link Impl#execute()} (no module, no tasks), which is how operations and small pipelines are
 * unit tested.
 */
public interface Block {
    /** An empty block. */
    static Impl create() {
        return new dev.floe.builder.BlockBuilder();
    }

    /** Calls a function: it emits its return value once. Starts a new block. */
    static <R> MultiOutImpl each(FloeFunction0<R> fn) {
        return create().each(fn);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, R> MultiOutImpl each(FloeFunction1<T0, R> fn, Object arg0) {
        return create().each(fn, arg0);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, R> MultiOutImpl each(FloeFunction2<T0, T1, R> fn, Object arg0, Object arg1) {
        return create().each(fn, arg0, arg1);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, R> MultiOutImpl each(FloeFunction3<T0, T1, T2, R> fn, Object arg0, Object arg1, Object arg2) {
        return create().each(fn, arg0, arg1, arg2);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, T3, R> MultiOutImpl each(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().each(fn, arg0, arg1, arg2, arg3);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, T3, T4, R> MultiOutImpl each(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().each(fn, arg0, arg1, arg2, arg3, arg4);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, R> MultiOutImpl each(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().each(fn, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6, R> MultiOutImpl each(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().each(fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Calls a function: it emits its return value once. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6, T7, R> MultiOutImpl each(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().each(fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static MultiOutImpl each(FloeOperation0 op) {
        return create().each(op);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0> MultiOutImpl each(FloeOperation1<T0> op, Object arg0) {
        return create().each(op, arg0);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1> MultiOutImpl each(FloeOperation2<T0, T1> op, Object arg0, Object arg1) {
        return create().each(op, arg0, arg1);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2> MultiOutImpl each(FloeOperation3<T0, T1, T2> op, Object arg0, Object arg1, Object arg2) {
        return create().each(op, arg0, arg1, arg2);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2, T3> MultiOutImpl each(FloeOperation4<T0, T1, T2, T3> op, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().each(op, arg0, arg1, arg2, arg3);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2, T3, T4> MultiOutImpl each(FloeOperation5<T0, T1, T2, T3, T4> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().each(op, arg0, arg1, arg2, arg3, arg4);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5> MultiOutImpl each(FloeOperation6<T0, T1, T2, T3, T4, T5> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().each(op, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6> MultiOutImpl each(FloeOperation7<T0, T1, T2, T3, T4, T5, T6> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().each(op, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Calls an operation: it emits zero or more times through its OutputCollector. Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6, T7> MultiOutImpl each(FloeOperation8<T0, T1, T2, T3, T4, T5, T6, T7> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().each(op, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static OutImpl eachAsync(FloeFunction0<? extends CompletableFuture<?>> fn) {
        return create().eachAsync(fn);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0> OutImpl eachAsync(FloeFunction1<T0, ? extends CompletableFuture<?>> fn, Object arg0) {
        return create().eachAsync(fn, arg0);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1> OutImpl eachAsync(FloeFunction2<T0, T1, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1) {
        return create().eachAsync(fn, arg0, arg1);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2> OutImpl eachAsync(FloeFunction3<T0, T1, T2, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2) {
        return create().eachAsync(fn, arg0, arg1, arg2);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2, T3> OutImpl eachAsync(FloeFunction4<T0, T1, T2, T3, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().eachAsync(fn, arg0, arg1, arg2, arg3);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2, T3, T4> OutImpl eachAsync(FloeFunction5<T0, T1, T2, T3, T4, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().eachAsync(fn, arg0, arg1, arg2, arg3, arg4);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5> OutImpl eachAsync(FloeFunction6<T0, T1, T2, T3, T4, T5, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().eachAsync(fn, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6> OutImpl eachAsync(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().eachAsync(fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6, T7> OutImpl eachAsync(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().eachAsync(fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Continues only when the argument is truthy (not null, not false). Starts a new block. */
    static Impl keepTrue(Object arg) {
        return create().keepTrue(arg);
    }
    /** Runs thenBlock when cond is truthy; without an else, execution continues after the ifTrue either way (branches unify). Starts a new block. */
    static Impl ifTrue(Object cond, Block thenBlock) {
        return create().ifTrue(cond, thenBlock);
    }
    /** Runs thenBlock when cond is truthy, else elseBlock; the branches unify afterwards. Starts a new block. */
    static Impl ifTrue(Object cond, Block thenBlock, Block elseBlock) {
        return create().ifTrue(cond, thenBlock, elseBlock);
    }
    /** Runs the first case whose condition is truthy; the cases unify afterwards. Starts a new block. */
    static Impl cond(Case... cases) {
        return create().cond(cases);
    }
    /** Dispatches on the runtime class of a value; the cases unify afterwards. Starts a new block. */
    static Impl subSource(Object var, SubSource... cases) {
        return create().subSource(var, cases);
    }
    /** Splices a block (typically generated by a helper) at this point. Starts a new block. */
    static Impl macro(Block block) {
        return create().macro(block);
    }
    /** Labels the current attach point so hook, branch and unify can refer to it. Starts a new block. */
    static Impl anchor(String name) {
        return create().anchor(name);
    }
    /** Continues attaching the following code at an anchor: a second branch from that point. Starts a new block. */
    static Impl hook(String name) {
        return create().hook(name);
    }
    /** Attaches a sub-block at an anchor; the following code continues from before the branch. Starts a new block. */
    static Impl branch(String anchor, Block block) {
        return create().branch(anchor, block);
    }
    /** Merges branches: the following code runs for emits arriving at any of the anchors. Starts a new block. */
    static Impl unify(String... anchors) {
        return create().unify(anchors);
    }
    /** Runs the block, including its synchronous fan-out, to completion, then continues exactly once. Starts a new block. */
    static Impl atomicBlock(Block block) {
        return create().atomicBlock(block);
    }
    /** A loop without loop vars: the body calls emitLoop to emit out and continueLoop to iterate. Starts a new block. */
    static OutImpl loop(Block body) {
        return create().loop(body);
    }
    /** A loop with loop vars: the body calls emitLoop to emit out and continueLoop(newValues…) to iterate. Starts a new block. */
    static OutImpl loopWithVars(LoopVars vars, Block body) {
        return create().loopWithVars(vars, body);
    }
    /** Emits values out of the enclosing loop (bound by the loop's out); may be called several times. Starts a new block. */
    static Impl emitLoop(Object... values) {
        return create().emitLoop(values);
    }
    /** Starts another iteration of the enclosing loop with new loop var values; may be called several times. Starts a new block. */
    static Impl continueLoop(Object... values) {
        return create().continueLoop(values);
    }
    /** Yields the task thread if the event has run past its time budget, resuming later on the same task. Starts a new block. */
    static Impl yieldIfOvertime() {
        return create().yieldIfOvertime();
    }
    /** Stream topologies: returns a value to the appender (AckLevel.ACK) under this topology's name. Starts a new block. */
    static Impl ackReturn(Object arg) {
        return create().ackReturn(arg);
    }
    /** Appends to the partition of a depot on the current task. Starts a new block. */
    static Impl depotPartitionAppend(String depotVar, Object data) {
        return create().depotPartitionAppend(depotVar, data);
    }
    /** Appends to the partition of a depot on the current task with an ack level. Starts a new block. */
    static Impl depotPartitionAppend(String depotVar, Object data, AckLevel ackLevel) {
        return create().depotPartitionAppend(depotVar, data, ackLevel);
    }
    /** Invokes a query topology of this module (by name) or of another (by mirror var); an async boundary. Starts a new block. */
    static OutImpl invokeQuery(String queryVar, Object... args) {
        return create().invokeQuery(queryVar, args);
    }
    /** Moves to the task owning the key's hash (the same hash as depot hashBy and PState client routing). Starts a new block. */
    static Impl hashPartition(Object key) {
        return create().hashPartition(key);
    }
    /** Moves to the task owning the key in a PState's (or mirror's) partitioning. Starts a new block. */
    static Impl hashPartition(String pobjectVar, Object key) {
        return create().hashPartition(pobjectVar, key);
    }
    /** Continues on every task. Starts a new block. */
    static Impl allPartition() {
        return create().allPartition();
    }
    /** Continues on the task of every partition of an object. Starts a new block. */
    static Impl allPartition(String pobjectVar) {
        return create().allPartition(pobjectVar);
    }
    /** Moves to task 0, where global depots and PStates live. Starts a new block. */
    static Impl globalPartition() {
        return create().globalPartition();
    }
    /** Moves to the task of a global object's partition. Starts a new block. */
    static Impl globalPartition(String pobjectVar) {
        return create().globalPartition(pobjectVar);
    }
    /** Moves to some task (round robin). Starts a new block. */
    static Impl shufflePartition() {
        return create().shufflePartition();
    }
    /** Moves to an explicit task (also a cheap commit boundary on the current task). Starts a new block. */
    static Impl directPartition(Object taskId) {
        return create().directPartition(taskId);
    }
    /** Moves to the task hosting a partition of an object (or mirror). Starts a new block. */
    static Impl directPartition(String pobjectVar, Object partition) {
        return create().directPartition(pobjectVar, partition);
    }
    /** Moves to the task a client select of the path on the PState would route to. Starts a new block. */
    static Impl pathPartition(String pstateVar, Path path) {
        return create().pathPartition(pstateVar, path);
    }
    /** Query topologies: returns to the task where the invocation started. Starts a new block. */
    static Impl originPartition() {
        return create().originPartition();
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static Impl customPartition(FloeFunction1<Integer, Integer> fn) {
        return create().customPartition(fn);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static Impl customPartition(String pobjectVar, FloeFunction1<Integer, Integer> fn) {
        return create().customPartition(pobjectVar, fn);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0> Impl customPartition(FloeFunction2<Integer, T0, Integer> fn, Object arg0) {
        return create().customPartition(fn, arg0);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0> Impl customPartition(String pobjectVar, FloeFunction2<Integer, T0, Integer> fn, Object arg0) {
        return create().customPartition(pobjectVar, fn, arg0);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1> Impl customPartition(FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1) {
        return create().customPartition(fn, arg0, arg1);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1> Impl customPartition(String pobjectVar, FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1) {
        return create().customPartition(pobjectVar, fn, arg0, arg1);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2> Impl customPartition(FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2) {
        return create().customPartition(fn, arg0, arg1, arg2);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2> Impl customPartition(String pobjectVar, FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2) {
        return create().customPartition(pobjectVar, fn, arg0, arg1, arg2);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3> Impl customPartition(FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().customPartition(fn, arg0, arg1, arg2, arg3);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3> Impl customPartition(String pobjectVar, FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().customPartition(pobjectVar, fn, arg0, arg1, arg2, arg3);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4> Impl customPartition(FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().customPartition(fn, arg0, arg1, arg2, arg3, arg4);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4> Impl customPartition(String pobjectVar, FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().customPartition(pobjectVar, fn, arg0, arg1, arg2, arg3, arg4);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5> Impl customPartition(FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().customPartition(fn, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5> Impl customPartition(String pobjectVar, FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().customPartition(pobjectVar, fn, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Moves to the task chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6> Impl customPartition(FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().customPartition(fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). Starts a new block. */
    static <T0, T1, T2, T3, T4, T5, T6> Impl customPartition(String pobjectVar, FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().customPartition(pobjectVar, fn, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Reads the PState partition on the current task; emits once per navigated value. Starts a new block. */
    static OutImpl localSelect(String pstateVar, Path path) {
        return create().localSelect(pstateVar, path);
    }
    /** Reads the PState partition on the current task with options (allowYield). Starts a new block. */
    static OutImpl localSelect(String pstateVar, Path path, SelectOptions options) {
        return create().localSelect(pstateVar, path, options);
    }
    /** Moves to the task owning the path's first key, then reads like localSelect. Starts a new block. */
    static OutImpl select(String pstateVar, Path path) {
        return create().select(pstateVar, path);
    }
    /** Like select, with options. Starts a new block. */
    static OutImpl select(String pstateVar, Path path, SelectOptions options) {
        return create().select(pstateVar, path, options);
    }
    /** Transforms the PState partition on the current task; the path ends in term, termVal or termVoid. Starts a new block. */
    static Impl localTransform(String pstateVar, Path path) {
        return create().localTransform(pstateVar, path);
    }
    /** Resets the PState partition on the current task to its initial value. Starts a new block. */
    static Impl localClear(String pstateVar) {
        return create().localClear(pstateVar);
    }
    /** A batch block (microbatch topologies): pre-aggregation, aggregation, post-aggregation; a global barrier. Starts a new block. */
    static Impl batchBlock(Block block) {
        return create().batchBlock(block);
    }
    /** Emits every record of the microbatch on the task owning its depot partition. Starts a new block. */
    static OutImpl explodeMicrobatch(String microbatchVar) {
        return create().explodeMicrobatch(microbatchVar);
    }
    /** Uses a batch computation as a source of rows. Starts a new block. */
    static OutImpl subBatch(SubBatch subBatch) {
        return create().subBatch(subBatch);
    }
    /** Starts an independent source in a batch block, joined with the others on shared vars. Starts a new block. */
    static Impl freshBatchSource() {
        return create().freshBatchSource();
    }
    /** Stores rows in a temporary PState ($$name via out) for later batch blocks of the same microbatch. Starts a new block. */
    static OutImpl materialize(Object... values) {
        return create().materialize(values);
    }
    /** Emits the rows of a materialized temporary PState. Starts a new block. */
    static OutImpl explodeMaterialized(String tmpPStateVar) {
        return create().explodeMaterialized(tmpPStateVar);
    }
    /** Aggregates rows (batch blocks); out binds the result. Starts a new block. */
    static OutImpl agg(Agg agg) {
        return create().agg(agg);
    }
    /** Aggregates into a PState whose whole value is the aggregate. Starts a new block. */
    static Impl agg(String pstateVar, Agg agg) {
        return create().agg(pstateVar, agg);
    }
    /** Aggregates into a PState with a nested template; missing locations are created. Starts a new block. */
    static Impl compoundAgg(String pstateVar, CompoundAgg template) {
        return create().compoundAgg(pstateVar, template);
    }
    /** Aggregates with a nested template (batch blocks); out binds the result or a temporary PState. Starts a new block. */
    static OutImpl compoundAgg(CompoundAgg template) {
        return create().compoundAgg(template);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, Block aggBlock) {
        return create().groupBy(key0, aggBlock);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, String key1, Block aggBlock) {
        return create().groupBy(key0, key1, aggBlock);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, String key1, String key2, Block aggBlock) {
        return create().groupBy(key0, key1, key2, aggBlock);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, String key1, String key2, String key3, Block aggBlock) {
        return create().groupBy(key0, key1, key2, key3, aggBlock);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, String key1, String key2, String key3, String key4, Block aggBlock) {
        return create().groupBy(key0, key1, key2, key3, key4, aggBlock);
    }
    /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). Starts a new block. */
    static Impl groupBy(String key0, String key1, String key2, String key3, String key4, String key5, Block aggBlock) {
        return create().groupBy(key0, key1, key2, key3, key4, key5, aggBlock);
    }
    /** Keeps n rows (optionally sorted), re-emitting the vars in post-aggregation. Starts a new block. */
    static Impl limitAgg(LimitAgg limitAgg) {
        return create().limitAgg(limitAgg);
    }

    /**
     * The steps shared by blocks, cases and sub-source cases.
     *
     * @param <I> the type that continues the chain
     * @param <O> the type of steps that bind outputs with {@code out}
     * @param <M> the type of steps that can also bind named output streams
     */
    interface Chain<I extends Chain<I, O, M>, O extends I, M extends O> {
        /** Calls a function: it emits its return value once. */
        <R> M each(FloeFunction0<R> fn);

        /** Calls a function: it emits its return value once. */
        <T0, R> M each(FloeFunction1<T0, R> fn, Object arg0);

        /** Calls a function: it emits its return value once. */
        <T0, T1, R> M each(FloeFunction2<T0, T1, R> fn, Object arg0, Object arg1);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, R> M each(FloeFunction3<T0, T1, T2, R> fn, Object arg0, Object arg1, Object arg2);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, T3, R> M each(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg0, Object arg1, Object arg2, Object arg3);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, T3, T4, R> M each(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, T3, T4, T5, R> M each(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, T3, T4, T5, T6, R> M each(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);

        /** Calls a function: it emits its return value once. */
        <T0, T1, T2, T3, T4, T5, T6, T7, R> M each(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        M each(FloeOperation0 op);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0> M each(FloeOperation1<T0> op, Object arg0);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1> M each(FloeOperation2<T0, T1> op, Object arg0, Object arg1);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2> M each(FloeOperation3<T0, T1, T2> op, Object arg0, Object arg1, Object arg2);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2, T3> M each(FloeOperation4<T0, T1, T2, T3> op, Object arg0, Object arg1, Object arg2, Object arg3);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2, T3, T4> M each(FloeOperation5<T0, T1, T2, T3, T4> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2, T3, T4, T5> M each(FloeOperation6<T0, T1, T2, T3, T4, T5> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2, T3, T4, T5, T6> M each(FloeOperation7<T0, T1, T2, T3, T4, T5, T6> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);

        /** Calls an operation: it emits zero or more times through its OutputCollector. */
        <T0, T1, T2, T3, T4, T5, T6, T7> M each(FloeOperation8<T0, T1, T2, T3, T4, T5, T6, T7> op, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        O eachAsync(FloeFunction0<? extends CompletableFuture<?>> fn);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0> O eachAsync(FloeFunction1<T0, ? extends CompletableFuture<?>> fn, Object arg0);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1> O eachAsync(FloeFunction2<T0, T1, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2> O eachAsync(FloeFunction3<T0, T1, T2, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2, T3> O eachAsync(FloeFunction4<T0, T1, T2, T3, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2, T3, T4> O eachAsync(FloeFunction5<T0, T1, T2, T3, T4, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2, T3, T4, T5> O eachAsync(FloeFunction6<T0, T1, T2, T3, T4, T5, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2, T3, T4, T5, T6> O eachAsync(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);

        /** Calls a function returning a CompletableFuture; the event suspends and resumes with its value (failure fails the event). */
        <T0, T1, T2, T3, T4, T5, T6, T7> O eachAsync(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, ? extends CompletableFuture<?>> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);

        /** Continues only when the argument is truthy (not null, not false). */
        I keepTrue(Object arg);

        /** Runs thenBlock when cond is truthy; without an else, execution continues after the ifTrue either way (branches unify). */
        I ifTrue(Object cond, Block thenBlock);

        /** Runs thenBlock when cond is truthy, else elseBlock; the branches unify afterwards. */
        I ifTrue(Object cond, Block thenBlock, Block elseBlock);

        /** Runs the first case whose condition is truthy; the cases unify afterwards. */
        I cond(Case... cases);

        /** Dispatches on the runtime class of a value; the cases unify afterwards. */
        I subSource(Object var, SubSource... cases);

        /** Splices a block (typically generated by a helper) at this point. */
        I macro(Block block);

        /** Labels the current attach point so hook, branch and unify can refer to it. */
        I anchor(String name);

        /** Continues attaching the following code at an anchor: a second branch from that point. */
        I hook(String name);

        /** Attaches a sub-block at an anchor; the following code continues from before the branch. */
        I branch(String anchor, Block block);

        /** Merges branches: the following code runs for emits arriving at any of the anchors. */
        I unify(String... anchors);

        /** Runs the block, including its synchronous fan-out, to completion, then continues exactly once. */
        I atomicBlock(Block block);

        /** A loop without loop vars: the body calls emitLoop to emit out and continueLoop to iterate. */
        O loop(Block body);

        /** A loop with loop vars: the body calls emitLoop to emit out and continueLoop(newValues…) to iterate. */
        O loopWithVars(LoopVars vars, Block body);

        /** Emits values out of the enclosing loop (bound by the loop's out); may be called several times. */
        I emitLoop(Object... values);

        /** Starts another iteration of the enclosing loop with new loop var values; may be called several times. */
        I continueLoop(Object... values);

        /** Yields the task thread if the event has run past its time budget, resuming later on the same task. */
        I yieldIfOvertime();

        /** Stream topologies: returns a value to the appender (AckLevel.ACK) under this topology's name. */
        I ackReturn(Object arg);

        /** Appends to the partition of a depot on the current task. */
        I depotPartitionAppend(String depotVar, Object data);

        /** Appends to the partition of a depot on the current task with an ack level. */
        I depotPartitionAppend(String depotVar, Object data, AckLevel ackLevel);

        /** Invokes a query topology of this module (by name) or of another (by mirror var); an async boundary. */
        O invokeQuery(String queryVar, Object... args);

        /** Moves to the task owning the key's hash (the same hash as depot hashBy and PState client routing). */
        I hashPartition(Object key);

        /** Moves to the task owning the key in a PState's (or mirror's) partitioning. */
        I hashPartition(String pobjectVar, Object key);

        /** Continues on every task. */
        I allPartition();

        /** Continues on the task of every partition of an object. */
        I allPartition(String pobjectVar);

        /** Moves to task 0, where global depots and PStates live. */
        I globalPartition();

        /** Moves to the task of a global object's partition. */
        I globalPartition(String pobjectVar);

        /** Moves to some task (round robin). */
        I shufflePartition();

        /** Moves to an explicit task (also a cheap commit boundary on the current task). */
        I directPartition(Object taskId);

        /** Moves to the task hosting a partition of an object (or mirror). */
        I directPartition(String pobjectVar, Object partition);

        /** Moves to the task a client select of the path on the PState would route to. */
        I pathPartition(String pstateVar, Path path);

        /** Query topologies: returns to the task where the invocation started. */
        I originPartition();

        /** Moves to the task chosen by fn(numPartitions, args…). */
        I customPartition(FloeFunction1<Integer, Integer> fn);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        I customPartition(String pobjectVar, FloeFunction1<Integer, Integer> fn);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0> I customPartition(FloeFunction2<Integer, T0, Integer> fn, Object arg0);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0> I customPartition(String pobjectVar, FloeFunction2<Integer, T0, Integer> fn, Object arg0);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1> I customPartition(FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1> I customPartition(String pobjectVar, FloeFunction3<Integer, T0, T1, Integer> fn, Object arg0, Object arg1);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1, T2> I customPartition(FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1, T2> I customPartition(String pobjectVar, FloeFunction4<Integer, T0, T1, T2, Integer> fn, Object arg0, Object arg1, Object arg2);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3> I customPartition(FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3> I customPartition(String pobjectVar, FloeFunction5<Integer, T0, T1, T2, T3, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4> I customPartition(FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4> I customPartition(String pobjectVar, FloeFunction6<Integer, T0, T1, T2, T3, T4, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4, T5> I customPartition(FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4, T5> I customPartition(String pobjectVar, FloeFunction7<Integer, T0, T1, T2, T3, T4, T5, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);

        /** Moves to the task chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4, T5, T6> I customPartition(FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);

        /** Moves to the task hosting the partition of an object chosen by fn(numPartitions, args…). */
        <T0, T1, T2, T3, T4, T5, T6> I customPartition(String pobjectVar, FloeFunction8<Integer, T0, T1, T2, T3, T4, T5, T6, Integer> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);

        /** Reads the PState partition on the current task; emits once per navigated value. */
        O localSelect(String pstateVar, Path path);

        /** Reads the PState partition on the current task with options (allowYield). */
        O localSelect(String pstateVar, Path path, SelectOptions options);

        /** Moves to the task owning the path's first key, then reads like localSelect. */
        O select(String pstateVar, Path path);

        /** Like select, with options. */
        O select(String pstateVar, Path path, SelectOptions options);

        /** Transforms the PState partition on the current task; the path ends in term, termVal or termVoid. */
        I localTransform(String pstateVar, Path path);

        /** Resets the PState partition on the current task to its initial value. */
        I localClear(String pstateVar);

        /** A batch block (microbatch topologies): pre-aggregation, aggregation, post-aggregation; a global barrier. */
        I batchBlock(Block block);

        /** Emits every record of the microbatch on the task owning its depot partition. */
        O explodeMicrobatch(String microbatchVar);

        /** Uses a batch computation as a source of rows. */
        O subBatch(SubBatch subBatch);

        /** Starts an independent source in a batch block, joined with the others on shared vars. */
        I freshBatchSource();

        /** Stores rows in a temporary PState ($$name via out) for later batch blocks of the same microbatch. */
        O materialize(Object... values);

        /** Emits the rows of a materialized temporary PState. */
        O explodeMaterialized(String tmpPStateVar);

        /** Aggregates rows (batch blocks); out binds the result. */
        O agg(Agg agg);

        /** Aggregates into a PState whose whole value is the aggregate. */
        I agg(String pstateVar, Agg agg);

        /** Aggregates into a PState with a nested template; missing locations are created. */
        I compoundAgg(String pstateVar, CompoundAgg template);

        /** Aggregates with a nested template (batch blocks); out binds the result or a temporary PState. */
        O compoundAgg(CompoundAgg template);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, Block aggBlock);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, String key1, Block aggBlock);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, String key1, String key2, Block aggBlock);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, String key1, String key2, String key3, Block aggBlock);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, String key1, String key2, String key3, String key4, Block aggBlock);

        /** Groups rows by the keys and runs the aggregators of aggBlock per group (partitioning by the keys). */
        I groupBy(String key0, String key1, String key2, String key3, String key4, String key5, Block aggBlock);

        /** Keeps n rows (optionally sorted), re-emitting the vars in post-aggregation. */
        I limitAgg(LimitAgg limitAgg);
    }

    /** Binding the outputs of the previous step. */
    interface Outs<I> {
        /** Binds the values emitted by the previous step (a function: one var; an operation: one per emitted value). */
        I out(String... vars);
    }

    /** A block under construction. */
    interface Impl extends Block, Chain<Impl, OutImpl, MultiOutImpl> {
        /** Runs the block locally, without a module: no tasks, partitioners pass through. */
        void execute();
    }

    /** The result of starting a query topology: its output var. */
    interface Out extends Outs<Impl> {}

    /** A step whose outputs can be bound. */
    interface OutImpl extends Impl, Out {}

    /** A step whose outputs and named output streams can be bound. */
    interface MultiOutImpl extends OutImpl {
        /** Binds the values of a named output stream, whose code is attached at an anchor. */
        MultiOutImpl outStream(String streamName, String anchorName, String... vars);
    }
}
