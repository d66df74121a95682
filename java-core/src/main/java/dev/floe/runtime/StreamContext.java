package dev.floe.runtime;

import dev.floe.ModuleInstanceInfo;
import dev.floe.compiler.CompiledModule;
import dev.floe.exec.EventContext;
import dev.floe.exec.Frame;
import dev.floe.exec.Instrs;
import dev.floe.exec.PStateHandle;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.OpsContext;
import dev.floe.specter.Nav;
import dev.floe.store.PStatePartition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a stream segment's code sees: the task's partitions (its own topology's PStates read and
 * written in a working version committed when the segment ends; other topologies' PStates read
 * committed), task globals, and partitioners, which queue the continuation of the event on other
 * tasks (sent only if the segment succeeds).
 */
final class StreamContext extends TaskContext {
    /** A continuation to send when the segment commits. */
    record Outgoing(int task, Streams.Continue message) {}

    private final int source;
    private final CompiledModule.Source src;
    private final long root;
    private final int origin;
    final List<Object> ackReturns = new ArrayList<>();
    final List<Outgoing> outgoing = new ArrayList<>();
    private final Map<String, PStatePartition> touched = new LinkedHashMap<>();

    StreamContext(TaskState t, int source, CompiledModule.Source src, long root, int origin) {
        super(t);
        this.source = source;
        this.src = src;
        this.root = root;
        this.origin = origin;
    }

    @Override
    String where() {
        return t.where() + ", topology " + src.topology().name();
    }

    @Override
    public PStateHandle pstate(String name) {
        if (t.module.mirrorPStates.containsKey(name)) {
            return mirrorView(name);
        }
        PStatePartition p = partitionOf(name);
        if (p == null) {
            return null;
        }
        if (src.topology().name().equals(t.module.pstateOwner.get(name))) {
            touched.putIfAbsent(name, p);
            return p;
        }
        return new CommittedView(p, src.topology().name(), t.module.pstateOwner.get(name));
    }

    @Override
    public void ackReturn(Object value) {
        ackReturns.add(value);
    }

    @Override
    public void partition(Instrs.Partition p, Frame f) {
        int boundary = src.program().boundaryIndex(p);
        for (int[] to : Partitioners.route(t, p, f, -1, where())) {
            Object[] values = Partitioners.withMirror(Partitioners.liveValues(p, f), to[1] < 0 ? null : p.pobject(), to[1]);
            outgoing.add(new Outgoing(to[0], new Streams.Continue(source, boundary, values, root, origin, t.random.nextLong())));
        }
    }

    @Override
    public void invokeQuery(Instrs.InvokeQuery q, Frame f) {
        int boundary = src.program().boundaryIndex(q);
        invokeLater(q, f, (tt, edge, live, r) -> Streams.resumeInvoke(tt, source, boundary, root, origin, edge, live, r));
    }

    @Override
    public void eachAsync(Instrs.EachAsync x, Frame f) {
        int boundary = src.program().boundaryIndex(x);
        eachAsyncLater(x, f, (tt, edge, live, r) -> Streams.resumeInvoke(tt, source, boundary, root, origin, edge, live, r));
    }

    @Override
    public void yieldIfOvertime(Instrs.Yield y, Frame f) {
        if (!overtime()) {
            y.continueIn(f);
            return;
        }
        outgoing.add(new Outgoing(t.id, new Streams.Continue(source, src.program().boundaryIndex(y),
                Partitioners.liveValues(y, f), root, origin, t.random.nextLong())));
    }

    /** Publishes the segment's writes. */
    void commit() {
        Streams.commitTask(t, touched.values());
    }

    /** Discards the segment's writes. */
    void rollback() {
        for (PStatePartition p : touched.values()) {
            p.rollback();
        }
    }

    @Override
    public String currentTopologyType() {
        return "stream";
    }

    /** Another topology's PState, read as committed; writes are refused. */
    static final class CommittedView implements PStateHandle, OpsContext.PStateValue {
        private final PStatePartition p;
        private final String reader;
        private final String owner;

        CommittedView(PStatePartition p, String reader, String owner) {
            this.p = p;
            this.reader = reader;
            this.owner = owner;
        }

        @Override
        public List<Object> select(Nav path) {
            return p.selectCommitted(path);
        }

        @Override
        public void transform(Nav path) {
            throw refused();
        }

        @Override
        public Object value() {
            return p.committedValue();
        }

        @Override
        public void setValue(Object value) {
            throw refused();
        }

        @Override
        public void clear() {
            throw refused();
        }

        @Override
        public String name() {
            return p.name();
        }

        @Override
        public Object extractValue() {
            return p.committedValue();
        }

        private IllegalStateException refused() {
            return new IllegalStateException("PState " + p.name() + " belongs to topology " + owner + "; topology "
                    + reader + " can only read it");
        }
    }
}
