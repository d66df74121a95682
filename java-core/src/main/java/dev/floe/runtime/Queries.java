package dev.floe.runtime;

import dev.floe.compiler.CompiledModule;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.Boundary;
import dev.floe.exec.BoundaryInstr;
import dev.floe.exec.Frame;
import dev.floe.exec.Instr;
import dev.floe.exec.Instrs;
import dev.floe.exec.KeyHash;
import dev.floe.ir.Arg;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.Node;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Query topologies: an invocation starts on one task (its origin), its body (one batch block)
 * spreads over tasks through partitioners, and every row comes back to the origin through
 * {@code originPartition}. The origin tracks the invocation's segments with the same XOR scheme
 * as stream event trees; when they are all done it joins and aggregates the rows, runs the code
 * after aggregation and answers with the output var. Queries read committed data only; their
 * temporary PState {@code $$name$$} lives per invocation and task, and is dropped at the end.
 */
final class Queries {
    private Queries() {}

    /** A client invocation, sent to the origin task. */
    record Invoke(String query, Object[] args) implements Serializable {}

    /** An invocation continuing on another task past a partitioner. */
    record Continue(String query, long run, int origin, int boundary, Object[] values, long edge) implements Serializable {}

    /**
     * A finished segment's report to the origin: its XOR, the task if it made a temporary PState
     * partition (else -1), the task if it combined rows into a partial aggregate it still holds
     * (two-phase aggregation, else -1), and partial aggregate rows it sends (or an empty list).
     */
    record Ack(long run, long xor, int tempTask, int partialTask, List<Object[]> partials) implements Serializable {
        Ack(long run, long xor, int tempTask) {
            this(run, xor, tempTask, -1, List.of());
        }
    }

    /** Two-phase aggregation: send the origin this task's partial aggregate of an invocation. */
    record Flush(long run, String query, int origin, long edge) implements Serializable {}

    /** A failed segment's report to the origin (with the task if it made a temporary PState partition, else -1). */
    record Fail(long run, String error, int tempTask) implements Serializable {}

    /** Drops an invocation's temporary PState partition on a task. */
    record Cleanup(long run) implements Serializable {}

    /** An invocation being tracked on its origin task. */
    static final class Run {
        final String query;
        final Object[] inputs;
        final Reply reply;
        final List<List<Object[]>> rows = new ArrayList<>();
        /** Partial aggregates received from the tasks that combined rows (two-phase aggregation). */
        final List<Object[]> partials = new ArrayList<>();
        /** Tasks holding a partial aggregate of the invocation, not yet asked for it. */
        final Set<Integer> partialTasks = new java.util.TreeSet<>();
        final Set<Integer> tempTasks = new HashSet<>();
        long xor;

        Run(String query, Object[] inputs, Reply reply, int sources) {
            this.query = query;
            this.inputs = inputs;
            this.reply = reply;
            for (int i = 0; i < sources; i++) {
                rows.add(new ArrayList<>());
            }
        }
    }

    /** The batch block a query's program enters. */
    static BatchInstr batchOf(CompiledModule.Query q) {
        for (Instr in : q.program().entry().targets()) {
            if (in instanceof BatchInstr) {
                return (BatchInstr) in;
            }
        }
        throw new IllegalStateException("query topology " + q.decl().name() + " does not start with its batch block");
    }

    /**
     * The task a client invocation starts on: the target of a leading single-task partitioner
     * over an input var (so the first hop is local), else any task.
     */
    static int originFor(ModuleRuntime m, ModuleIR.QueryTopology q, Object[] args, Random random) {
        if (!q.body().isEmpty() && q.body().get(0) instanceof Node.Partition) {
            Node.Partition p = (Node.Partition) q.body().get(0);
            if (p.kind() == Node.PartitionKind.GLOBAL && p.pobject() == null) {
                return 0;
            }
            if (p.kind() == Node.PartitionKind.HASH && p.args().size() == 1 && p.args().get(0) instanceof Arg.Var) {
                int i = q.inputs().indexOf(((Arg.Var) p.args().get(0)).name());
                if (i >= 0) {
                    ModuleIR.PStateDecl d = p.pobject() == null ? null : m.pstates.get(p.pobject());
                    return d != null ? m.pstateTaskOfKey(d, args[i]) : KeyHash.partition(args[i], m.numTasks);
                }
            }
        }
        return random.nextInt(m.numTasks);
    }

    /** Where an invocation's result goes (called on the origin task's thread). */
    interface Reply {
        /** The result, or the failure (then {@code value} is null). */
        void done(TaskState origin, Object value, RuntimeException failure);
    }

    /** A reply to a client future. */
    static Reply toClient(CompletableFuture<Object> result) {
        return (t, v, e) -> t.module.cluster.completeClient(result, v, e);
    }

    static void handleInvoke(TaskState t, Invoke inv, Reply result) {
        CompiledModule.Query q = t.module.compiledFor(t.id).queries().get(inv.query());
        BatchInstr batch = batchOf(q);
        long runId = t.random.nextLong();
        long edge = t.random.nextLong();
        Run r = new Run(inv.query(), inv.args(), result, batch.sources().length);
        r.xor = edge;
        t.queryRuns.put(runId, r);
        runSegment(t, inv.query(), runId, t.id, edge, f -> {
            setInputs(q, f, inv.args());
            q.program().run(f);
        });
    }

    private static void setInputs(CompiledModule.Query q, Frame f, Object[] args) {
        List<String> inputs = q.decl().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            f.set(q.program().inputSlot(inputs.get(i)), args[i]);
        }
    }

    static void handleContinue(TaskState t, Continue c) {
        CompiledModule.Query q = t.module.compiledFor(t.id).queries().get(c.query());
        Instr b = q.program().boundaries().get(c.boundary());
        int[] live = ((Boundary) b).live();
        runSegment(t, c.query(), c.run(), c.origin(), c.edge(), f -> {
            Partitioners.restore(f, live, c.values());
            ((BoundaryInstr) b).continueIn(f);
        });
    }

    /** An invocation resuming after a query it invoked answered (or failed). */
    static void resumeInvoke(TaskState t, String query, long run, int origin, int boundary, long edge, Object[] live,
            Result r) {
        if (r.error() != null) {
            report(t, origin, new Fail(run, t.where() + ", query topology " + query + ": " + r.error(), -1));
            return;
        }
        CompiledModule.Query q = t.module.compiledFor(t.id).queries().get(query);
        Instr b = q.program().boundaries().get(boundary);
        int[] slots = ((Boundary) b).live();
        runSegment(t, query, run, origin, edge, f -> {
            for (int i = 0; i < slots.length; i++) {
                f.set(slots[i], live[i]);
            }
            ((BoundaryInstr) b).resume(f, r.value());
        });
    }

    /** Runs one segment of an invocation on this task, then reports to the origin. */
    static void runSegment(TaskState t, String query, long run, int origin, long inEdge, Consumer<Frame> body) {
        CompiledModule.Query q = t.module.compiledFor(t.id).queries().get(query);
        QueryContext ctx = new QueryContext(t, q, run, origin);
        Frame f = q.program().newFrame(ctx);
        Throwable failure = ctx.runIn(f, body);
        if (failure == null) {
            ctx.afterCommit();
            long outXor = ctx.asyncXor;
            for (QueryContext.Outgoing o : ctx.outgoing) {
                outXor ^= o.message().edge();
                t.module.send(t.id, o.task(), "continue query " + query + " on task " + o.task(), o.message(),
                        Queries::handleContinue);
            }
            report(t, origin, new Ack(run, inEdge ^ outXor, ctx.usedTemp ? t.id : -1, ctx.heldPartial ? t.id : -1,
                    List.of()));
        } else {
            report(t, origin, new Fail(run, t.where() + ", query topology " + query + ": " + failure,
                    ctx.usedTemp ? t.id : -1));
        }
    }

    private static void report(TaskState t, int origin, Object msg) {
        if (origin == t.id) {
            deliverReport(t, msg);
        } else {
            t.module.send(t.id, origin, msg instanceof Ack ? "query ack" : "query fail", msg, Queries::deliverReport);
        }
    }

    private static void deliverReport(TaskState t, Object msg) {
        if (msg instanceof Ack) {
            Ack a = (Ack) msg;
            Run r = t.queryRuns.get(a.run());
            if (r == null) {
                dropLateTemp(t, a.run(), a.tempTask());
                dropLateTemp(t, a.run(), a.partialTask());
                return;
            }
            if (a.tempTask() >= 0) {
                r.tempTasks.add(a.tempTask());
            }
            if (a.partialTask() >= 0) {
                r.partialTasks.add(a.partialTask());
            }
            r.partials.addAll(a.partials());
            r.xor ^= a.xor();
            if (r.xor == 0 && !r.partialTasks.isEmpty()) {
                // two-phase aggregation: every row has been combined where it was; collect the partials
                for (int task : r.partialTasks) {
                    long edge = t.random.nextLong();
                    r.xor ^= edge;
                    t.module.send(t.id, task, "send the partial aggregate of query " + r.query + " to task " + t.id,
                            new Flush(a.run(), r.query, t.id, edge), Queries::handleFlush);
                }
                r.partialTasks.clear();
                return;
            }
            if (r.xor == 0) {
                t.queryRuns.remove(a.run());
                finish(t, a.run(), r);
            }
        } else {
            Fail fl = (Fail) msg;
            Run r = t.queryRuns.remove(fl.run());
            if (r == null) {
                dropLateTemp(t, fl.run(), fl.tempTask());
            } else {
                if (fl.tempTask() >= 0) {
                    r.tempTasks.add(fl.tempTask());
                }
                r.tempTasks.addAll(r.partialTasks);
                cleanup(t, fl.run(), r);
                r.reply.done(t, null, new QueryException(fl.error()));
            }
        }
    }

    /** Every segment is done: aggregate the rows on the origin, run the code after, answer. */
    private static void finish(TaskState t, long runId, Run r) {
        CompiledModule.Query q = t.module.compiledFor(t.id).queries().get(r.query);
        BatchInstr batch = batchOf(q);
        QueryContext ctx = new QueryContext(t, q, runId, t.id);
        Frame f = q.program().newFrame(ctx);
        Throwable failure = ctx.runIn(f, frame -> {
            setInputs(q, frame, r.inputs);
            batch.finish(frame, r.rows, r.partials);
        });
        cleanup(t, runId, r);
        if (failure != null) {
            r.reply.done(t, null, new QueryException(t.where() + ", query topology " + r.query + ": " + failure, failure));
            return;
        }
        r.reply.done(t, f.get(q.outputSlot()), null);
    }

    /**
     * A report arriving after its invocation ended (another segment failed first): drop its
     * temporary partition or partial aggregate.
     */
    private static void dropLateTemp(TaskState t, long runId, int task) {
        if (task == t.id) {
            dropRun(t, new Cleanup(runId));
        } else if (task >= 0) {
            t.module.send(t.id, task, "query cleanup", new Cleanup(runId), Queries::dropRun);
        }
    }

    /** Drops the invocation's temporary PState partitions and partial aggregates on the tasks that made one. */
    private static void cleanup(TaskState t, long runId, Run r) {
        dropRun(t, new Cleanup(runId));
        for (int task : r.tempTasks) {
            if (task != t.id) {
                t.module.send(t.id, task, "query cleanup", new Cleanup(runId), Queries::dropRun);
            }
        }
    }

    private static void dropRun(TaskState t, Cleanup c) {
        t.queryTemps.remove(c.run());
        t.queryPartials.remove(c.run());
    }

    /** Two-phase aggregation: answers the origin with this task's partial aggregate of an invocation. */
    static void handleFlush(TaskState t, Flush fl) {
        BatchInstr.Partial p = t.queryPartials.remove(fl.run());
        List<Object[]> rows = p == null ? List.of()
                : batchOf(t.module.compiledFor(t.id).queries().get(fl.query())).partialRows(p);
        report(t, fl.origin(), new Ack(fl.run(), fl.edge(), -1, -1, rows));
    }

    /** The result of an invocation made from dataflow, sent back to the calling task. */
    record Result(Object value, String error) implements Serializable {}

    /**
     * Invokes a query from dataflow on task {@code caller}: the result comes back to the caller's
     * task as a message, where {@code resume} continues the calling event.
     */
    static void invokeFrom(TaskState caller, String query, Object[] args, java.util.function.BiConsumer<TaskState, Result> resume) {
        ModuleRuntime m = caller.module;
        ModuleRuntime target = m;
        String name = query;
        if (m.mirrorQueries.containsKey(query)) {
            ModuleRuntime.MirrorRef ref = m.mirror(query);
            target = ref.module();
            name = ref.remoteName();
        }
        ModuleIR.QueryTopology decl = target.queries.get(name);
        if (args.length != decl.inputs().size()) {
            throw new IllegalArgumentException(caller.where() + ": invokeQuery of " + query + " passes " + args.length
                    + " argument(s); it takes " + decl.inputs());
        }
        int origin = originFor(target, decl, args, caller.random);
        int callerTask = caller.id;
        boolean local = target == m;
        String q = name;
        Reply reply = (t, v, e) -> {
            Result r = new Result(v, e == null ? null : "invokeQuery of " + query + " failed: " + e.getMessage());
            if (local) {
                m.send(t.id, callerTask, "result of " + q, r, resume);
            } else {
                m.sendFromAnotherModule(callerTask, "result of " + query, r, resume);
            }
        };
        Invoke inv = new Invoke(name, args);
        if (local) {
            m.send(callerTask, origin, "invoke " + name, inv, (t, i) -> handleInvoke(t, i, reply));
        } else {
            target.sendFromAnotherModule(origin, "invoke " + name + " from module " + m.name, inv,
                    (t, i) -> handleInvoke(t, i, reply));
        }
    }

    /** A query that failed, with where and why. */
    static final class QueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueryException(String message) {
            super(message);
        }

        QueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
