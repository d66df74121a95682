package dev.floe.exec;

import clojure.lang.IFn;
import dev.floe.ops.FloeOperation0;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.FloeOperation2;
import dev.floe.ops.FloeOperation3;
import dev.floe.ops.FloeOperation4;
import dev.floe.ops.FloeOperation5;
import dev.floe.ops.FloeOperation6;
import dev.floe.ops.FloeOperation7;
import dev.floe.ops.FloeOperation8;
import dev.floe.ops.OutputCollector;
import dev.floe.path.CompiledPath;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The compiled steps of dataflow (everything but batch blocks, which live in {@link BatchInstr}). */
public final class Instrs {
    private Instrs() {}

    static boolean truthy(Object o) {
        return o != null && o != Boolean.FALSE;
    }

    static Object[] evalAll(ArgEval[] args, Frame f) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].eval(f);
        }
        return out;
    }

    // ------------------------------------------------------------------------------ calls

    /** Calls a function; binds its value (when {@code outSlot >= 0}) and emits once. */
    public static final class EachFn extends Instr {
        private final FnCall call;
        private final int outSlot;

        public EachFn(StepInfo step, FnCall call, int outSlot) {
            super(step);
            this.call = call;
            this.outSlot = outSlot;
        }

        @Override
        public void reads(java.util.BitSet out) {
            call.reads(out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            if (outSlot >= 0) {
                out.set(outSlot);
            }
        }

        @Override
        public void run(Frame f) {
            Object v = call.call(f);
            if (outSlot >= 0) {
                f.slots[outSlot] = v;
            }
            next.emit(f);
        }
    }

    /** Where a named output stream of an operation goes. */
    public static final class StreamTarget {
        final int[] slots;
        final Emitter emitter;

        public StreamTarget(int[] slots, Emitter emitter) {
            this.slots = slots;
            this.emitter = emitter;
        }
    }

    /**
     * Calls an operation with a collector that binds each emit's values and runs the downstream
     * code at once. The collector is reused: its frame is saved and restored around each call, so
     * re-entrant calls (a loop reaching this step again) are safe.
     */
    public static final class EachOp extends Instr implements OutputCollector {
        private final Object op;
        private final ArgEval[] args;
        private final int[] outSlots;
        private final Map<String, StreamTarget> streams;
        private Frame frame;

        public EachOp(StepInfo step, Object op, ArgEval[] args, int[] outSlots, Map<String, StreamTarget> streams) {
            super(step);
            this.op = op;
            this.args = args.clone();
            this.outSlots = outSlots;
            this.streams = streams;
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(args, out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, outSlots);
            for (StreamTarget t : streams.values()) {
                addAll(out, t.slots);
            }
        }

        @Override
        public List<Emitter> successors() {
            List<Emitter> out = new java.util.ArrayList<>();
            out.add(next);
            for (StreamTarget t : streams.values()) {
                out.add(t.emitter);
            }
            return out;
        }

        @Override
        public void run(Frame f) {
            if (frame != null) {
                // re-entered while an earlier invocation is still running (an operation calling itself,
                // as a recursive deframaop does): this invocation emits into its own frame, and the
                // earlier one keeps emitting into its frame
                invoke(f, new FrameCollector(this, f));
                return;
            }
            frame = f;
            try {
                invoke(f, this);
            } finally {
                frame = null;
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void invoke(Frame f, OutputCollector out) {
            ArgEval[] a = args;
            switch (a.length) {
                case 0:
                    ((FloeOperation0) op).invoke(out);
                    break;
                case 1:
                    ((FloeOperation1) op).invoke(a[0].eval(f), out);
                    break;
                case 2:
                    ((FloeOperation2) op).invoke(a[0].eval(f), a[1].eval(f), out);
                    break;
                case 3:
                    ((FloeOperation3) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), out);
                    break;
                case 4:
                    ((FloeOperation4) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f), out);
                    break;
                case 5:
                    ((FloeOperation5) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                            a[4].eval(f), out);
                    break;
                case 6:
                    ((FloeOperation6) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                            a[4].eval(f), a[5].eval(f), out);
                    break;
                case 7:
                    ((FloeOperation7) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                            a[4].eval(f), a[5].eval(f), a[6].eval(f), out);
                    break;
                default:
                    ((FloeOperation8) op).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                            a[4].eval(f), a[5].eval(f), a[6].eval(f), a[7].eval(f), out);
                    break;
            }
        }

        @Override
        public void emit(Object... values) {
            Frame f = frame;
            if (f == null) {
                throw new IllegalStateException(step + ": emit called after the operation returned");
            }
            emitIn(f, values);
        }

        void emitIn(Frame f, Object[] values) {
            bind(outSlots, values, "the default stream", f);
            next.emit(f);
        }

        @Override
        public void emitStream(String streamName, Object... values) {
            Frame f = frame;
            if (f == null) {
                throw new IllegalStateException(step + ": emitStream called after the operation returned");
            }
            emitStreamIn(f, streamName, values);
        }

        void emitStreamIn(Frame f, String streamName, Object[] values) {
            StreamTarget t = streams.get(streamName);
            if (t == null) {
                throw new IllegalArgumentException("operation emitted on stream '" + streamName
                        + "', which is not bound with outStream; bound streams: " + streams.keySet());
            }
            bind(t.slots, values, "stream '" + streamName + "'", f);
            t.emitter.emit(f);
        }

        private void bind(int[] slots, Object[] values, String where, Frame f) {
            if (slots == null) {
                return;
            }
            if (values.length != slots.length) {
                throw new IllegalArgumentException("emitted " + values.length + " value(s) on " + where + " but .out binds "
                        + slots.length + " var(s)");
            }
            for (int i = 0; i < slots.length; i++) {
                f.slots[slots[i]] = values[i];
            }
        }
    }

    /** The collector of a re-entered {@link EachOp} invocation: emits into that invocation's frame. */
    private static final class FrameCollector implements OutputCollector {
        private final EachOp op;
        private final Frame frame;

        FrameCollector(EachOp op, Frame frame) {
            this.op = op;
            this.frame = frame;
        }

        @Override
        public void emit(Object... values) {
            op.emitIn(frame, values);
        }

        @Override
        public void emitStream(String streamName, Object... values) {
            op.emitStreamIn(frame, streamName, values);
        }
    }

    /**
     * Calls a Clojure operation: a function of its arguments followed by an emit function
     * (the Clojure DSL's operations compile to this).
     */
    public static final class ClojureOp extends Instr {
        private final IFn op;
        private final ArgEval[] args;
        private final int[] outSlots;

        public ClojureOp(StepInfo step, IFn op, ArgEval[] args, int[] outSlots) {
            super(step);
            this.op = op;
            this.args = args.clone();
            this.outSlots = outSlots;
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(args, out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, outSlots);
        }

        @Override
        public void run(Frame f) {
            Object[] a = new Object[args.length + 1];
            for (int i = 0; i < args.length; i++) {
                a[i] = args[i].eval(f);
            }
            a[args.length] = new clojure.lang.AFn() {
                @Override
                public Object applyTo(clojure.lang.ISeq s) {
                    Object[] values = clojure.lang.RT.seqToArray(s);
                    if (outSlots != null) {
                        if (values.length != outSlots.length) {
                            throw new IllegalArgumentException("emitted " + values.length + " value(s) but :> binds "
                                    + outSlots.length);
                        }
                        for (int i = 0; i < outSlots.length; i++) {
                            f.slots[outSlots[i]] = values[i];
                        }
                    }
                    next.emit(f);
                    return null;
                }
            };
            op.applyTo(clojure.lang.RT.seq(a));
        }
    }

    /** Calls a function returning a CompletableFuture and continues with its value. */
    public static final class EachAsync extends BoundaryInstr {
        private final FnCall call;
        private final int outSlot;

        public EachAsync(StepInfo step, FnCall call, int outSlot) {
            super(step);
            this.call = call;
            this.outSlot = outSlot;
        }

        @Override
        public void reads(java.util.BitSet out) {
            call.reads(out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            if (outSlot >= 0) {
                out.set(outSlot);
            }
        }

        @Override
        public void run(Frame f) {
            f.ctx.eachAsync(this, f);
        }

        /** Calls the function; its result must be a CompletableFuture. */
        public CompletableFuture<?> start(Frame f) {
            Object r = call.call(f);
            if (!(r instanceof CompletableFuture)) {
                throw new IllegalArgumentException(step + ": eachAsync's function must return a CompletableFuture, got "
                        + (r == null ? "null" : r.getClass().getName()));
            }
            return (CompletableFuture<?>) r;
        }

        /** Waits on this thread for the future and continues (local execution). */
        void runBlocking(Frame f) {
            Object v;
            try {
                v = start(f).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for eachAsync", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(step + ": eachAsync's future failed", e.getCause());
            }
            resume(f, v);
        }

        @Override
        public void resume(Frame f, Object value) {
            if (outSlot >= 0) {
                f.slots[outSlot] = value;
            }
            next.emit(f);
        }
    }

    // ------------------------------------------------------------------------------ control flow

    /** Continues when the argument is truthy. */
    public static final class KeepTrue extends Instr {
        private final ArgEval cond;

        public KeepTrue(StepInfo step, ArgEval cond) {
            super(step);
            this.cond = cond;
        }

        @Override
        public void reads(java.util.BitSet out) {
            cond.reads(out);
        }

        @Override
        public void run(Frame f) {
            if (truthy(cond.eval(f))) {
                next.emit(f);
            }
        }
    }

    /** Does nothing but continue (partitioners in local execution, yieldIfOvertime, anchors). */
    public static final class Pass extends Instr {
        public Pass(StepInfo step) {
            super(step);
        }

        @Override
        public void run(Frame f) {
            next.emit(f);
        }
    }

    /**
     * A partitioner: the rest of the computation moves to other tasks. Locally (Block.execute) it
     * passes through; the runtime ships only the {@link #live()} slots with the event.
     */
    public static final class Partition extends BoundaryInstr {
        private final dev.floe.ir.Node.PartitionKind kind;
        private final String pobject;
        private final Object fn;
        private final ArgEval[] args;

        public Partition(StepInfo step, dev.floe.ir.Node.PartitionKind kind, String pobject, Object fn, ArgEval[] args) {
            super(step);
            this.kind = kind;
            this.pobject = pobject;
            this.fn = fn;
            this.args = args.clone();
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(args, out);
        }

        @Override
        public void run(Frame f) {
            f.ctx.partition(this, f);
        }

        /** The values of the partitioner's arguments (the key, the task, the custom function's arguments). */
        public Object[] argValues(Frame f) {
            return evalAll(args, f);
        }

        public dev.floe.ir.Node.PartitionKind kind() {
            return kind;
        }

        public String pobject() {
            return pobject;
        }

        public Object fn() {
            return fn;
        }

        public ArgEval[] args() {
            return args.clone();
        }

    }

    /** Copies slots (where branches join, each branch's binding of a var moves to the join's slot). */
    public static final class Move extends Instr {
        private final int[] from;
        private final int[] to;

        public Move(StepInfo step, int[] from, int[] to) {
            super(step);
            this.from = from;
            this.to = to;
        }

        @Override
        public void reads(java.util.BitSet out) {
            addAll(out, from);
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, to);
        }

        @Override
        public void run(Frame f) {
            Object[] s = f.slots;
            for (int i = 0; i < from.length; i++) {
                s[to[i]] = s[from[i]];
            }
            next.emit(f);
        }
    }

    /**
     * ifTrue: the then branch when the condition is truthy, else the else branch (or, without one,
     * straight on to the join).
     */
    public static final class If extends Instr {
        private final ArgEval cond;
        public final Emitter then = new Emitter();
        public final Emitter otherwise;

        public If(StepInfo step, ArgEval cond, boolean hasElse) {
            super(step);
            this.cond = cond;
            this.otherwise = hasElse ? new Emitter() : null;
        }

        @Override
        public void reads(java.util.BitSet out) {
            cond.reads(out);
        }

        @Override
        public List<Emitter> successors() {
            return otherwise == null ? List.of(then, next) : List.of(then, otherwise, next);
        }

        @Override
        public void run(Frame f) {
            if (truthy(cond.eval(f))) {
                then.emit(f);
            } else if (otherwise != null) {
                otherwise.emit(f);
            } else {
                next.emit(f);
            }
        }
    }

    /** cond: the first case whose condition is truthy. */
    public static final class Cond extends Instr {
        private final ArgEval[] conds;
        public final Emitter[] bodies;

        public Cond(StepInfo step, ArgEval[] conds) {
            super(step);
            this.conds = conds.clone();
            this.bodies = new Emitter[conds.length];
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = new Emitter();
            }
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(conds, out);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(bodies);
        }

        @Override
        public void run(Frame f) {
            for (int i = 0; i < conds.length; i++) {
                if (truthy(conds[i].eval(f))) {
                    bodies[i].emit(f);
                    return;
                }
            }
        }
    }

    /** subSource: the first case whose class the value is an instance of; no match drops the value. */
    public static final class SubSource extends Instr {
        private final ArgEval value;
        private final Class<?>[] classes;
        public final Emitter[] bodies;

        public SubSource(StepInfo step, ArgEval value, Class<?>[] classes) {
            super(step);
            this.value = value;
            this.classes = classes.clone();
            this.bodies = new Emitter[classes.length];
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = new Emitter();
            }
        }

        @Override
        public void reads(java.util.BitSet out) {
            value.reads(out);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(bodies);
        }

        @Override
        public void run(Frame f) {
            Object v = value.eval(f);
            for (int i = 0; i < classes.length; i++) {
                if (classes[i].isInstance(v)) {
                    bodies[i].emit(f);
                    return;
                }
            }
        }
    }

    /** atomicBlock: runs the body with all its synchronous fan-out, then continues once. */
    public static final class Atomic extends Instr {
        public final Emitter body = new Emitter();

        public Atomic(StepInfo step) {
            super(step);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(body, next);
        }

        @Override
        public void run(Frame f) {
            body.emit(f);
            next.emit(f);
        }
    }

    /**
     * A loop. Each run starts with the initial values; continueLoop queues another iteration,
     * which starts after the current one has finished (so deep loops use no stack); emitLoop runs
     * the code after the loop at once, within the iteration.
     */
    public static final class Loop extends Instr {
        private final ArgEval[] inits;
        final int[] varSlots;
        public final Emitter body = new Emitter();
        private ArrayDeque<Object[]> pending;

        public Loop(StepInfo step, ArgEval[] inits, int[] varSlots) {
            super(step);
            this.inits = inits.clone();
            this.varSlots = varSlots.clone();
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(inits, out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, varSlots);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(body, next);
        }

        @Override
        public void run(Frame f) {
            runIterations(evalAll(inits, f), f);
        }

        void continueWith(Object[] values, Frame f) {
            if (pending == null) {
                // The iteration that continues is not running under this loop's driver on this
                // thread: its body crossed a partitioner and resumed as a new event. Start a
                // driver here, with the continued values as its first iteration.
                runIterations(values, f);
                return;
            }
            pending.add(values);
        }

        private void runIterations(Object[] first, Frame f) {
            ArrayDeque<Object[]> prev = pending;
            ArrayDeque<Object[]> queue = new ArrayDeque<>();
            pending = queue;
            try {
                queue.add(first);
                while (!queue.isEmpty()) {
                    Object[] vals = queue.poll();
                    for (int i = 0; i < varSlots.length; i++) {
                        f.slots[varSlots[i]] = vals[i];
                    }
                    body.emit(f);
                }
            } finally {
                pending = prev;
            }
        }
    }

    /** emitLoop: binds the loop's outputs, runs the code after the loop, then continues in the body. */
    public static final class EmitLoop extends Instr {
        private final Loop loop;
        private final ArgEval[] values;
        private final int[] outSlots;

        public EmitLoop(StepInfo step, Loop loop, ArgEval[] values, int[] outSlots) {
            super(step);
            this.loop = loop;
            this.values = values.clone();
            this.outSlots = outSlots.clone();
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(values, out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, outSlots);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(loop.next, next);
        }

        @Override
        public void run(Frame f) {
            Object[] v = evalAll(values, f);
            for (int i = 0; i < outSlots.length; i++) {
                f.slots[outSlots[i]] = v[i];
            }
            loop.next.emit(f);
            next.emit(f);
        }
    }

    /** continueLoop: queues another iteration with new loop var values, then continues in the body. */
    public static final class ContinueLoop extends Instr {
        private final Loop loop;
        private final ArgEval[] values;

        public ContinueLoop(StepInfo step, Loop loop, ArgEval[] values) {
            super(step);
            this.loop = loop;
            this.values = values.clone();
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(values, out);
        }


        @Override
        public List<Emitter> successors() {
            return List.of(loop.body, next);
        }

        @Override
        public void run(Frame f) {
            loop.continueWith(evalAll(values, f), f);
            next.emit(f);
        }
    }

    // ------------------------------------------------------------------------------ PStates

    /** A PState: a module PState by name, or a PState object bound to a var. */
    public static final class PStateRef {
        private final String name;
        private final int slot;

        public PStateRef(String name, int slot) {
            this.name = name;
            this.slot = slot;
        }

        void reads(java.util.BitSet out) {
            if (slot >= 0) {
                out.set(slot);
            }
        }

        PStateHandle resolve(Frame f) {
            Object o = slot >= 0 ? f.slots[slot] : f.ctx.pstate(name);
            if (o instanceof PStateHandle) {
                return (PStateHandle) o;
            }
            throw new IllegalArgumentException(name + " is not a PState here (it is "
                    + (o == null ? "unbound" : "a " + o.getClass().getName()) + ")");
        }
    }

    /** A path with its dataflow variables bound per event. */
    public static final class PathBinding {
        private final CompiledPath path;
        private final ArgEval[] vars;
        private final Nav constant;

        public PathBinding(CompiledPath path, ArgEval[] vars) {
            this.path = path;
            this.vars = vars.clone();
            this.constant = vars.length == 0 ? path.nav() : null;
        }

        void reads(java.util.BitSet out) {
            ArgEval.readsAll(vars, out);
        }

        Nav nav(Frame f) {
            return constant != null ? constant : path.bind(evalAll(vars, f));
        }
    }

    /** localSelect/select: emits once per navigated value. */
    public static final class LocalSelect extends Instr {
        private final PStateRef pstate;
        private final PathBinding path;
        private final int outSlot;

        public LocalSelect(StepInfo step, PStateRef pstate, PathBinding path, int outSlot) {
            super(step);
            this.pstate = pstate;
            this.path = path;
            this.outSlot = outSlot;
        }

        @Override
        public void reads(java.util.BitSet out) {
            pstate.reads(out);
            path.reads(out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            if (outSlot >= 0) {
                out.set(outSlot);
            }
        }

        @Override
        public void run(Frame f) {
            List<Object> values = pstate.resolve(f).select(path.nav(f));
            for (int i = 0, n = values.size(); i < n; i++) {
                if (outSlot >= 0) {
                    f.slots[outSlot] = values.get(i);
                }
                next.emit(f);
            }
        }
    }

    /** localTransform. */
    public static final class LocalTransform extends Instr {
        private final PStateRef pstate;
        private final PathBinding path;

        public LocalTransform(StepInfo step, PStateRef pstate, PathBinding path) {
            super(step);
            this.pstate = pstate;
            this.path = path;
        }

        @Override
        public void reads(java.util.BitSet out) {
            pstate.reads(out);
            path.reads(out);
        }

        @Override
        public void run(Frame f) {
            pstate.resolve(f).transform(path.nav(f));
            next.emit(f);
        }
    }

    /** localClear. */
    public static final class LocalClear extends Instr {
        private final PStateRef pstate;

        public LocalClear(StepInfo step, PStateRef pstate) {
            super(step);
            this.pstate = pstate;
        }

        @Override
        public void reads(java.util.BitSet out) {
            pstate.reads(out);
        }

        @Override
        public void run(Frame f) {
            pstate.resolve(f).clear();
            next.emit(f);
        }
    }

    /** ackReturn. */
    public static final class AckReturn extends Instr {
        private final ArgEval value;

        public AckReturn(StepInfo step, ArgEval value) {
            super(step);
            this.value = value;
        }

        @Override
        public void reads(java.util.BitSet out) {
            value.reads(out);
        }

        @Override
        public void run(Frame f) {
            f.ctx.ackReturn(value.eval(f));
            next.emit(f);
        }
    }

    /** yieldIfOvertime: lets other events run when this one has used its time budget (an async boundary). */
    public static final class Yield extends BoundaryInstr {
        public Yield(StepInfo step) {
            super(step);
        }

        @Override
        public void run(Frame f) {
            f.ctx.yieldIfOvertime(this, f);
        }
    }

    /** depotPartitionAppend: appends to the current task's partition of a depot of the module. */
    public static final class DepotAppend extends Instr {
        private final String depot;
        private final ArgEval data;
        private final dev.floe.AckLevel level;

        public DepotAppend(StepInfo step, String depot, ArgEval data, dev.floe.AckLevel level) {
            super(step);
            this.depot = depot;
            this.data = data;
            this.level = level;
        }

        @Override
        public void reads(java.util.BitSet out) {
            data.reads(out);
        }

        @Override
        public void run(Frame f) {
            f.ctx.depotAppend(depot, data.eval(f), level);
            next.emit(f);
        }
    }

    /** invokeQuery: runs a query topology of the module and continues with its result (an async boundary). */
    public static final class InvokeQuery extends BoundaryInstr {
        private final String query;
        private final ArgEval[] args;
        private final int outSlot;

        public InvokeQuery(StepInfo step, String query, ArgEval[] args, int outSlot) {
            super(step);
            this.query = query;
            this.args = args.clone();
            this.outSlot = outSlot;
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(args, out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            if (outSlot >= 0) {
                out.set(outSlot);
            }
        }

        @Override
        public void run(Frame f) {
            f.ctx.invokeQuery(this, f);
        }

        public String query() {
            return query;
        }

        /** The argument values. */
        public Object[] argValues(Frame f) {
            return evalAll(args, f);
        }

        @Override
        public void resume(Frame f, Object result) {
            if (outSlot >= 0) {
                f.slots[outSlot] = result;
            }
            next.emit(f);
        }
    }

    /** Navigates a value with a path, for paths used on plain values. */
    static List<Object> selectValue(Nav nav, Object value) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) (Object) Specter.select(nav, value);
        return l;
    }
}
