package dev.floe.compiler;

import clojure.lang.IFn;
import dev.floe.FloeCompileException;
import dev.floe.Path;
import dev.floe.exec.AggPlans;
import dev.floe.exec.ArgEval;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.BatchSources;
import dev.floe.exec.Emitter;
import dev.floe.exec.FnCall;
import dev.floe.exec.Instr;
import dev.floe.exec.Instrs;
import dev.floe.exec.Program;
import dev.floe.exec.StepInfo;
import dev.floe.ir.Arg;
import dev.floe.ir.FnRef;
import dev.floe.ir.Node;
import dev.floe.ops.FloeOperation0;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.FloeOperation2;
import dev.floe.ops.FloeOperation3;
import dev.floe.ops.FloeOperation4;
import dev.floe.ops.FloeOperation5;
import dev.floe.ops.FloeOperation6;
import dev.floe.ops.FloeOperation7;
import dev.floe.ops.FloeOperation8;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.path.PathStep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles dataflow IR into instructions. It enforces the variable rules (recognition by prefix,
 * shadowing, scope after branches is the intersection of the branches' scopes, generated vars),
 * validates where each step may appear, gives every binding its own frame slot, and reports every
 * definition error before anything runs, naming the topology, the step, where it was written and
 * the variable.
 */
public final class DataflowCompiler {
    final CompileContext ctx;
    private int nextSlot;
    private final Map<String, Point> anchors = new HashMap<>();
    private final ArrayDeque<LoopFrame> loops = new ArrayDeque<>();
    /** The variable each slot binds (debug information: liveness reports, error messages). */
    final Map<Integer, String> slotNames = new HashMap<>();
    /** Temporary PStates created by materialize and compoundAgg(...).out("$$name") so far. */
    final Set<String> tempPStates = new LinkedHashSet<>();
    /** Non-null while compiling the pre-aggregation part of a batch block. */
    BatchState batch;

    DataflowCompiler(CompileContext ctx) {
        this.ctx = ctx;
    }

    /** Compiles a block that starts with the given input variables bound. */
    public static Program compile(List<Node> nodes, List<String> inputs, CompileContext ctx) {
        DataflowCompiler c = new DataflowCompiler(ctx);
        Emitter entry = new Emitter();
        Scope scope = Scope.EMPTY;
        Map<String, Integer> inputSlots = new LinkedHashMap<>();
        for (String in : inputs) {
            int slot = c.newSlot();
            c.slotNames.put(slot, in);
            scope = scope.with(in, slot);
            inputSlots.put(in, slot);
        }
        c.compileBlock(nodes, new Point(entry, scope));
        Liveness.analyze(entry);
        return new Program(entry, c.nextSlot, inputSlots, c.slotNames);
    }

    // ------------------------------------------------------------------------------ scopes

    /** Variables in scope and their slots (immutable). */
    static final class Scope {
        static final Scope EMPTY = new Scope(Map.of());
        final Map<String, Integer> vars;

        Scope(Map<String, Integer> vars) {
            this.vars = vars;
        }

        Scope with(String var, int slot) {
            Map<String, Integer> m = new LinkedHashMap<>(vars);
            m.remove(var);
            m.put(var, slot);
            return new Scope(m);
        }

        Integer slot(String var) {
            return vars.get(var);
        }

        boolean has(String var) {
            return vars.containsKey(var);
        }
    }

    /** An attach point: where the next step goes and what is in scope there (null emitter: unreachable). */
    static final class Point {
        final Emitter emitter;
        final Scope scope;

        Point(Emitter emitter, Scope scope) {
            this.emitter = emitter;
            this.scope = scope;
        }

        boolean reachable() {
            return emitter != null;
        }

        static Point unreachable(Scope scope) {
            return new Point(null, scope);
        }
    }

    private static final class LoopFrame {
        final Instrs.Loop loop;
        final int loopVarCount;
        int[] outSlots;
        int outCount = -1;

        LoopFrame(Instrs.Loop loop, int loopVarCount) {
            this.loop = loop;
            this.loopVarCount = loopVarCount;
        }
    }

    /** State of a batch block's pre-aggregation phase. */
    static final class BatchState {
        final Set<String> inputs;
        boolean postAgg;
        /** Compiling the code that runs on the joined rows of several sources, before any aggregation. */
        boolean postJoin;
        /** The joined rows go on to aggregation: the code after the join must run synchronously. */
        boolean postJoinFeedsAgg;

        BatchState(Set<String> inputs) {
            this.inputs = inputs;
        }
    }

    int newSlot() {
        return nextSlot++;
    }

    // ------------------------------------------------------------------------------ errors

    FloeCompileException error(Node n, String message) {
        String where = ctx.where();
        String step = n == null ? "" : ", step " + n.describe() + (n.origin().isKnown() ? " (" + n.origin() + ")" : "");
        return new FloeCompileException(where + step + ": " + message);
    }

    StepInfo step(Node n) {
        return new StepInfo(ctx.topology, n.describe(), n.origin());
    }

    static boolean isVarName(String s) {
        return dev.floe.path.PathCompiler.isVar(s);
    }

    // ------------------------------------------------------------------------------ blocks

    Point compileBlock(List<Node> nodes, Point in) {
        Point p = in;
        for (Node n : nodes) {
            p = compileStep(n, p);
        }
        return p;
    }

    /** Compiles one step of a block at {@code p}, which must be reachable unless the step is a hook. */
    Point compileStep(Node n, Point p) {
        if (!p.reachable() && !(n instanceof Node.Hook)) {
            throw error(n, "this step can never run: the code before it ends the branch "
                    + "(use hook to attach code at an anchor)");
        }
        return compileNode(n, p);
    }

    /** Attaches an instruction at a point and returns the point after it. */
    Point then(Point p, Instr in, Scope after) {
        p.emitter.attach(in);
        return new Point(in.next, after);
    }

    Point compileNode(Node n, Point p) {
        if (batch != null && batch.postJoin) {
            checkPostJoin(n);
        }
        if (n instanceof Node.Each) {
            return compileEach((Node.Each) n, p);
        }
        if (n instanceof Node.EachAsync) {
            Node.EachAsync e = (Node.EachAsync) n;
            FnCall call = fnCall(n, e.fn(), e.args(), p.scope);
            Bound b = bindOut(n, p.scope, e.out(), 1, "a function returning a CompletableFuture emits one value");
            return then(p, new Instrs.EachAsync(step(n), call, b.slots.length == 0 ? -1 : b.slots[0]), b.scope);
        }
        if (n instanceof Node.KeepTrue) {
            return then(p, new Instrs.KeepTrue(step(n), arg(n, ((Node.KeepTrue) n).cond(), p.scope)), p.scope);
        }
        if (n instanceof Node.Partition) {
            return compilePartition((Node.Partition) n, p);
        }
        if (n instanceof Node.If) {
            return compileIf((Node.If) n, p);
        }
        if (n instanceof Node.Cond) {
            return compileCond((Node.Cond) n, p);
        }
        if (n instanceof Node.SubSource) {
            return compileSubSource((Node.SubSource) n, p);
        }
        if (n instanceof Node.Anchor) {
            String name = ((Node.Anchor) n).name();
            if (anchors.containsKey(name)) {
                throw error(n, "anchor " + name + " is defined twice");
            }
            anchors.put(name, p);
            return p;
        }
        if (n instanceof Node.Hook) {
            return anchor(n, ((Node.Hook) n).name());
        }
        if (n instanceof Node.Branch) {
            Node.Branch b = (Node.Branch) n;
            compileBlock(b.body(), anchor(n, b.anchor()));
            return p;
        }
        if (n instanceof Node.Unify) {
            List<Point> points = new ArrayList<>();
            for (String a : ((Node.Unify) n).anchors()) {
                points.add(anchor(n, a));
            }
            if (points.size() < 2) {
                throw error(n, "unify needs at least two anchors");
            }
            return join(n, points);
        }
        if (n instanceof Node.Atomic) {
            Instrs.Atomic a = new Instrs.Atomic(step(n));
            compileBlock(((Node.Atomic) n).body(), new Point(a.body, p.scope));
            return then(p, a, p.scope);
        }
        if (n instanceof Node.Loop) {
            return compileLoop((Node.Loop) n, p);
        }
        if (n instanceof Node.EmitLoop) {
            LoopFrame lf = currentLoop(n, "emitLoop");
            Node.EmitLoop e = (Node.EmitLoop) n;
            if (lf.outCount >= 0 && e.values().size() != lf.outCount) {
                throw error(n, "emitLoop emits " + e.values().size() + " value(s) but the loop's out binds " + lf.outCount);
            }
            return then(p, new Instrs.EmitLoop(step(n), lf.loop, args(n, e.values(), p.scope), lf.outSlots), p.scope);
        }
        if (n instanceof Node.ContinueLoop) {
            LoopFrame lf = currentLoop(n, "continueLoop");
            Node.ContinueLoop c = (Node.ContinueLoop) n;
            if (c.values().size() != lf.loopVarCount) {
                throw error(n, "continueLoop passes " + c.values().size() + " value(s) but the loop has "
                        + lf.loopVarCount + " loop var(s)");
            }
            return then(p, new Instrs.ContinueLoop(step(n), lf.loop, args(n, c.values(), p.scope)), p.scope);
        }
        if (n instanceof Node.YieldIfOvertime) {
            return then(p, new Instrs.Yield(step(n)), p.scope);
        }
        if (n instanceof Node.AckReturn) {
            if (ctx.kind != CompileContext.Kind.STREAM && ctx.kind != CompileContext.Kind.LOCAL) {
                throw error(n, "ackReturn is only valid in stream topologies");
            }
            return then(p, new Instrs.AckReturn(step(n), arg(n, ((Node.AckReturn) n).value(), p.scope)), p.scope);
        }
        if (n instanceof Node.DepotPartitionAppend) {
            Node.DepotPartitionAppend d = (Node.DepotPartitionAppend) n;
            if (ctx.kind == CompileContext.Kind.LOCAL) {
                throw moduleOnly(n, "depotPartitionAppend to " + d.depot());
            }
            if (!ctx.depots.contains(d.depot())) {
                throw error(n, "unknown depot " + d.depot());
            }
            return then(p, new Instrs.DepotAppend(step(n), d.depot(), arg(n, d.data(), p.scope),
                    d.ackLevel() == null ? dev.floe.AckLevel.ACK : d.ackLevel()), p.scope);
        }
        if (n instanceof Node.InvokeQuery) {
            Node.InvokeQuery q = (Node.InvokeQuery) n;
            if (ctx.kind == CompileContext.Kind.LOCAL) {
                throw moduleOnly(n, "invokeQuery of " + q.query());
            }
            if (!ctx.queries.contains(q.query())) {
                throw error(n, "unknown query topology " + q.query());
            }
            Bound b = bindOut(n, p.scope, q.out(), 1, "invokeQuery emits the query's one result");
            return then(p, new Instrs.InvokeQuery(step(n), q.query(), args(n, q.args(), p.scope),
                    b.slots.length == 0 ? -1 : b.slots[0]), b.scope);
        }
        if (n instanceof Node.LocalSelect) {
            Node.LocalSelect s = (Node.LocalSelect) n;
            return compileSelect(n, s.pstate(), s.path(), s.out(), p);
        }
        if (n instanceof Node.Select) {
            Node.Select s = (Node.Select) n;
            return compileSelect(n, s.pstate(), s.path(), s.out(), selectPartition(s, p));
        }
        if (n instanceof Node.LocalTransform) {
            Node.LocalTransform t = (Node.LocalTransform) n;
            checkWritable(n, t.pstate(), p.scope);
            checkTerminal(n, t.path());
            return then(p, new Instrs.LocalTransform(step(n), pstateRef(n, t.pstate(), p.scope), path(n, t.path(), p.scope)),
                    p.scope);
        }
        if (n instanceof Node.LocalClear) {
            Node.LocalClear c = (Node.LocalClear) n;
            checkWritable(n, c.pstate(), p.scope);
            return then(p, new Instrs.LocalClear(step(n), pstateRef(n, c.pstate(), p.scope)), p.scope);
        }
        if (n instanceof Node.BatchBlock) {
            if (ctx.kind != CompileContext.Kind.MICROBATCH && ctx.kind != CompileContext.Kind.LOCAL) {
                throw error(n, "batch blocks are only valid in microbatch topologies (query topologies are batch blocks already)");
            }
            if (batch != null) {
                throw error(n, "batch blocks cannot be nested");
            }
            BatchInstr bi = BatchCompiler.compile(this, ((Node.BatchBlock) n).body(), p.scope, n);
            return then(p, bi, p.scope);
        }
        if (n instanceof Node.Aggregate) {
            Node.Aggregate a = (Node.Aggregate) n;
            if (!a.intoPState()) {
                throw error(n, "agg(...).out(" + a.target() + ") and compoundAgg(...).out(...) aggregate rows: "
                        + "they are only valid in batch blocks and query topologies");
            }
            checkWritable(n, a.target(), p.scope);
            return then(p, new AggPlans.IntoPState(step(n), pstateRef(n, a.target(), p.scope),
                    AggCompiler.plan(this, n, a.agg(), p.scope, null)), p.scope);
        }
        if (n instanceof Node.GroupBy || n instanceof Node.LimitAgg) {
            throw error(n, "groupBy and limitAgg are only valid in batch blocks and query topologies");
        }
        if (batch != null && !batch.postAgg || n instanceof Node.ExplodeMicrobatch) {
            Point r = compileBatchSourceNode(n, p);
            if (r != null) {
                return r;
            }
        }
        if (n instanceof Node.ExplodeMicrobatch || n instanceof Node.FreshBatchSource || n instanceof Node.SubBatchSource
                || n instanceof Node.Materialize || n instanceof Node.ExplodeMaterialized) {
            throw error(n, n.describe().replaceAll("\\(.*", "") + " is only valid in the batch blocks of microbatch topologies");
        }
        throw error(n, "unsupported step " + n.getClass().getSimpleName());
    }

    /**
     * The code after the join of a batch block's sources runs on the joined rows where the join
     * happens: it starts no source, and when aggregation follows, it hands every row to the
     * aggregation before the block goes on (so it cannot suspend the event).
     */
    private void checkPostJoin(Node n) {
        if (n instanceof Node.ExplodeMicrobatch || n instanceof Node.SubBatchSource
                || n instanceof Node.ExplodeMaterialized || n instanceof Node.FreshBatchSource) {
            throw error(n, "a source step cannot follow the join of a batch block's sources (the code after the "
                    + "first step that uses variables of another source runs on the joined rows): start a source "
                    + "before that step, or a new one with freshBatchSource");
        }
        if (batch.postJoinFeedsAgg && (n instanceof Node.EachAsync || n instanceof Node.InvokeQuery
                || n instanceof Node.YieldIfOvertime)) {
            throw error(n, "the code between the join of a batch block's sources and its aggregation runs "
                    + "synchronously on the joined rows: " + n.describe().replaceAll("\\(.*", "") + " is not allowed there");
        }
    }

    /** Steps that only appear before aggregation in batch blocks. */
    private Point compileBatchSourceNode(Node n, Point p) {
        if (n instanceof Node.ExplodeMicrobatch) {
            Node.ExplodeMicrobatch x = (Node.ExplodeMicrobatch) n;
            if (ctx.kind == CompileContext.Kind.LOCAL) {
                throw error(n, "explodeMicrobatch needs a microbatch topology: Block.execute() has no microbatch");
            }
            ArgEval mb = arg(n, new Arg.Var(x.microbatch()), p.scope);
            Bound b = bindOut(n, p.scope, x.out(), 1, "explodeMicrobatch emits one record at a time");
            return then(p, new BatchSources.Explode(step(n), mb, b.slots.length == 0 ? -1 : b.slots[0]), b.scope);
        }
        if (n instanceof Node.ExplodeMaterialized) {
            Node.ExplodeMaterialized x = (Node.ExplodeMaterialized) n;
            Bound b = bind(n, p.scope, x.out());
            if (!tempPStates.contains(x.tmpPState())) {
                throw error(n, "unknown temporary PState " + x.tmpPState() + ": materialize it in an earlier batch block");
            }
            return then(p, new BatchSources.ExplodeRows(step(n), new Instrs.PStateRef(x.tmpPState(), -1), b.slots), b.scope);
        }
        if (n instanceof Node.SubBatchSource) {
            Node.SubBatchSource x = (Node.SubBatchSource) n;
            List<String> outs = x.out().isEmpty() ? x.def().outVars() : x.out();
            if (outs.size() != x.def().outVars().size()) {
                throw error(n, "subBatch emits " + x.def().outVars() + " but .out binds " + x.out());
            }
            BatchState prev = batch;
            batch = null;
            BatchCompiler.Compiled inner;
            try {
                // the sub-batch sees the variables bound around it (a microbatch source's var …)
                inner = BatchCompiler.compileWithEnd(this, x.def().body(), p.scope, n);
            } finally {
                batch = prev;
            }
            int[] innerSlots = new int[outs.size()];
            for (int i = 0; i < innerSlots.length; i++) {
                Integer s = inner.end.scope.slot(x.def().outVars().get(i));
                if (s == null) {
                    throw error(n, "the sub-batch does not bind its out var " + x.def().outVars().get(i)
                            + " (it binds " + inner.end.scope.vars.keySet() + ")");
                }
                innerSlots[i] = s;
            }
            Bound b = bind(n, p.scope, outs);
            BatchSources.SubBatch sb = new BatchSources.SubBatch(step(n), inner.instr, innerSlots, b.slots);
            if (!inner.end.reachable()) {
                throw error(n, "the sub-batch's code ends every branch: it produces no rows");
            }
            inner.end.emitter.attach(sb.collector());
            return then(p, sb, b.scope);
        }
        return null;
    }

    private FloeCompileException moduleOnly(Node n, String what) {
        if (ctx.kind == CompileContext.Kind.LOCAL) {
            return error(n, what + " needs a module: Block.execute() runs without one");
        }
        return error(n, what + " is not available here");
    }

    private Point anchor(Node n, String name) {
        Point a = anchors.get(name);
        if (a == null) {
            throw error(n, "unknown anchor " + name + " (anchors must be defined before they are used; defined: "
                    + anchors.keySet() + ")");
        }
        if (!a.reachable()) {
            throw error(n, "anchor " + name + " is at a point no emit reaches");
        }
        return a;
    }

    // ------------------------------------------------------------------------------ arguments

    ArgEval arg(Node n, Arg a, Scope s) {
        if (a instanceof Arg.Lit) {
            return ArgEval.constant(((Arg.Lit) a).value());
        }
        if (a instanceof Arg.Expr) {
            Arg.Expr e = (Arg.Expr) a;
            return ArgEval.call(fnCall(n, e.fn(), e.args(), s));
        }
        String var = ((Arg.Var) a).name();
        Integer slot = s.slot(var);
        if (slot != null) {
            return ArgEval.slot(slot);
        }
        if (var.startsWith("$$") && ctx.pstates.contains(var)) {
            return new PStateArg(var);
        }
        if (ctx.taskGlobals.contains(var)) {
            return new TaskGlobalArg(var);
        }
        throw unbound(n, var, s);
    }

    FloeCompileException unbound(Node n, String var, Scope s) {
        return error(n, "unbound variable " + var + " (in scope: " + s.vars.keySet() + ")");
    }

    ArgEval[] args(Node n, List<Arg> as, Scope s) {
        ArgEval[] out = new ArgEval[as.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arg(n, as.get(i), s);
        }
        return out;
    }

    FnCall fnCall(Node n, FnRef fn, List<Arg> args, Scope s) {
        Object impl = fn.impl();
        if (!(impl instanceof IFn) && !isFloeFunction(impl, args.size())) {
            throw error(n, fn + " is not a function of " + args.size() + " argument(s)"
                    + (isOperation(impl, args.size()) ? " (it is an operation: use it with each, not in an Expr)" : ""));
        }
        return new FnCall(impl, args(n, args, s));
    }

    static boolean isFloeFunction(Object impl, int arity) {
        return dev.floe.path.Fns.arityMatches(impl, arity);
    }

    static boolean isOperation(Object impl, int arity) {
        switch (arity) {
            case 0:
                return impl instanceof FloeOperation0;
            case 1:
                return impl instanceof FloeOperation1;
            case 2:
                return impl instanceof FloeOperation2;
            case 3:
                return impl instanceof FloeOperation3;
            case 4:
                return impl instanceof FloeOperation4;
            case 5:
                return impl instanceof FloeOperation5;
            case 6:
                return impl instanceof FloeOperation6;
            case 7:
                return impl instanceof FloeOperation7;
            case 8:
                return impl instanceof FloeOperation8;
            default:
                return false;
        }
    }

    /** The value of a module PState partition passed as an argument ({@code Ops.EXTRACT_VALUE "$$p"}). */
    static final class PStateArg extends ArgEval {
        final String name;

        PStateArg(String name) {
            this.name = name;
        }

        @Override
        public Object eval(dev.floe.exec.Frame f) {
            return f.ctx().pstate(name);
        }
    }

    /** A task global, resolved on the task the event runs on. */
    static final class TaskGlobalArg extends ArgEval {
        final String name;

        TaskGlobalArg(String name) {
            this.name = name;
        }

        @Override
        public Object eval(dev.floe.exec.Frame f) {
            return f.ctx().taskGlobal(name);
        }
    }

    // ------------------------------------------------------------------------------ outputs

    /** Slots bound by an out, and the scope after it. */
    static final class Bound {
        final int[] slots;
        final Scope scope;

        Bound(int[] slots, Scope scope) {
            this.slots = slots;
            this.scope = scope;
        }
    }

    Bound bindOut(Node n, Scope s, List<String> vars, int maxVars, String why) {
        if (maxVars >= 0 && vars.size() > maxVars) {
            throw error(n, "wrong arity of .out(" + String.join(" ", vars) + "): " + why);
        }
        return bind(n, s, vars);
    }

    Bound bind(Node n, Scope s, List<String> vars) {
        int[] slots = new int[vars.size()];
        Scope out = s;
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < vars.size(); i++) {
            String v = vars.get(i);
            if (!isVarName(v)) {
                throw error(n, "cannot bind " + v + ": output variables start with * (values) or $$ (PStates)");
            }
            if (!seen.add(v)) {
                throw error(n, "variable " + v + " is bound twice by the same step");
            }
            if (batch != null && s.has(v)) {
                throw error(n, "variable " + v + " is shadowed: re-binding a variable is not allowed before "
                        + "aggregation in a batch block");
            }
            slots[i] = newSlot();
            slotNames.put(slots[i], v);
            out = out.with(v, slots[i]);
        }
        return new Bound(slots, out);
    }

    // ------------------------------------------------------------------------------ steps

    private Point compileEach(Node.Each e, Point p) {
        Object impl = e.op().impl();
        int arity = e.args().size();
        boolean isFn = isFloeFunction(impl, arity) || impl instanceof IFn && !(impl instanceof ClojureOperation);
        boolean isOp = isOperation(impl, arity);
        if (!isFn && !isOp && !(impl instanceof ClojureOperation)) {
            throw error(e, e.op() + " is not a function or operation of " + arity + " argument(s)");
        }
        if (isFn && !isOp) {
            if (!e.streams().isEmpty()) {
                throw error(e, "outStream needs an operation: " + e.op() + " is a function, which emits once on the default stream");
            }
            FnCall call = fnCall(e, e.op(), e.args(), p.scope);
            Bound b = bindOut(e, p.scope, e.out(), 1, "a function emits exactly one value");
            return then(p, new Instrs.EachFn(step(e), call, b.slots.length == 0 ? -1 : b.slots[0]), b.scope);
        }
        ArgEval[] args = args(e, e.args(), p.scope);
        if (impl instanceof ClojureOperation && !isOp) {
            Bound b = bind(e, p.scope, e.out());
            return then(p, new Instrs.ClojureOp(step(e), ((ClojureOperation) impl).opFn(), args,
                    e.out().isEmpty() ? null : b.slots), b.scope);
        }
        Bound b = bind(e, p.scope, e.out());
        Map<String, Instrs.StreamTarget> streams = new HashMap<>();
        Instrs.EachOp op = new Instrs.EachOp(step(e), impl, args, e.out().isEmpty() ? null : b.slots, streams);
        for (Node.StreamOut so : e.streams()) {
            Bound sb = bind(e, p.scope, so.vars());
            Emitter em = new Emitter();
            streams.put(so.stream(), new Instrs.StreamTarget(so.vars().isEmpty() ? null : sb.slots, em));
            if (anchors.containsKey(so.anchor())) {
                throw error(e, "anchor " + so.anchor() + " is defined twice");
            }
            anchors.put(so.anchor(), new Point(em, sb.scope));
        }
        return then(p, op, b.scope);
    }

    /** Marks a Clojure function that is an operation: called with its arguments and an emit function. */
    public interface ClojureOperation {
        /** The function. */
        IFn opFn();
    }

    private Point compilePartition(Node.Partition n, Point p) {
        if (batch != null && batch.postAgg) {
            throw error(n, "partitioners are not allowed after aggregation in a batch block");
        }
        if (batch != null && batch.postJoin) {
            throw error(n, "partitioners are not allowed after the join of a batch block's sources (the code after "
                    + "the first step that uses variables of another source runs on the joined rows, where they "
                    + "meet): partition each source before that step");
        }
        switch (n.kind()) {
            case ORIGIN:
                if (ctx.kind != CompileContext.Kind.QUERY && ctx.kind != CompileContext.Kind.LOCAL) {
                    throw error(n, "originPartition is only valid in query topologies");
                }
                break;
            case CUSTOM:
                if (!isFloeFunction(n.fn().impl(), n.args().size() + 1) && !(n.fn().impl() instanceof IFn)) {
                    throw error(n, "customPartition's function takes the number of partitions and "
                            + n.args().size() + " argument(s)");
                }
                break;
            case PATH: {
                if (n.pobject() == null) {
                    throw error(n, "pathPartition needs a PState");
                }
                // the partition of the path's first key, as select reads it
                Path path = null;
                for (Arg a : n.args()) {
                    if (a instanceof Arg.Lit && ((Arg.Lit) a).value() instanceof Path) {
                        path = (Path) ((Arg.Lit) a).value();
                    }
                }
                Arg key = path == null ? null : leadingKey(path);
                if (key == null) {
                    throw error(n, "pathPartition needs a path starting with a key");
                }
                return compilePartition(new Node.Partition(Node.PartitionKind.HASH, n.pobject(), null, List.of(key), n.origin()), p);
            }
            default:
                break;
        }
        ArgEval[] keyArgs = args(n, n.args().stream()
                .filter(a -> !(a instanceof Arg.Lit && ((Arg.Lit) a).value() instanceof Path)).toList(), p.scope);
        if (n.pobject() != null && ctx.kind != CompileContext.Kind.LOCAL && !ctx.pstates.contains(n.pobject())
                && !ctx.depots.contains(n.pobject())) {
            throw error(n, "unknown PState or depot " + n.pobject());
        }
        return then(p, new Instrs.Partition(step(n), n.kind(), n.pobject(), n.fn() == null ? null : n.fn().impl(), keyArgs),
                p.scope);
    }

    private Point compileIf(Node.If n, Point p) {
        Instrs.If in = new Instrs.If(step(n), arg(n, n.cond(), p.scope), n.otherwise() != null);
        p.emitter.attach(in);
        Point thenEnd = compileBlock(n.then(), new Point(in.then, p.scope));
        Point elseEnd = n.otherwise() == null ? new Point(in.next, p.scope)
                : compileBlock(n.otherwise(), new Point(in.otherwise, p.scope));
        return join(n, List.of(thenEnd, elseEnd));
    }

    private Point compileCond(Node.Cond n, Point p) {
        ArgEval[] conds = new ArgEval[n.cases().size()];
        for (int i = 0; i < conds.length; i++) {
            conds[i] = arg(n, n.cases().get(i).cond(), p.scope);
        }
        Instrs.Cond in = new Instrs.Cond(step(n), conds);
        p.emitter.attach(in);
        List<Point> ends = new ArrayList<>();
        for (int i = 0; i < conds.length; i++) {
            ends.add(compileBlock(n.cases().get(i).body(), new Point(in.bodies[i], p.scope)));
        }
        return join(n, ends);
    }

    private Point compileSubSource(Node.SubSource n, Point p) {
        Class<?>[] classes = new Class<?>[n.cases().size()];
        for (int i = 0; i < classes.length; i++) {
            String cn = n.cases().get(i).className();
            try {
                classes[i] = Class.forName(cn, false, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : DataflowCompiler.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw error(n, "subSource case class " + cn + " is not on the classpath");
            }
        }
        Instrs.SubSource in = new Instrs.SubSource(step(n), arg(n, n.value(), p.scope), classes);
        p.emitter.attach(in);
        List<Point> ends = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            ends.add(compileBlock(n.cases().get(i).body(), new Point(in.bodies[i], p.scope)));
        }
        return join(n, ends);
    }

    /**
     * Joins branch ends: the scope after is the intersection of the reachable ends' scopes; a var
     * bound in different slots on different branches moves into one slot on each branch.
     */
    Point join(Node n, List<Point> ends) {
        List<Point> live = new ArrayList<>();
        for (Point e : ends) {
            if (e.reachable()) {
                live.add(e);
            }
        }
        if (live.isEmpty()) {
            return Point.unreachable(ends.get(0).scope);
        }
        Map<String, Integer> joined = new LinkedHashMap<>();
        for (String v : live.get(0).scope.vars.keySet()) {
            boolean everywhere = true;
            boolean sameSlot = true;
            int slot = live.get(0).scope.slot(v);
            for (Point e : live) {
                Integer s = e.scope.slot(v);
                if (s == null) {
                    everywhere = false;
                } else if (s != slot) {
                    sameSlot = false;
                }
            }
            if (everywhere) {
                int js = sameSlot ? slot : newSlot();
                slotNames.put(js, v);
                joined.put(v, js);
            }
        }
        Instrs.Pass target = new Instrs.Pass(step(n));
        for (Point e : live) {
            List<Integer> from = new ArrayList<>();
            List<Integer> to = new ArrayList<>();
            for (Map.Entry<String, Integer> j : joined.entrySet()) {
                int s = e.scope.slot(j.getKey());
                if (s != j.getValue()) {
                    from.add(s);
                    to.add(j.getValue());
                }
            }
            if (from.isEmpty()) {
                e.emitter.attach(target);
            } else {
                Instrs.Move mv = new Instrs.Move(step(n), ints(from), ints(to));
                e.emitter.attach(mv);
                mv.next.attach(target);
            }
        }
        return new Point(target.next, new Scope(joined));
    }

    static int[] ints(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private LoopFrame currentLoop(Node n, String what) {
        LoopFrame lf = loops.peek();
        if (lf == null) {
            throw error(n, what + " is only valid inside a loop body");
        }
        return lf;
    }

    private Point compileLoop(Node.Loop n, Point p) {
        ArgEval[] inits = new ArgEval[n.vars().size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inits.length; i++) {
            inits[i] = arg(n, n.vars().get(i).init(), p.scope);
            names.add(n.vars().get(i).name());
        }
        Bound loopVars = bind(n, p.scope, names);
        Instrs.Loop loop = new Instrs.Loop(step(n), inits, loopVars.slots);
        Bound outs = bind(n, p.scope, n.out());
        LoopFrame lf = new LoopFrame(loop, names.size());
        lf.outSlots = outs.slots;
        lf.outCount = n.out().size();
        loops.push(lf);
        try {
            compileBlock(n.body(), new Point(loop.body, loopVars.scope));
        } finally {
            loops.pop();
        }
        return then(p, loop, outs.scope);
    }

    /**
     * {@code select} reads where the data is: it moves to the task of the path's first key (through
     * the PState's partitioning), or to task 0 for a global PState, then reads there. Locally it
     * reads in place.
     */
    private Point selectPartition(Node.Select s, Point p) {
        if (ctx.kind == CompileContext.Kind.LOCAL || p.scope.has(s.pstate())) {
            return p;
        }
        if (ctx.globalPStates.contains(s.pstate())) {
            return compilePartition(new Node.Partition(Node.PartitionKind.GLOBAL, null, null, List.of(), s.origin()), p);
        }
        Arg key = leadingKey(s.path());
        if (key != null) {
            return compilePartition(new Node.Partition(Node.PartitionKind.HASH, s.pstate(), null, List.of(key), s.origin()), p);
        }
        throw error(s, "select on " + s.pstate() + " needs a path starting with a key to find the partition to read"
                + " (or move with a partitioner and use localSelect)");
    }

    /** The first key of a path starting with key or must, as an argument (a var or a literal), or null. */
    private static Arg leadingKey(Path path) {
        Object k = ((dev.floe.path.PathImpl) path).leadingKeyArg();
        if (k == dev.floe.path.PathImpl.NO_LEADING_KEY) {
            return null;
        }
        return dev.floe.path.PathCompiler.isVar(k) ? new Arg.Var((String) k)
                : new Arg.Lit(k instanceof dev.floe.Constant ? ((dev.floe.Constant) k).getValue() : k);
    }

    private Point compileSelect(Node n, String pstate, Path path, List<String> out, Point p) {
        Instrs.PStateRef ref = pstateRef(n, pstate, p.scope);
        Bound b = bindOut(n, p.scope, out, 1, "a select emits one value per navigated value");
        return then(p, new Instrs.LocalSelect(step(n), ref, path(n, path, p.scope), b.slots.length == 0 ? -1 : b.slots[0]),
                b.scope);
    }

    Instrs.PStateRef pstateRef(Node n, String name, Scope s) {
        if (name == null || !name.startsWith("$$")) {
            throw error(n, "expected a PState ($$name), got " + name);
        }
        Integer slot = s.slot(name);
        if (slot != null) {
            return new Instrs.PStateRef(name, slot);
        }
        if (ctx.pstates.contains(name) || tempPStates.contains(name)) {
            return new Instrs.PStateRef(name, -1);
        }
        throw error(n, "unknown PState " + name + (ctx.kind == CompileContext.Kind.LOCAL
                ? " (in Block.execute(), bind a TestPState to it first: each(Ops.IDENTITY, testPState).out(\"" + name + "\"))"
                : ""));
    }

    private void checkWritable(Node n, String pstate, Scope s) {
        if (s.has(pstate)) {
            return;
        }
        if (ctx.kind == CompileContext.Kind.QUERY && !pstate.endsWith("$$")) {
            throw error(n, "query topologies are read-only: they cannot write " + pstate);
        }
        if (ctx.kind != CompileContext.Kind.LOCAL && ctx.pstates.contains(pstate) && !ctx.ownedPStates.contains(pstate)
                && !pstate.endsWith("$$")) {
            throw error(n, pstate + " is owned by another topology: only the topology that declares a PState writes it");
        }
    }

    private void checkTerminal(Node n, Path path) {
        List<PathStep> steps = ((PathImpl) path).steps();
        String last = steps.isEmpty() ? "" : steps.get(steps.size() - 1).op();
        if (!Set.of("term", "termVal", "termVoid", "multiPath", "ifPath", "customNav", "customNavBuilder", "pathBuilder")
                .contains(last)) {
            throw error(n, "a localTransform path must end in term, termVal or termVoid: " + path);
        }
    }

    Instrs.PathBinding path(Node n, Path path, Scope s) {
        CompiledPath cp;
        try {
            cp = ((PathImpl) path).compiled();
        } catch (RuntimeException e) {
            throw error(n, "invalid path " + path + ": " + e.getMessage());
        }
        ArgEval[] vars = new ArgEval[cp.vars().size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = arg(n, new Arg.Var(cp.vars().get(i)), s);
        }
        return new Instrs.PathBinding(cp, vars);
    }

    // used by the batch compiler
    Map<String, Point> anchors() {
        return anchors;
    }
}
