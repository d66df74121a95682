package dev.floe.runtime;

import dev.floe.compiler.CompiledModule;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.BatchSources;
import dev.floe.exec.Frame;
import dev.floe.exec.Instr;
import dev.floe.exec.Instrs;
import dev.floe.exec.PStateHandle;
import dev.floe.store.PStatePartition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a microbatch segment's code sees: its topology's PStates in the attempt's working version
 * (committed or rolled back with the whole attempt), other PStates committed, the microbatch id,
 * and the steps that spread an attempt over tasks (partitioners, explodeMicrobatch) or hand work
 * to the coordinator (batch blocks, whose rows stay on the task until the coordinator aggregates).
 */
final class MicrobatchContext extends TaskContext {
    /** A message to send when the segment ends. */
    record Outgoing(int task, String what, Object message, BiConsumer<TaskState, Object> handler, long edge) {}

    private final String topology;
    private final Microbatches.AttemptKey attempt;
    private final int source;
    private final CompiledModule.Source src;
    final List<Outgoing> outgoing = new ArrayList<>();
    final Set<Microbatches.BatchKey> rowsHeld = new LinkedHashSet<>();
    /** Batch blocks this segment combined rows of into partial aggregates (two-phase aggregation). */
    final Set<Microbatches.BatchKey> partialsHeld = new LinkedHashSet<>();
    /** Batch blocks started by this segment, with the values their post-aggregation code needs. */
    final java.util.Map<Microbatches.BatchKey, Object[]> started = new java.util.LinkedHashMap<>();

    MicrobatchContext(TaskState t, String topology, Microbatches.AttemptKey attempt, int source,
            CompiledModule.Source src) {
        super(t);
        this.topology = topology;
        this.attempt = attempt;
        this.source = source;
        this.src = src;
    }

    @Override
    String where() {
        return t.where() + ", microbatch topology " + topology;
    }

    @Override
    public PStateHandle pstate(String name) {
        if (t.module.mirrorPStates.containsKey(name)) {
            return mirrorView(name);
        }
        if (!t.module.pstates.containsKey(name) && name.startsWith("$$")) {
            // a temporary PState of the attempt (materialize, compoundAgg(...).out("$$tmp")), per task
            return t.microbatch(topology).temps.computeIfAbsent(name, n -> new dev.floe.store.MemoryPState(n,
                    new dev.floe.ir.SchemaIR.ClassSchema(Object.class.getName()), null));
        }
        PStatePartition p = partitionOf(name);
        if (p == null) {
            return null;
        }
        if (topology.equals(t.module.pstateOwner.get(name))) {
            t.microbatch(topology).touched.putIfAbsent(name, p);
            return p;
        }
        return new StreamContext.CommittedView(p, topology, t.module.pstateOwner.get(name));
    }

    @Override
    public void ackReturn(Object value) {
        throw new IllegalStateException(where() + ": ackReturn is only valid in stream topologies");
    }

    @SuppressWarnings("unchecked")
    private <M> void queue(int task, String what, M message, BiConsumer<TaskState, M> handler, long edge) {
        outgoing.add(new Outgoing(task, what, message, (BiConsumer<TaskState, Object>) (BiConsumer<?, ?>) handler, edge));
    }

    @Override
    public void partition(Instrs.Partition p, Frame f) {
        int boundary = src.program().boundaryIndex(p);
        List<int[]> routes = Partitioners.route(t, p, f, -1, where());
        BatchInstr combining = preCombining(p, routes);
        if (combining != null) {
            // two-phase aggregation: the row is combined here into the partial for its destination
            Microbatches.BatchKey key = new Microbatches.BatchKey(source, src.program().boundaryIndex(combining));
            java.util.Map<Integer, BatchInstr.Partial> partials = t.microbatch(topology).outbound
                    .computeIfAbsent(key, k -> new java.util.TreeMap<>());
            for (int[] to : routes) {
                combining.preCombine(partials.computeIfAbsent(to[0], k -> new BatchInstr.Partial()), f);
            }
            partialsHeld.add(key);
            return;
        }
        for (int[] to : routes) {
            long edge = t.random.nextLong();
            Object[] values = Partitioners.withMirror(Partitioners.liveValues(p, f), to[1] < 0 ? null : p.pobject(), to[1]);
            queue(to[0], "continue " + topology + " on task " + to[0],
                    new Microbatches.Continue(topology, attempt, source, boundary, values, edge),
                    Microbatches::handleContinue, edge);
        }
    }

    /**
     * The batch block whose rows {@code p} sends straight into its two-phase aggregation, or null
     * (then rows travel as they are; so too through a partitioner to a mirror's tasks).
     */
    private BatchInstr preCombining(Instrs.Partition p, List<int[]> routes) {
        for (int[] to : routes) {
            if (to[1] >= 0) {
                return null;
            }
        }
        for (Instr in : src.program().batches()) {
            BatchInstr b = (BatchInstr) in;
            if (b.preCombinesAt(p)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void explodeMicrobatch(BatchSources.Explode x, Frame f) {
        Object v = x.microbatchValue(f);
        if (!(v instanceof Microbatches.MicrobatchRef)) {
            throw new IllegalArgumentException(where() + ": " + x.step() + " needs the microbatch var of its source, got "
                    + ModuleRuntime.describe(v));
        }
        Microbatches.MicrobatchRef mb = (Microbatches.MicrobatchRef) v;
        int[] live = x.live();
        Object[] values = new Object[live.length];
        for (int i = 0; i < live.length; i++) {
            values[i] = f.get(live[i]);
        }
        int boundary = src.program().boundaryIndex(x);
        for (int task = 0; task < mb.start().length; task++) {
            if (mb.end()[task] > mb.start()[task]) {
                long edge = t.random.nextLong();
                queue(task, "explode " + mb + " on task " + task,
                        new Microbatches.Explode(topology, attempt, source, boundary, values, mb, edge),
                        Microbatches::handleExplode, edge);
            }
        }
    }

    @Override
    public void invokeQuery(Instrs.InvokeQuery q, Frame f) {
        int boundary = src.program().boundaryIndex(q);
        invokeLater(q, f, (tt, edge, live, r) -> Microbatches.resumeInvoke(tt, topology, attempt, source, boundary, edge,
                live, r));
    }

    @Override
    public void eachAsync(Instrs.EachAsync x, Frame f) {
        int boundary = src.program().boundaryIndex(x);
        eachAsyncLater(x, f, (tt, edge, live, r) -> Microbatches.resumeInvoke(tt, topology, attempt, source, boundary, edge,
                live, r));
    }

    @Override
    public void yieldIfOvertime(Instrs.Yield y, Frame f) {
        if (!overtime()) {
            y.continueIn(f);
            return;
        }
        long edge = t.random.nextLong();
        queue(t.id, "continue " + topology + " after yielding", new Microbatches.Continue(topology, attempt, source,
                src.program().boundaryIndex(y), Partitioners.liveValues(y, f), edge), Microbatches::handleContinue, edge);
    }

    @Override
    public void depotAppend(String depot, Object record, dev.floe.AckLevel level) {
        super.depotAppend(depot, record, level);
        // a microbatch's appends happen once, when its attempt commits
        Object[] a = appends.remove(appends.size() - 1);
        t.microbatch(topology).appends.add(a);
    }

    @Override
    public void batch(BatchInstr b, Frame f) {
        int[] live = b.liveAfter();
        Object[] values = new Object[live.length];
        for (int i = 0; i < live.length; i++) {
            values[i] = f.get(live[i]);
        }
        // the coordinator starts its sources once everything before it is done
        started.putIfAbsent(new Microbatches.BatchKey(source, src.program().boundaryIndex(b)), values);
    }

    @Override
    public void explodeMaterialized(BatchSources.ExplodeRows x, Frame f) {
        // every task emits the rows materialized on it
        int boundary = src.program().boundaryIndex(x);
        Object[] values = Partitioners.liveValues(x, f);
        for (int task = 0; task < t.module.numTasks; task++) {
            long edge = t.random.nextLong();
            queue(task, "explode materialized rows on task " + task,
                    new Microbatches.Continue(topology, attempt, source, boundary, values, edge), Microbatches::handleContinue, edge);
        }
    }

    @Override
    public void batchRow(BatchInstr.Source s, Object[] row) {
        for (Instr in : src.program().batches()) {
            BatchInstr b = (BatchInstr) in;
            int i = b.sourceIndex(s);
            if (i >= 0) {
                Microbatches.BatchKey key = new Microbatches.BatchKey(source, src.program().boundaryIndex(b));
                rowsHeld.add(key);
                t.microbatch(topology).rows.computeIfAbsent(key, k -> Microbatches.emptyRelations(b)).get(i).add(row);
                return;
            }
        }
        throw new IllegalStateException(where() + ": a row of an unknown batch block source");
    }

    @Override
    public long currentMicrobatchId() {
        return attempt.id();
    }

    @Override
    public String currentTopologyType() {
        return "microbatch";
    }
}
