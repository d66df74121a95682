package dev.floe.runtime;

import dev.floe.compiler.CompiledModule;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.BatchSources;
import dev.floe.exec.Boundary;
import dev.floe.exec.BoundaryInstr;
import dev.floe.exec.Frame;
import dev.floe.exec.Instr;
import dev.floe.exec.Instrs;
import dev.floe.store.DepotLog;
import dev.floe.store.PStatePartition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Microbatch topologies. A coordinator on task 0 runs one microbatch at a time per topology: it
 * asks every task for the end offsets of its depot partitions, takes the records since the last
 * committed microbatch (at most {@link #MAX_RECORDS_PER_PARTITION} per partition), and starts an
 * attempt: every source's code runs on task 0 with the microbatch var bound, and
 * {@code explodeMicrobatch} continues on each task with that task's records. Segments report to
 * the coordinator with the XOR scheme of stream topologies; each time the attempt goes quiet, the
 * coordinator runs the aggregation of the earliest batch block that has started (on every task
 * holding its rows, or task 0 when none does) and waits for quiet again. When nothing is left it
 * tells every task to commit the attempt's PState writes and, once all have, records the
 * microbatch as processed and starts the next.
 *
 * <p>Exactly once: an attempt's writes go to the working versions of the topology's PStates, which
 * other readers do not see; a failure anywhere aborts the attempt on every task (its writes are
 * rolled back, its rows dropped, its late messages ignored) and the same microbatch — same id,
 * same records — runs again after a back-off.
 */
final class Microbatches {
    private Microbatches() {}

    /** At most this many records of one depot partition go into one microbatch. */
    static final int MAX_RECORDS_PER_PARTITION = 1000;

    /** The records of one depot a microbatch takes: for each partition, offsets [start, end). */
    record MicrobatchRef(String topology, long id, String depot, long[] start, long[] end) implements Serializable {
        long size() {
            long n = 0;
            for (int i = 0; i < start.length; i++) {
                n += end[i] - start[i];
            }
            return n;
        }

        @Override
        public String toString() {
            return "Microbatch(" + topology + " #" + id + ", " + depot + ", " + size() + " records)";
        }
    }

    /** One attempt of one microbatch; ordered, so messages of finished attempts are recognised. */
    record AttemptKey(long id, int attempt) implements Serializable, Comparable<AttemptKey> {
        @Override
        public int compareTo(AttemptKey o) {
            int c = Long.compare(id, o.id);
            return c != 0 ? c : Integer.compare(attempt, o.attempt);
        }
    }

    /** A batch block of a source's program. */
    record BatchKey(int source, int batch) implements Serializable, Comparable<BatchKey> {
        @Override
        public int compareTo(BatchKey o) {
            int c = Integer.compare(source, o.source);
            return c != 0 ? c : Integer.compare(batch, o.batch);
        }
    }

    record Continue(String topology, AttemptKey attempt, int source, int boundary, Object[] values, long edge)
            implements Serializable {}

    record Explode(String topology, AttemptKey attempt, int source, int boundary, Object[] values, MicrobatchRef mb,
            long edge) implements Serializable {}

    /** Aggregate a batch block on a task; {@code values} are the variables bound before the block that the code after it reads. */
    record Aggregate(String topology, AttemptKey attempt, BatchKey batch, Object[] values, long edge) implements Serializable {}

    /** Start the sources of a batch block (once per attempt, however many events reached it). */
    record Begin(String topology, AttemptKey attempt, BatchKey batch, Object[] values, long edge) implements Serializable {}

    /**
     * A finished segment: its XOR, the batch blocks it holds rows of, those it holds partial
     * aggregates of (two-phase aggregation, not yet sent), and those it started with their live values.
     */
    record Ack(String topology, AttemptKey attempt, int task, long xor, List<BatchKey> rowsHeld,
            List<BatchKey> partialsHeld, List<BatchKey> started, List<Object[]> startedValues) implements Serializable {}

    /** Send the partial aggregates of a batch block this task combined to the tasks they are for. */
    record Flush(String topology, AttemptKey attempt, BatchKey batch, long edge) implements Serializable {}

    /**
     * The partial aggregates of a batch block one task combined for another (see
     * {@link BatchInstr#partialRows}), in place of the rows.
     */
    record Partials(String topology, AttemptKey attempt, BatchKey batch, int from, List<Object[]> rows, long edge)
            implements Serializable {}

    record Fail(String topology, AttemptKey attempt, String error) implements Serializable {}

    record Finish(String topology, AttemptKey attempt, boolean commit) implements Serializable {}

    record Finished(String topology, AttemptKey attempt) implements Serializable {}

    /** The second phase: the microbatch is decided, apply its writes. */
    record Apply(String topology, AttemptKey attempt) implements Serializable {}

    record Applied(String topology, AttemptKey attempt) implements Serializable {}

    record OffsetsReply(String topology, int task, Map<String, Long> ends) implements Serializable {}

    /** The per-task state of a microbatch topology: its attempt's rows and touched PStates. */
    static final class TaskMb {
        final Map<BatchKey, List<List<Object[]>>> rows = new HashMap<>();
        /** Two-phase aggregation: the partial aggregates combined here, per block and destination task. */
        final Map<BatchKey, Map<Integer, BatchInstr.Partial>> outbound = new HashMap<>();
        /** Two-phase aggregation: the partial aggregates other tasks (or this one) sent here, per block. */
        final Map<BatchKey, List<Object[]>> partials = new HashMap<>();
        final Map<String, PStatePartition> touched = new LinkedHashMap<>();
        /** depotPartitionAppends of the attempt on this task, applied when it commits. */
        final List<Object[]> appends = new ArrayList<>();
        /** The attempt's temporary PStates on this task (materialize, compoundAgg into $$tmp). */
        final Map<String, PStatePartition> temps = new HashMap<>();
        AttemptKey finished;
        /** The attempt whose writes wait for the coordinator's decision (the second phase), or null. */
        AttemptKey prepared;

        boolean isStale(AttemptKey a) {
            return finished != null && a.compareTo(finished) <= 0;
        }
    }

    /** A waiter for a processed count. */
    record Waiter(long count, CompletableFuture<Void> done) {}

    /** The coordinator of one microbatch topology, on task 0. */
    static final class Coordinator {
        enum State {
            IDLE, PREPARING, RUNNING, FINISHING, APPLYING
        }

        final String topology;
        final List<Integer> sources;
        final Map<String, long[]> committed = new LinkedHashMap<>();
        State state = State.IDLE;
        boolean paused;
        boolean dirty;
        long nextId;
        long processed;
        final List<Waiter> waiters = new ArrayList<>();
        final List<CompletableFuture<Void>> pauseWaiters = new ArrayList<>();
        final Map<Integer, Map<String, Long>> offsets = new HashMap<>();
        // the running attempt
        AttemptKey key;
        Map<String, MicrobatchRef> refs;
        /** After a restart: the microbatch that was running, to run again with the same records. */
        Map<String, MicrobatchRef> recovered;
        long records;
        long xor;
        boolean failed;
        String failure;
        int finishing;
        final Map<BatchKey, Set<Integer>> rowsAt = new HashMap<>();
        /** The tasks holding partial aggregates of a block that have not been told to send them. */
        final Map<BatchKey, Set<Integer>> partialsAt = new HashMap<>();
        final TreeSet<BatchKey> started = new TreeSet<>();
        final Map<BatchKey, Object[]> startedValues = new HashMap<>();
        final Set<BatchKey> aggregated = new HashSet<>();
        final Set<BatchKey> begun = new HashSet<>();

        Coordinator(String topology, List<Integer> sources, Map<String, Integer> depotPartitions) {
            this.topology = topology;
            this.sources = List.copyOf(sources);
            for (Map.Entry<String, Integer> d : depotPartitions.entrySet()) {
                committed.put(d.getKey(), new long[d.getValue()]);
            }
        }
    }

    // ------------------------------------------------------------------------------ coordinator

    static Coordinator coordinator(TaskState t0, String topology) {
        Coordinator c = t0.coordinators.get(topology);
        if (c == null) {
            throw new IllegalArgumentException("module " + t0.module.name + " has no microbatch topology " + topology
                    + " (microbatch topologies: " + t0.coordinators.keySet() + ")");
        }
        return c;
    }

    /** New records may be waiting (an append to a subscribed depot, a resume, the end of a microbatch). */
    static void nudge(TaskState t0, String topology) {
        Coordinator c = t0.coordinators.get(topology);
        if (c.paused || c.state != Coordinator.State.IDLE) {
            c.dirty = true;
            return;
        }
        prepare(t0, c);
    }

    private static void prepare(TaskState t0, Coordinator c) {
        c.state = Coordinator.State.PREPARING;
        c.dirty = false;
        c.offsets.clear();
        ModuleRuntime m = t0.module;
        for (int task = 0; task < m.numTasks; task++) {
            m.send(t0.id, task, "end offsets for " + c.topology, c.topology, (t, topology) -> {
                Map<String, Long> ends = new HashMap<>();
                for (String depot : t.module.microbatchDepots.get(topology)) {
                    DepotLog log = t.depotLogs.get(depot);
                    if (log != null) {
                        // a microbatch only covers records its depot's fsync policy already made durable
                        if (log.syncPending()) {
                            log.sync();
                        }
                        ends.put(depot, log.endOffset());
                    }
                }
                t.module.send(t.id, 0, "offsets of task " + t.id, new OffsetsReply(topology, t.id, ends),
                        Microbatches::handleOffsets);
            });
        }
    }

    static void handleOffsets(TaskState t0, OffsetsReply r) {
        Coordinator c = t0.coordinators.get(r.topology());
        if (c.state != Coordinator.State.PREPARING) {
            return;
        }
        c.offsets.put(r.task(), r.ends());
        if (c.offsets.size() < t0.module.numTasks) {
            return;
        }
        if (c.paused) {
            becomeIdle(t0, c);
            return;
        }
        Map<String, MicrobatchRef> refs = new LinkedHashMap<>();
        long total = 0;
        if (c.recovered != null) {
            // the microbatch running when the module stopped runs again over the same records:
            // tasks that committed it already skip its writes (see handleFinish)
            refs.putAll(c.recovered);
            for (MicrobatchRef ref : refs.values()) {
                total += ref.size();
            }
            c.recovered = null;
            c.refs = refs;
            c.records = total;
            startAttempt(t0, c, new AttemptKey(c.nextId, 0));
            return;
        }
        for (Map.Entry<String, long[]> d : c.committed.entrySet()) {
            long[] start = d.getValue().clone();
            long[] end = start.clone();
            for (int p = 0; p < start.length; p++) {
                Long e = c.offsets.get(p).get(d.getKey());
                if (e != null) {
                    end[p] = Math.min(e, start[p] + MAX_RECORDS_PER_PARTITION);
                }
            }
            MicrobatchRef ref = new MicrobatchRef(c.topology, c.nextId, d.getKey(), start, end);
            refs.put(d.getKey(), ref);
            total += ref.size();
        }
        if (total == 0) {
            becomeIdle(t0, c);
            if (c.dirty) {
                prepare(t0, c);
            }
            return;
        }
        c.refs = refs;
        c.records = total;
        // durable stores remember which records the microbatch takes before it starts
        t0.module.store.commit(0, List.of(), Map.of(runningKey(c.topology), refsValue(refs)));
        startAttempt(t0, c, new AttemptKey(c.nextId, 0));
    }

    // ------------------------------------------------------------------------------ durability

    /** Task 0's record of the microbatch running: {depot [start-offsets end-offsets]}. */
    static String runningKey(String topology) {
        return "microbatch/" + topology + "/running";
    }

    /** Task 0's record of the coordinator's progress: [next-id processed {depot committed-offsets}]. */
    static String progressKey(String topology) {
        return "microbatch/" + topology + "/progress";
    }

    /** Each task's marker: the id of the last microbatch whose writes it committed. */
    static String appliedKey(String topology) {
        return "microbatch/" + topology + "/applied";
    }

    /**
     * Per task: the write batch of a microbatch it prepared, not yet applied: [id batch-bytes
     * appends], the appends as [depot record] pairs.
     */
    static String stagedKey(String topology) {
        return "microbatch/" + topology + "/staged";
    }

    /**
     * At restart, before anything else reaches the task: a microbatch this task prepared is applied
     * if the coordinator decided it before the stop (its progress is past it), else dropped (the
     * coordinator runs it again, on tasks none of which applied it).
     */
    static void recoverStaged(TaskState t) {
        ModuleRuntime.StoreFactory store = t.module.store;
        for (String topology : t.module.microbatchDepots.keySet()) {
            Object staged = store.meta(t.id, stagedKey(topology));
            if (!(staged instanceof List)) {
                continue;
            }
            List<?> st = (List<?>) staged;
            long id = ((Number) st.get(0)).longValue();
            Object progress = store.meta(0, progressKey(topology));
            boolean decided = progress != null && ((Number) ((List<?>) progress).get(0)).longValue() > id;
            Map<String, Object> meta = new HashMap<>();
            meta.put(stagedKey(topology), null);
            if (decided) {
                List<Object[]> appends = new ArrayList<>();
                for (Object o : (List<?>) st.get(2)) {
                    List<?> a = (List<?>) o;
                    appends.add(new Object[] {a.get(0), a.get(1)});
                }
                meta.put(appliedKey(topology), id);
                meta.put(appendsKey(topology), appends.isEmpty() ? null : dueAppends(t, appends));
                store.applyPrepared(t.id, (byte[]) st.get(1), meta);
            } else {
                store.commit(t.id, List.of(), meta);
            }
        }
    }

    /** Per task: the depotPartitionAppends of its last committed microbatch, as [depot offset record] triples. */
    static String appendsKey(String topology) {
        return "microbatch/" + topology + "/appends";
    }

    /**
     * At restart, before anything else reaches the task: the depotPartitionAppends of a microbatch
     * whose commit was written but whose appends were cut short by a crash are appended now, each
     * at the offset it was due at (the commit recorded them), so they happen exactly once.
     */
    static void recoverAppends(TaskState t) {
        for (String topology : t.module.microbatchDepots.keySet()) {
            Object pending = t.module.store.meta(t.id, appendsKey(topology));
            if (!(pending instanceof List)) {
                continue;
            }
            for (Object o : (List<?>) pending) {
                List<?> a = (List<?>) o;
                String depot = (String) a.get(0);
                long due = ((Number) a.get(1)).longValue();
                DepotLog log = t.depotLogs.get(depot);
                long end = log.endOffset();
                if (end == due) {
                    Streams.appendHere(t, depot, a.get(2));
                } else if (end < due) {
                    // the log lost records it had before the crash (not fsynced): appending now keeps the record
                    ModuleRuntime.LOG.warning(t.where() + ": depot " + depot + " ends at offset " + end + ", below "
                            + due + " where microbatch topology " + topology + " appended a record before a crash"
                            + " (depot records were lost: use FsyncPolicy.GROUP to keep them); appending it at " + end);
                    Streams.appendHere(t, depot, a.get(2));
                }
            }
        }
    }

    private static Object refsValue(Map<String, MicrobatchRef> refs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MicrobatchRef r : refs.values()) {
            out.put(r.depot(), List.of(longs(r.start()), longs(r.end())));
        }
        return out;
    }

    static List<Long> longs(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }

    static long[] longs(Object list) {
        List<?> l = (List<?>) list;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).longValue();
        }
        return out;
    }

    private static Object progressValue(Coordinator c) {
        Map<String, Object> committed = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> d : c.committed.entrySet()) {
            committed.put(d.getKey(), longs(d.getValue()));
        }
        return List.of(c.nextId, c.processed, committed);
    }

    /** Persists the coordinator's progress (after an update set it, or a microbatch finished). */
    static void persistProgress(TaskState t0, Coordinator c) {
        Map<String, Object> meta = new HashMap<>();
        meta.put(progressKey(c.topology), progressValue(c));
        meta.put(runningKey(c.topology), null);
        t0.module.store.commit(0, List.of(), meta);
    }

    /**
     * Restores a coordinator from task 0's durable records: its progress, and the microbatch that
     * was running when the module stopped, which runs again first. True when there was progress to
     * restore.
     */
    static boolean recover(TaskState t0, Coordinator c) {
        ModuleRuntime.StoreFactory store = t0.module.store;
        Object progress = store.meta(0, progressKey(c.topology));
        if (progress != null) {
            List<?> p = (List<?>) progress;
            c.nextId = ((Number) p.get(0)).longValue();
            c.processed = ((Number) p.get(1)).longValue();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) p.get(2)).entrySet()) {
                long[] kept = longs(e.getValue());
                long[] mine = c.committed.get((String) e.getKey());
                if (mine != null) {
                    System.arraycopy(kept, 0, mine, 0, Math.min(kept.length, mine.length));
                }
            }
        }
        Object running = store.meta(0, runningKey(c.topology));
        if (running != null) {
            Map<String, MicrobatchRef> refs = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) running).entrySet()) {
                List<?> se = (List<?>) e.getValue();
                String depot = (String) e.getKey();
                if (c.committed.containsKey(depot)) {
                    refs.put(depot, new MicrobatchRef(c.topology, c.nextId, depot, longs(se.get(0)), longs(se.get(1))));
                }
            }
            c.recovered = refs.isEmpty() ? null : refs;
        }
        return progress != null || running != null;
    }

    private static void startAttempt(TaskState t0, Coordinator c, AttemptKey key) {
        c.state = Coordinator.State.RUNNING;
        c.key = key;
        c.xor = 0;
        c.failed = false;
        c.failure = null;
        c.rowsAt.clear();
        c.partialsAt.clear();
        c.started.clear();
        c.startedValues.clear();
        c.aggregated.clear();
        c.begun.clear();
        long[] edges = new long[c.sources.size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = t0.random.nextLong();
            c.xor ^= edges[i];
        }
        for (int i = 0; i < edges.length; i++) {
            int source = c.sources.get(i);
            CompiledModule.Source src = t0.module.compiledFor(0).sources().get(source);
            MicrobatchRef ref = c.refs.get(src.decl().depot());
            List<String> out = src.decl().out();
            int slot = out.isEmpty() ? -1 : src.program().inputSlot(out.get(0));
            runSegment(t0, c.topology, key, source, edges[i], f -> {
                if (slot >= 0) {
                    f.set(slot, ref);
                }
                src.program().run(f);
            });
        }
    }

    static void handleAck(TaskState t0, Ack a) {
        Coordinator c = t0.coordinators.get(a.topology());
        if (c.state != Coordinator.State.RUNNING || !a.attempt().equals(c.key) || c.failed) {
            return;
        }
        for (BatchKey b : a.rowsHeld()) {
            c.rowsAt.computeIfAbsent(b, k -> new TreeSet<>()).add(a.task());
        }
        for (BatchKey b : a.partialsHeld()) {
            c.partialsAt.computeIfAbsent(b, k -> new TreeSet<>()).add(a.task());
        }
        for (int i = 0; i < a.started().size(); i++) {
            c.started.add(a.started().get(i));
            c.startedValues.putIfAbsent(a.started().get(i), a.startedValues().get(i));
        }
        c.xor ^= a.xor();
        if (c.xor != 0) {
            return;
        }
        // quiet: start the sources of the earliest batch block reached but not started (once per
        // attempt, however many events reached it: each block is a barrier) ...
        for (BatchKey b : c.started) {
            if (c.begun.add(b)) {
                long edge = t0.random.nextLong();
                c.xor ^= edge;
                t0.module.send(t0.id, 0, "start batch " + b.batch() + " of " + c.topology,
                        new Begin(c.topology, c.key, b, c.startedValues.get(b), edge), Microbatches::handleBegin);
                return;
            }
        }
        // ... else aggregate the earliest batch block that started, has not been aggregated, and has
        // no started block inside its sources still to aggregate (a sub-batch goes first)
        for (BatchKey b : c.started) {
            if (c.aggregated.contains(b) || hasPendingInside(t0, c, b)) {
                continue;
            }
            // two-phase aggregation: every row of the block has been combined where it was, so the
            // partial aggregates go where the rows would have met; aggregate when they are there
            Set<Integer> holders = c.partialsAt.remove(b);
            if (holders != null) {
                for (int task : holders) {
                    long edge = t0.random.nextLong();
                    c.xor ^= edge;
                    t0.module.send(t0.id, task, "send partial aggregates of " + c.topology + " batch " + b.batch(),
                            new Flush(c.topology, c.key, b, edge), Microbatches::handleFlush);
                }
                return;
            }
            c.aggregated.add(b);
            Set<Integer> tasks = c.rowsAt.getOrDefault(b, Set.of(0));
            long[] edges = new long[tasks.size()];
            for (int i = 0; i < edges.length; i++) {
                edges[i] = t0.random.nextLong();
                c.xor ^= edges[i];
            }
            int i = 0;
            for (int task : tasks) {
                t0.module.send(t0.id, task, "aggregate " + c.topology + " batch " + b.batch(),
                        new Aggregate(c.topology, c.key, b, c.startedValues.get(b), edges[i++]), Microbatches::handleAggregate);
            }
            return;
        }
        finish(t0, c, true);
    }

    private static boolean hasPendingInside(TaskState t0, Coordinator c, BatchKey b) {
        CompiledModule.Source src = t0.module.compiledFor(0).sources().get(b.source());
        for (int inner : src.program().batchesInside(b.batch())) {
            BatchKey k = new BatchKey(b.source(), inner);
            if (c.started.contains(k) && !c.aggregated.contains(k)) {
                return true;
            }
        }
        return false;
    }

    static void handleFail(TaskState t0, Fail f) {
        Coordinator c = t0.coordinators.get(f.topology());
        if (c.state != Coordinator.State.RUNNING || !f.attempt().equals(c.key) || c.failed) {
            return;
        }
        c.failed = true;
        c.failure = f.error();
        ModuleRuntime.LOG.warning("module " + t0.module.name + ", microbatch topology " + c.topology + ": attempt "
                + c.key.attempt() + " of microbatch " + c.key.id() + " failed, rolling back and retrying: " + f.error());
        finish(t0, c, false);
    }

    private static void finish(TaskState t0, Coordinator c, boolean commit) {
        c.state = Coordinator.State.FINISHING;
        c.finishing = t0.module.numTasks;
        for (int task = 0; task < t0.module.numTasks; task++) {
            t0.module.send(t0.id, task, (commit ? "commit " : "abort ") + c.topology + " #" + c.key.id(),
                    new Finish(c.topology, c.key, commit), Microbatches::handleFinish);
        }
    }

    /**
     * The first phase of the end of an attempt: on commit, the task prepares its writes (durably,
     * where the store keeps data) and keeps them pending until the coordinator decides; on abort it
     * rolls them back.
     */
    static void handleFinish(TaskState t, Finish f) {
        TaskMb mb = t.microbatch(f.topology());
        boolean commit = f.commit();
        ModuleRuntime.StoreFactory store = t.module.store;
        if (commit && store.durable()) {
            // defensive: a task never applies a microbatch twice
            Object applied = store.meta(t.id, appliedKey(f.topology()));
            if (applied != null && ((Number) applied).longValue() >= f.attempt().id()) {
                commit = false;
            }
        }
        mb.rows.clear();
        mb.outbound.clear();
        mb.partials.clear();
        mb.temps.clear();
        if (commit) {
            mb.prepared = f.attempt();
            byte[] batch = store.prepare(t.id, mb.touched.values(),
                    Map.of(appliedKey(f.topology()), f.attempt().id()));
            if (batch != null) {
                List<Object> appends = new ArrayList<>();
                for (Object[] a : mb.appends) {
                    appends.add(List.of(a[0], a[1]));
                }
                store.commit(t.id, List.of(), Map.of(stagedKey(f.topology()), List.of(f.attempt().id(), batch, appends)));
            }
        } else {
            for (PStatePartition p : mb.touched.values()) {
                p.rollback();
            }
            mb.touched.clear();
            mb.appends.clear();
            mb.prepared = null;
        }
        mb.finished = f.attempt();
        t.module.send(t.id, 0, "finished " + f.topology(), new Finished(f.topology(), f.attempt()),
                Microbatches::handleFinished);
    }

    /** The second phase: the coordinator decided; the task applies what it prepared, then its depot appends. */
    static void handleApply(TaskState t, Apply a) {
        TaskMb mb = t.microbatch(a.topology());
        if (a.attempt().equals(mb.prepared)) {
            Map<String, Object> meta = new HashMap<>();
            meta.put(appliedKey(a.topology()), a.attempt().id());
            if (t.module.store.durable()) {
                // the appends go in the commit too, with their offsets, so a crash before they are
                // made cannot lose them (recoverAppends); an empty list clears the last ones
                meta.put(appendsKey(a.topology()), mb.appends.isEmpty() ? null : dueAppends(t, mb.appends));
                meta.put(stagedKey(a.topology()), null);
            }
            Proxies.commit(t, mb.touched.values(), meta);
            mb.touched.clear();
            List<Object[]> appends = new ArrayList<>(mb.appends);
            mb.appends.clear();
            mb.prepared = null;
            for (Object[] r : appends) {
                Streams.appendHere(t, (String) r[0], r[1]);
            }
        }
        t.module.send(t.id, 0, "applied " + a.topology(), new Applied(a.topology(), a.attempt()),
                Microbatches::handleApplied);
    }

    /** [depot offset record] for each append, at the offsets appending them now will give them. */
    private static List<Object> dueAppends(TaskState t, List<Object[]> appends) {
        Map<String, Long> next = new HashMap<>();
        List<Object> out = new ArrayList<>();
        for (Object[] a : appends) {
            String depot = (String) a[0];
            long offset = next.computeIfAbsent(depot, d -> t.depotLogs.get(d).endOffset());
            next.put(depot, offset + 1);
            out.add(List.of(depot, offset, a[1]));
        }
        return out;
    }

    static void handleFinished(TaskState t0, Finished f) {
        Coordinator c = t0.coordinators.get(f.topology());
        if (c.state != Coordinator.State.FINISHING || !f.attempt().equals(c.key) || --c.finishing > 0) {
            return;
        }
        if (c.failed) {
            AttemptKey retry = new AttemptKey(c.key.id(), c.key.attempt() + 1);
            c.state = Coordinator.State.RUNNING;
            t0.module.cluster.scheduler.schedule(Streams.backoffMillis(c.key.attempt()), t0.module.lane(0),
                    "retry " + c.topology + " #" + retry.id(), () -> startAttempt(t0, c, retry));
            return;
        }
        for (MicrobatchRef ref : c.refs.values()) {
            c.committed.put(ref.depot(), ref.end().clone());
        }
        c.processed += c.records;
        c.nextId++;
        // every task prepared: recording the progress decides the microbatch (after a restart the
        // prepared writes are applied, not run again); then every task applies its writes
        persistProgress(t0, c);
        c.state = Coordinator.State.APPLYING;
        c.finishing = t0.module.numTasks;
        for (int task = 0; task < t0.module.numTasks; task++) {
            t0.module.send(t0.id, task, "apply " + c.topology + " #" + c.key.id(), new Apply(c.topology, c.key),
                    Microbatches::handleApply);
        }
    }

    static void handleApplied(TaskState t0, Applied a) {
        Coordinator c = t0.coordinators.get(a.topology());
        if (c.state != Coordinator.State.APPLYING || !a.attempt().equals(c.key) || --c.finishing > 0) {
            return;
        }
        c.waiters.removeIf(w -> {
            if (c.processed >= w.count()) {
                t0.module.cluster.completeClient(w.done(), null, null);
                return true;
            }
            return false;
        });
        becomeIdle(t0, c);
        if (!c.paused) {
            // there may be more records than one microbatch takes, or new ones
            prepare(t0, c);
        }
    }

    /** No microbatch runs: a pause waiting for that completes. */
    private static void becomeIdle(TaskState t0, Coordinator c) {
        c.state = Coordinator.State.IDLE;
        if (c.paused) {
            for (CompletableFuture<Void> p : c.pauseWaiters) {
                t0.module.cluster.completeClient(p, null, null);
            }
            c.pauseWaiters.clear();
        }
    }

    /** Pauses: completes once no microbatch of the topology runs; none starts until {@link #resume}. */
    static void pause(TaskState t0, String topology, CompletableFuture<Void> done) {
        Coordinator c = coordinator(t0, topology);
        c.paused = true;
        if (c.state == Coordinator.State.IDLE) {
            t0.module.cluster.completeClient(done, null, null);
        } else {
            c.pauseWaiters.add(done);
        }
    }

    static void resume(TaskState t0, String topology) {
        Coordinator c = coordinator(t0, topology);
        c.paused = false;
        if (c.state == Coordinator.State.IDLE) {
            prepare(t0, c);
        }
    }

    static void waitForProcessed(TaskState t0, String topology, long count, CompletableFuture<Void> done) {
        Coordinator c = coordinator(t0, topology);
        if (c.processed >= count) {
            t0.module.cluster.completeClient(done, null, null);
        } else {
            c.waiters.add(new Waiter(count, done));
        }
    }

    // ------------------------------------------------------------------------------ tasks

    static void handleContinue(TaskState t, Continue m) {
        if (t.microbatch(m.topology()).isStale(m.attempt())) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(m.source());
        Instr b = src.program().boundaries().get(m.boundary());
        int[] live = ((Boundary) b).live();
        runSegment(t, m.topology(), m.attempt(), m.source(), m.edge(), f -> {
            Partitioners.restore(f, live, m.values());
            ((BoundaryInstr) b).continueIn(f);
        });
    }

    static void handleExplode(TaskState t, Explode m) {
        if (t.microbatch(m.topology()).isStale(m.attempt())) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(m.source());
        BatchSources.Explode x = (BatchSources.Explode) src.program().boundaries().get(m.boundary());
        int[] live = x.live();
        DepotLog log = t.depotLogs.get(m.mb().depot());
        List<Object> records = DepotMigrations.present(DepotMigrations.read(t, m.mb().depot(), log, m.mb().start()[t.id],
                m.mb().end()[t.id]));
        runSegment(t, m.topology(), m.attempt(), m.source(), m.edge(), f -> {
            Partitioners.restore(f, live, m.values());
            x.emitRecords(f, records);
        });
    }

    static void handleAggregate(TaskState t, Aggregate m) {
        TaskMb mb = t.microbatch(m.topology());
        if (mb.isStale(m.attempt())) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(m.batch().source());
        BatchInstr batch = (BatchInstr) src.program().batches().get(m.batch().batch());
        List<List<Object[]>> relations = mb.rows.remove(m.batch());
        List<List<Object[]>> rel = relations != null ? relations : emptyRelations(batch);
        List<Object[]> held = mb.partials.remove(m.batch());
        List<Object[]> partials = held != null ? held : List.of();
        int[] live = batch.liveAfter();
        Object[] values = m.values();
        runSegment(t, m.topology(), m.attempt(), m.batch().source(), m.edge(), f -> {
            if (values != null) {
                for (int i = 0; i < live.length && i < values.length; i++) {
                    f.set(live[i], values[i]);
                }
            }
            batch.finish(f, rel, partials);
        });
    }

    /** Two-phase aggregation: sends this task's partial aggregates of a block, one message per destination task. */
    static void handleFlush(TaskState t, Flush m) {
        TaskMb mb = t.microbatch(m.topology());
        if (mb.isStale(m.attempt())) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(m.batch().source());
        BatchInstr batch = (BatchInstr) src.program().batches().get(m.batch().batch());
        Map<Integer, BatchInstr.Partial> out = mb.outbound.remove(m.batch());
        long xor = m.edge();
        if (out != null) {
            for (Map.Entry<Integer, BatchInstr.Partial> e : out.entrySet()) {
                long edge = t.random.nextLong();
                xor ^= edge;
                t.module.send(t.id, e.getKey(), "partial aggregates of " + m.topology() + " batch " + m.batch().batch()
                        + " from task " + t.id + " to task " + e.getKey(), new Partials(m.topology(), m.attempt(), m.batch(),
                                t.id, batch.partialRows(e.getValue()), edge), Microbatches::handlePartials);
            }
        }
        report(t, new Ack(m.topology(), m.attempt(), t.id, xor, List.of(), List.of(), List.of(), List.of()));
    }

    /** Two-phase aggregation: partial aggregates arrive where the block aggregates; they wait for it like rows. */
    static void handlePartials(TaskState t, Partials m) {
        TaskMb mb = t.microbatch(m.topology());
        if (mb.isStale(m.attempt())) {
            return;
        }
        mb.partials.computeIfAbsent(m.batch(), k -> new ArrayList<>()).addAll(m.rows());
        report(t, new Ack(m.topology(), m.attempt(), t.id, m.edge(), List.of(m.batch()), List.of(), List.of(),
                List.of()));
    }

    /** An attempt resuming after a query it invoked answered (or failed). */
    static void resumeInvoke(TaskState t, String topology, AttemptKey attempt, int source, int boundary, long edge,
            Object[] live, Queries.Result r) {
        if (t.microbatch(topology).isStale(attempt)) {
            return;
        }
        if (r.error() != null) {
            report(t, new Fail(topology, attempt, t.where() + ", microbatch topology " + topology + ": "
                    + r.error()));
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(source);
        Instr b = src.program().boundaries().get(boundary);
        int[] slots = ((Boundary) b).live();
        runSegment(t, topology, attempt, source, edge, f -> {
            for (int i = 0; i < slots.length; i++) {
                f.set(slots[i], live[i]);
            }
            ((BoundaryInstr) b).resume(f, r.value());
        });
    }

    static void handleBegin(TaskState t, Begin m) {
        if (t.microbatch(m.topology()).isStale(m.attempt())) {
            return;
        }
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(m.batch().source());
        BatchInstr batch = (BatchInstr) src.program().batches().get(m.batch().batch());
        int[] live = batch.liveAfter();
        runSegment(t, m.topology(), m.attempt(), m.batch().source(), m.edge(), f -> {
            for (int i = 0; i < live.length; i++) {
                f.set(live[i], m.values()[i]);
            }
            batch.startSources(f);
        });
    }

    static List<List<Object[]>> emptyRelations(BatchInstr batch) {
        List<List<Object[]>> out = new ArrayList<>();
        for (int i = 0; i < batch.sources().length; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** Runs one segment of an attempt on this task, then reports to the coordinator. */
    static void runSegment(TaskState t, String topology, AttemptKey attempt, int source, long inEdge, Consumer<Frame> body) {
        CompiledModule.Source src = t.module.compiledFor(t.id).sources().get(source);
        MicrobatchContext ctx = new MicrobatchContext(t, topology, attempt, source, src);
        Frame f = src.program().newFrame(ctx);
        Throwable failure = ctx.runIn(f, body);
        if (failure != null) {
            ModuleRuntime.LOG.log(Level.WARNING, ctx.where() + ": microbatch " + attempt.id() + " attempt "
                    + attempt.attempt() + " failed", failure);
            report(t, new Fail(topology, attempt, ctx.where() + ": " + failure));
            return;
        }
        ctx.afterCommit();
        long outXor = ctx.asyncXor;
        for (MicrobatchContext.Outgoing o : ctx.outgoing) {
            outXor ^= o.edge();
            t.module.send(t.id, o.task(), o.what(), o.message(), o.handler());
        }
        report(t, new Ack(topology, attempt, t.id, inEdge ^ outXor, List.copyOf(ctx.rowsHeld),
                List.copyOf(ctx.partialsHeld), new ArrayList<>(ctx.started.keySet()),
                new ArrayList<>(ctx.started.values())));
    }

    private static void report(TaskState t, Object msg) {
        if (t.id == 0) {
            deliverReport(t, msg);
        } else {
            t.module.send(t.id, 0, msg instanceof Ack ? "microbatch ack" : "microbatch fail", msg,
                    Microbatches::deliverReport);
        }
    }

    private static void deliverReport(TaskState t0, Object msg) {
        if (msg instanceof Ack) {
            handleAck(t0, (Ack) msg);
        } else {
            handleFail(t0, (Fail) msg);
        }
    }
}
