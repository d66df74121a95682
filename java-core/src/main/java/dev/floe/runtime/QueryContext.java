package dev.floe.runtime;

import dev.floe.ModuleInstanceInfo;
import dev.floe.compiler.CompiledModule;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.EventContext;
import dev.floe.exec.Frame;
import dev.floe.exec.Instrs;
import dev.floe.exec.PStateHandle;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.ops.OpsContext;
import dev.floe.store.MemoryPState;
import dev.floe.store.PStatePartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a query invocation's code sees on a task: module PStates read as committed, the
 * invocation's own temporary PState, task globals, and partitioners (originPartition included)
 * that queue the invocation's continuation on other tasks.
 */
final class QueryContext extends TaskContext {
    /** A continuation to send when the segment ends. */
    record Outgoing(int task, Queries.Continue message) {}

    private final CompiledModule.Query q;
    private final long run;
    private final int origin;
    final List<Outgoing> outgoing = new ArrayList<>();
    boolean usedTemp;
    /** True when this segment combined rows into the task's partial aggregate of the invocation. */
    boolean heldPartial;

    QueryContext(TaskState t, CompiledModule.Query q, long run, int origin) {
        super(t);
        this.q = q;
        this.run = run;
        this.origin = origin;
    }

    @Override
    String where() {
        return t.where() + ", query topology " + q.decl().name();
    }

    @Override
    public PStateHandle pstate(String name) {
        if (name.equals("$$" + q.decl().name() + "$$")) {
            usedTemp = true;
            return t.queryTemps.computeIfAbsent(run,
                    r -> new MemoryPState(name, new SchemaIR.ClassSchema(Object.class.getName()), null));
        }
        if (t.module.mirrorPStates.containsKey(name)) {
            return mirrorView(name);
        }
        PStatePartition p = partitionOf(name);
        if (p == null) {
            return null;
        }
        return new StreamContext.CommittedView(p, "query " + q.decl().name(), t.module.pstateOwner.get(name));
    }

    @Override
    public void ackReturn(Object value) {
        throw new IllegalStateException(where() + ": ackReturn is only valid in stream topologies");
    }

    @Override
    public void partition(Instrs.Partition p, Frame f) {
        int boundary = q.program().boundaryIndex(p);
        List<int[]> routes = Partitioners.route(t, p, f, origin, where());
        BatchInstr batch = Queries.batchOf(q);
        if (routes.size() == 1 && routes.get(0)[0] == origin && routes.get(0)[1] < 0 && batch.preCombinesAt(p)) {
            if (t.id == origin && !t.queryRuns.containsKey(run)) {
                return; // the invocation already failed
            }
            // two-phase aggregation: the row is combined here; the origin collects the partials
            batch.preCombine(t.queryPartials.computeIfAbsent(run, r -> new BatchInstr.Partial()), f);
            heldPartial = true;
            return;
        }
        for (int[] to : routes) {
            Object[] values = Partitioners.withMirror(Partitioners.liveValues(p, f), to[1] < 0 ? null : p.pobject(), to[1]);
            outgoing.add(new Outgoing(to[0], new Queries.Continue(q.decl().name(), run, origin, boundary, values,
                    t.random.nextLong())));
        }
    }

    @Override
    public void invokeQuery(Instrs.InvokeQuery iq, Frame f) {
        int boundary = q.program().boundaryIndex(iq);
        String query = q.decl().name();
        invokeLater(iq, f, (tt, edge, live, r) -> Queries.resumeInvoke(tt, query, run, origin, boundary, edge, live, r));
    }

    @Override
    public void eachAsync(Instrs.EachAsync x, Frame f) {
        int boundary = q.program().boundaryIndex(x);
        String query = q.decl().name();
        eachAsyncLater(x, f, (tt, edge, live, r) -> Queries.resumeInvoke(tt, query, run, origin, boundary, edge, live, r));
    }

    @Override
    public void yieldIfOvertime(Instrs.Yield y, Frame f) {
        if (!overtime()) {
            y.continueIn(f);
            return;
        }
        outgoing.add(new Outgoing(t.id, new Queries.Continue(q.decl().name(), run, origin, q.program().boundaryIndex(y),
                Partitioners.liveValues(y, f), t.random.nextLong())));
    }

    @Override
    public void batch(BatchInstr b, Frame f) {
        b.startSources(f);
    }

    @Override
    public void batchRow(BatchInstr.Source source, Object[] row) {
        if (t.id != origin) {
            throw new IllegalStateException(where() + ": a row reached the end of the query's pre-aggregation on task "
                    + t.id + ", not on the invocation's origin task " + origin + "; end it with originPartition()");
        }
        Queries.Run r = t.queryRuns.get(run);
        if (r == null) {
            return; // the invocation already failed
        }
        BatchInstr batch = Queries.batchOf(q);
        r.rows.get(batch.sourceIndex(source)).add(row);
    }

    @Override
    public String currentTopologyType() {
        return "query";
    }

}
