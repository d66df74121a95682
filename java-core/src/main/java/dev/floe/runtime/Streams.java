package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.compiler.CompiledModule;
import dev.floe.exec.AggPlans;
import dev.floe.exec.Boundary;
import dev.floe.exec.BoundaryInstr;
import dev.floe.exec.Frame;
import dev.floe.exec.Instr;
import dev.floe.exec.Instrs;
import dev.floe.exec.Tracing;
import dev.floe.ir.AggSpec;
import dev.floe.ir.ModuleIR;
import dev.floe.store.DepotLog;
import dev.floe.store.PStatePartition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Stream topologies: a depot record starts one event tree per subscribed stream source on the
 * task that owns the record's partition (in append order); each piece of the tree between two
 * partitioners (a segment) runs on one task and commits its PState writes atomically when it ends.
 *
 * <p>Completion is tracked the way Storm's acker does it: every hop gets a random 64-bit edge id;
 * the root's tracker, on the task where the tree started, holds the XOR of every edge created and
 * every edge finished. A segment reports, when it ends, the XOR of the edge it came in on and the
 * edges it sent out; the tracker reaches zero exactly when every segment of the tree has finished
 * (up to a 2^-64 chance of a false zero). A failed segment rolls back its writes, sends nothing on,
 * and makes the root retry as its source's retry mode says.
 */
final class Streams {
    private Streams() {}

    /** A client append, sent to the task of the record's partition. */
    record Append(String depot, Object record, AckLevel level, long trace) implements Serializable {
        Append(String depot, Object record, AckLevel level) {
            this(depot, record, level, 0L);
        }
    }

    /** An event tree continuing on another task past a partitioner: the live variables' values. */
    record Continue(int source, int boundary, Object[] values, long root, int origin, long edge)
            implements Serializable {}

    /** A finished segment's report to its root's tracker. */
    record Ack(long root, long xor, List<Object> ackReturns) implements Serializable {}

    /** A failed segment's report to its root's tracker. */
    record Fail(long root, String error) implements Serializable {}

    /** An event tree being tracked on the task where it started. */
    static final class Root {
        final int source;
        final String depot;
        final long offset;
        final Object record;
        final int attempt;
        final Pending pending;
        /** The source's progress through the record's depot partition (null when not tracked). */
        Progress progress;
        long xor;
        final List<Object> ackReturns = new ArrayList<>();

        Root(int source, String depot, long offset, Object record, int attempt, Pending pending) {
            this.source = source;
            this.depot = depot;
            this.offset = offset;
            this.record = record;
            this.attempt = attempt;
            this.pending = pending;
        }
    }

    /**
     * A stream source's progress through one depot partition: the offsets whose event trees are
     * still running, and the end of what started. Everything before the checkpoint is done.
     */
    static final class Progress {
        private final java.util.TreeMap<Long, Integer> inFlight = new java.util.TreeMap<>();
        private long started;

        Progress(long from) {
            this.started = from;
        }

        void start(long offset) {
            inFlight.merge(offset, 1, Integer::sum);
            started = Math.max(started, offset + 1);
        }

        void done(long offset) {
            inFlight.computeIfPresent(offset, (k, n) -> n == 1 ? null : n - 1);
        }

        /** Every record before this offset has been fully processed. */
        long checkpoint() {
            return inFlight.isEmpty() ? started : inFlight.firstKey();
        }
    }

    /** The durable key of a stream source's checkpoint in one depot partition (on the partition's task). */
    static String checkpointKey(String topology, String depot) {
        return "stream/" + topology + "/" + depot + "/checkpoint";
    }

    /** How long a changed checkpoint waits for a commit of its task to ride along before it is written alone. */
    static final long CHECKPOINT_FLUSH_MILLIS = 20;

    /** The checkpoint changed: written with the task's next commit, or alone shortly. */
    private static void checkpointDone(TaskState t, Root r) {
        if (r.progress == null) {
            return;
        }
        long before = r.progress.checkpoint();
        r.progress.done(r.offset);
        long after = r.progress.checkpoint();
        if (after == before) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(r.source);
        t.dirtyCheckpoints.put(checkpointKey(src.topology().name(), r.depot), after);
        if (!t.checkpointFlushScheduled) {
            t.checkpointFlushScheduled = true;
            t.module.cluster.scheduler.schedule(CHECKPOINT_FLUSH_MILLIS, t.module.lane(t.id), "checkpoint task " + t.id,
                    () -> {
                        t.checkpointFlushScheduled = false;
                        if (!t.dirtyCheckpoints.isEmpty() && !t.module.isClosed()) {
                            commitTask(t, List.of());
                        }
                    });
        }
    }

    /** Commits a task's writes with its changed checkpoints. */
    static void commitTask(TaskState t, java.util.Collection<PStatePartition> touched) {
        if (t.dirtyCheckpoints.isEmpty()) {
            Proxies.commit(t, touched, Map.of());
            return;
        }
        Map<String, Object> meta = new HashMap<>(t.dirtyCheckpoints);
        t.dirtyCheckpoints.clear();
        Proxies.commit(t, touched, meta);
    }

    /** The progress of a stream source through this task's partition of a depot (null when not tracked). */
    private static Progress progress(TaskState t, int source, String depot) {
        if (!t.module.store.durable() || !t.depotLogs.containsKey(depot)) {
            return null; // in memory nothing restarts; a mirrored depot's records are its own module's
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(source);
        String key = checkpointKey(src.topology().name(), depot);
        return t.streamProgress.computeIfAbsent(key, k -> new Progress(0));
    }

    /**
     * After a restart: every stream source runs the records of this task's depot partitions that
     * its checkpoint does not cover (at least once: a record whose tree had partly run before the
     * stop runs again whole).
     */
    static void recover(TaskState t) {
        ModuleRuntime module = t.module;
        for (Map.Entry<String, List<Integer>> e : module.streamSources.entrySet()) {
            DepotLog log = t.depotLogs.get(e.getKey());
            if (log == null) {
                continue;
            }
            for (int s : e.getValue()) {
                CompiledModule.Source src = module.compiledFor(t.id).sources().get(s);
                Object cp = module.store.meta(t.id, checkpointKey(src.topology().name(), e.getKey()));
                long from = Math.max(log.startOffset(), cp == null ? 0 : ((Number) cp).longValue());
                long end = log.endOffset();
                if (from >= end) {
                    t.streamProgress.put(checkpointKey(src.topology().name(), e.getKey()), new Progress(end));
                    continue;
                }
                t.streamProgress.put(checkpointKey(src.topology().name(), e.getKey()), new Progress(from));
                for (long off = from; off < end; off += 1000) {
                    List<Object> records = DepotMigrations.read(t, e.getKey(), log, off, Math.min(end, off + 1000));
                    for (int i = 0; i < records.size(); i++) {
                        if (DepotMigrations.removed(records.get(i))) {
                            continue;
                        }
                        startRoot(t, s, e.getKey(), off + i, records.get(i), 0, null);
                    }
                }
            }
        }
    }

    /** A client waiting for {@code ACK}: how many topologies are still processing its record, and their ack returns. */
    static final class Pending {
        final CompletableFuture<Map<String, Object>> result;
        int remaining;
        final Map<String, Object> returns = new HashMap<>();
        /** The trace of a traced append (InProcessCluster.traceAppend), else null. */
        TraceLog trace;

        Pending(CompletableFuture<Map<String, Object>> result, int remaining) {
            this.result = result;
            this.remaining = remaining;
        }
    }

    static void handleAppend(TaskState t, Append m, CompletableFuture<Map<String, Object>> result) {
        ModuleRuntime module = t.module;
        List<Integer> sources = module.streamSources.getOrDefault(m.depot(), List.of());
        Pending pending = null;
        if (m.level() == AckLevel.ACK && !sources.isEmpty()) {
            pending = new Pending(result, sources.size());
            if (m.trace() != 0) {
                pending.trace = module.cluster.tracedAppends.get(m.trace());
            }
        }
        try {
            append(t, m.depot(), m.record(), pending);
        } catch (RuntimeException e) {
            module.cluster.completeClient(result, null, new IllegalStateException(t.where() + ": append to "
                    + m.depot() + " failed: " + e.getMessage(), e));
            return;
        }
        if (pending == null && m.level() != AckLevel.NONE) {
            whenSynced(t, failure -> module.cluster.completeClient(result, failure == null ? Map.of() : null,
                    failure == null ? null : syncFailed(t, m.depot(), failure)));
        }
    }

    /**
     * Runs {@code ack} once every record appended on this task so far is as durable as its depot's
     * fsync policy promises: at once unless a log awaits a group commit; otherwise after one sync
     * of all this task's logs, queued behind the messages already waiting so that it covers every
     * append among them (group commit). {@code ack} gets null, or the failure of the sync: a
     * record a log could not make durable is never acknowledged as if it were.
     */
    static void whenSynced(TaskState t, Consumer<RuntimeException> ack) {
        if (t.awaitingSync.isEmpty() && !syncPending(t)) {
            ack.accept(null);
            return;
        }
        t.awaitingSync.add(ack);
        if (t.awaitingSync.size() == 1) {
            t.module.lane(t.id).submit("group commit of " + t.where(), () -> groupCommit(t));
        }
    }

    private static boolean syncPending(TaskState t) {
        for (DepotLog log : t.depotLogs.values()) {
            if (log.syncPending()) {
                return true;
            }
        }
        return false;
    }

    private static void groupCommit(TaskState t) {
        List<Consumer<RuntimeException>> acks = new ArrayList<>(t.awaitingSync);
        t.awaitingSync.clear();
        RuntimeException failure = null;
        for (DepotLog log : t.depotLogs.values()) {
            try {
                log.sync();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        for (Consumer<RuntimeException> ack : acks) {
            ack.accept(failure);
        }
    }

    private static IllegalStateException syncFailed(TaskState t, String depot, RuntimeException e) {
        return new IllegalStateException(t.where() + ": the append to " + depot
                + " may not be durable: syncing the depot log failed: " + e.getMessage(), e);
    }

    /** An append from dataflow (depotPartitionAppend) to this task's partition: no one waits for it. */
    static void appendHere(TaskState t, String depot, Object record) {
        append(t, depot, record, null);
    }

    /** Appends to this task's partition and starts the record in every subscribed topology. */
    private static void append(TaskState t, String depot, Object record, Pending pending) {
        ModuleRuntime module = t.module;
        long offset = t.depotLogs.get(depot).append(record);
        for (int s : module.streamSources.getOrDefault(depot, List.of())) {
            startRoot(t, s, depot, offset, record, 0, pending);
        }
        for (String mb : module.microbatchesByDepot.getOrDefault(depot, List.of())) {
            module.send(t.id, 0, "new records for " + mb, mb, Microbatches::nudge);
        }
        deliverToMirrors(t, depot, offset, record);
    }

    /** A record of a mirrored depot, delivered to a module that sources it. */
    record MirrorRecord(String depot, long offset, Object record) implements Serializable {}

    /**
     * Stream topologies of other modules that source this depot through a mirror get the record
     * on the task hosting its partition (partition p on task p mod their task count). Nobody's
     * ACK waits for them.
     */
    private static void deliverToMirrors(TaskState t, String depot, long offset, Object record) {
        ModuleRuntime module = t.module;
        for (ModuleRuntime dep : module.cluster.modules.values()) {
            if (dep == module || dep.mirrorDepots.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, ModuleIR.MirrorDecl> e : dep.mirrorDepots.entrySet()) {
                ModuleIR.MirrorDecl d = e.getValue();
                List<Integer> sources = dep.streamSources.get(e.getKey());
                if (sources == null || !d.module().equals(module.name) || !d.remoteName().equals(depot)) {
                    continue;
                }
                dep.sendFromAnotherModule(t.id % dep.numTasks, "record of mirrored depot " + e.getKey(),
                        new MirrorRecord(e.getKey(), offset, record), (dt, r) -> {
                            for (int s : sources) {
                                startRoot(dt, s, r.depot(), r.offset(), r.record(), 0, null);
                            }
                        });
            }
        }
    }

    /** An event resuming after a query it invoked answered (or failed). */
    static void resumeInvoke(TaskState t, int source, int boundary, long root, int origin, long edge, Object[] live,
            Queries.Result r) {
        if (r.error() != null) {
            report(t, origin, new Fail(root, r.error()));
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(source);
        Instr b = src.program().boundaries().get(boundary);
        int[] slots = ((Boundary) b).live();
        runSegment(t, source, root, origin, edge, f -> {
            for (int i = 0; i < slots.length; i++) {
                f.set(slots[i], live[i]);
            }
            ((BoundaryInstr) b).resume(f, r.value());
        });
    }

    /** Starts the event tree of a record for one source, on the task of the record's partition. */
    static void startRoot(TaskState t, int source, String depot, long offset, Object record, int attempt,
            Pending pending) {
        long rootId = t.random.nextLong();
        long edge = t.random.nextLong();
        Root r = new Root(source, depot, offset, record, attempt, pending);
        r.xor = edge;
        r.progress = progress(t, source, depot);
        if (r.progress != null && attempt == 0) {
            r.progress.start(offset);
        }
        t.roots.put(rootId, r);
        if (pending != null && pending.trace != null) {
            pending.trace.roots.add(rootId);
            t.module.cluster.tracedRoots.put(rootId, pending.trace);
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(source);
        if (pending != null && pending.trace != null) {
            pending.trace.rootStart(t.id, src.topology().name(), depot, offset, record, attempt);
        }
        List<String> out = src.decl().out();
        int slot = out.isEmpty() ? -1 : src.program().inputSlot(out.get(0));
        runSegment(t, source, rootId, t.id, edge, f -> {
            if (slot >= 0) {
                f.set(slot, record);
            }
            src.program().run(f);
        });
    }

    static void handleContinue(TaskState t, Continue c) {
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(c.source());
        Instr b = src.program().boundaries().get(c.boundary());
        int[] live = ((Boundary) b).live();
        runSegment(t, c.source(), c.root(), c.origin(), c.edge(), f -> {
            Partitioners.restore(f, live, c.values());
            ((BoundaryInstr) b).continueIn(f);
        });
    }

    /** Runs one segment of an event tree on this task, then commits and reports, or rolls back and fails the root. */
    static void runSegment(TaskState t, int source, long root, int origin, long inEdge, Consumer<Frame> body) {
        ModuleRuntime module = t.module;
        CompiledModule.Source src = module.compiledFor(t.id).sources().get(source);
        StreamContext ctx = new StreamContext(t, source, src, root, origin);
        Frame f = src.program().newFrame(ctx);
        TraceLog trace = Tracing.isOn() ? module.cluster.tracedRoots.get(root) : null;
        Throwable failure;
        if (trace == null) {
            failure = ctx.runIn(f, body);
        } else {
            Tracing.Sink previous = Tracing.enter(trace.segment(t.id, src.topology().name(), src.program()));
            try {
                failure = ctx.runIn(f, body);
            } finally {
                Tracing.exit(previous);
            }
            trace.segmentEnd(t.id, src.topology().name(), failure == null ? null : failure.toString());
        }
        if (failure == null) {
            ctx.commit();
            ctx.afterCommit();
            long outXor = ctx.asyncXor;
            for (StreamContext.Outgoing o : ctx.outgoing) {
                outXor ^= o.message().edge();
                module.send(t.id, o.task(), "continue " + src.topology().name() + " on task " + o.task(), o.message(),
                        Streams::handleContinue);
            }
            report(t, origin, new Ack(root, inEdge ^ outXor, List.copyOf(ctx.ackReturns)));
        } else {
            ctx.rollback();
            String error = failure.toString();
            ModuleRuntime.LOG.log(Level.WARNING, t.where() + ", topology " + src.topology().name() + ": event failed (root "
                    + Long.toHexString(root) + "), retrying as the source's retry mode says", failure);
            report(t, origin, new Fail(root, error));
        }
    }

    private static void report(TaskState t, int origin, Object msg) {
        if (origin == t.id) {
            deliverReport(t, msg);
        } else {
            t.module.send(t.id, origin, msg instanceof Ack ? "ack" : "fail", msg, Streams::deliverReport);
        }
    }

    private static void deliverReport(TaskState t, Object msg) {
        if (msg instanceof Ack) {
            handleAck(t, (Ack) msg);
        } else {
            handleFail(t, (Fail) msg);
        }
    }

    static void handleAck(TaskState t, Ack a) {
        Root r = t.roots.get(a.root());
        if (r == null) {
            return; // a report of an attempt that failed and was retried
        }
        r.xor ^= a.xor();
        r.ackReturns.addAll(a.ackReturns());
        if (r.xor == 0) {
            t.roots.remove(a.root());
            finish(t, r);
        }
    }

    /** A root's tree is done: its ack return goes to the waiting client, which is answered when every topology is done. */
    private static void finish(TaskState t, Root r) {
        checkpointDone(t, r);
        Pending p = r.pending;
        if (p == null) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(r.source);
        if (!r.ackReturns.isEmpty()) {
            p.returns.put(src.topology().name(), combine(src.decl().options().ackReturnAgg(), r.ackReturns));
        }
        if (--p.remaining == 0) {
            Map<String, Object> returns = Collections.unmodifiableMap(new HashMap<>(p.returns));
            whenSynced(t, failure -> t.module.cluster.completeClient(p.result, failure == null ? returns : null,
                    failure == null ? null : syncFailed(t, r.depot, failure)));
        }
    }

    /** Several ack returns of one record: combined by the source's ackReturnAgg, else the last one. */
    static Object combine(AggSpec agg, List<Object> values) {
        if (agg == null) {
            return values.get(values.size() - 1);
        }
        AggPlans.AggFn fn = AggPlans.of(agg, 0);
        Object state = null;
        for (Object v : values) {
            state = fn.add(state, new Object[] {v});
        }
        return fn.finish(state);
    }

    static void handleFail(TaskState t, Fail f) {
        Root r = t.roots.remove(f.root());
        if (r == null) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(r.source);
        ModuleIR.SourceOptions.RetryMode mode = src.decl().options().retryMode();
        switch (mode) {
            case NONE:
                ModuleRuntime.LOG.warning(t.where() + ", topology " + src.topology().name() + ": record " + r.offset
                        + " of " + r.depot + " failed and is not retried (retryNone): " + f.error());
                r.ackReturns.clear();
                finish(t, r);
                return;
            case ALL_AFTER:
                if (t.depotLogs.containsKey(r.depot)) {
                    retryAllAfter(t, r);
                    return;
                }
                // a mirrored depot's log is in its own module: retry the record alone
                t.module.cluster.scheduler.schedule(backoffMillis(r.attempt), t.module.lane(t.id),
                        "retry " + src.topology().name() + " record " + r.offset,
                        () -> startRoot(t, r.source, r.depot, r.offset, r.record, r.attempt + 1, r.pending));
                return;
            default:
                t.module.cluster.scheduler.schedule(backoffMillis(r.attempt), t.module.lane(t.id),
                        "retry " + src.topology().name() + " record " + r.offset,
                        () -> startRoot(t, r.source, r.depot, r.offset, r.record, r.attempt + 1, r.pending));
        }
    }

    /** retryAllAfter: the failed record and every later record of its partition run again, in order. */
    private static void retryAllAfter(TaskState t, Root failed) {
        Map<Long, Pending> waiting = new HashMap<>();
        List<Long> cancel = new ArrayList<>();
        for (Map.Entry<Long, Root> e : t.roots.entrySet()) {
            Root r = e.getValue();
            if (r.source == failed.source && r.offset > failed.offset) {
                cancel.add(e.getKey());
                if (r.pending != null) {
                    waiting.put(r.offset, r.pending);
                }
            }
        }
        for (Long id : cancel) {
            t.roots.remove(id);
        }
        DepotLog log = t.depotLogs.get(failed.depot);
        // the records started so far; later appends start on their own
        long end = log.endOffset();
        t.module.cluster.scheduler.schedule(backoffMillis(failed.attempt), t.module.lane(t.id),
                "retry-all-after record " + failed.offset, () -> {
                    startRoot(t, failed.source, failed.depot, failed.offset, failed.record, failed.attempt + 1, failed.pending);
                    if (end > failed.offset + 1) {
                        List<Object> later = DepotMigrations.read(t, failed.depot, log, failed.offset + 1, end);
                        for (int i = 0; i < later.size(); i++) {
                            long off = failed.offset + 1 + i;
                            if (DepotMigrations.removed(later.get(i))) {
                                continue;
                            }
                            startRoot(t, failed.source, failed.depot, off, later.get(i), failed.attempt + 1, waiting.get(off));
                        }
                    }
                });
    }

    /** 10 ms doubling to at most 1 s: a record that always fails keeps retrying without flooding. */
    static long backoffMillis(int attempt) {
        return Math.min(1000L, 10L << Math.min(attempt, 7));
    }
}
