package dev.floe.runtime;

import dev.floe.ModuleInstanceInfo;
import dev.floe.compiler.CompiledModule;
import dev.floe.exec.EventContext;
import dev.floe.exec.FnCall;
import dev.floe.exec.Frame;
import dev.floe.exec.Instrs;
import dev.floe.exec.KeyHash;
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
final class StreamContext implements EventContext {
    /** A continuation to send when the segment commits. */
    record Outgoing(int task, Streams.Continue message) {}

    private final TaskState t;
    private final int source;
    private final CompiledModule.Source src;
    private final long root;
    private final int origin;
    final List<Object> ackReturns = new ArrayList<>();
    final List<Outgoing> outgoing = new ArrayList<>();
    private final Map<String, PStatePartition> touched = new LinkedHashMap<>();

    StreamContext(TaskState t, int source, CompiledModule.Source src, long root, int origin) {
        this.t = t;
        this.source = source;
        this.src = src;
        this.root = root;
        this.origin = origin;
    }

    private String where() {
        return t.where() + ", topology " + src.topology().name();
    }

    @Override
    public PStateHandle pstate(String name) {
        PStatePartition p = t.pstates.get(name);
        if (p == null) {
            ModuleIR.PStateDecl d = t.module.pstates.get(name);
            if (d != null && d.global()) {
                throw new IllegalStateException(where() + ": " + name + " is a global PState, held by task 0 only; "
                        + "move there with globalPartition() before using it");
            }
            return null;
        }
        if (src.topology().name().equals(t.module.pstateOwner.get(name))) {
            touched.putIfAbsent(name, p);
            return p;
        }
        return new CommittedView(p, src.topology().name(), t.module.pstateOwner.get(name));
    }

    @Override
    public Object taskGlobal(String name) {
        return t.globals.get(name);
    }

    @Override
    public void ackReturn(Object value) {
        ackReturns.add(value);
    }

    @Override
    public void partition(Instrs.Partition p, Frame f) {
        int n = t.module.numTasks;
        Object[] args = p.argValues(f);
        switch (p.kind()) {
            case HASH: {
                ModuleIR.PStateDecl d = p.pobject() == null ? null : t.module.pstates.get(p.pobject());
                to(d != null ? t.module.pstateTaskOfKey(d, args[0]) : KeyHash.partition(args[0], n), p, f);
                return;
            }
            case ALL:
                for (int i = 0; i < n; i++) {
                    to(i, p, f);
                }
                return;
            case GLOBAL:
                to(0, p, f);
                return;
            case SHUFFLE:
                to(t.random.nextInt(n), p, f);
                return;
            case DIRECT:
                to(taskArg(args[0], p), p, f);
                return;
            case CUSTOM: {
                Object[] callArgs = new Object[args.length + 1];
                callArgs[0] = n;
                System.arraycopy(args, 0, callArgs, 1, args.length);
                to(taskArg(FnCall.apply(p.fn(), callArgs), p), p, f);
                return;
            }
            default:
                throw new UnsupportedOperationException(where() + ": " + p.step() + " cannot run in a stream topology yet");
        }
    }

    private int taskArg(Object v, Instrs.Partition p) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(where() + ": " + p.step() + " needs a task number, got "
                    + ModuleRuntime.describe(v));
        }
        int task = ((Number) v).intValue();
        if (task < 0 || task >= t.module.numTasks) {
            throw new IllegalArgumentException(where() + ": " + p.step() + " chose task " + task + " of "
                    + t.module.numTasks);
        }
        return task;
    }

    /** Queues the continuation past {@code p} on {@code task} with the values of the live variables. */
    private void to(int task, Instrs.Partition p, Frame f) {
        int[] live = p.live();
        Object[] values = new Object[live.length];
        for (int i = 0; i < live.length; i++) {
            values[i] = f.get(live[i]);
        }
        int boundary = src.program().boundaryIndex(p);
        outgoing.add(new Outgoing(task, new Streams.Continue(source, boundary, values, root, origin, t.random.nextLong())));
    }

    /** Publishes the segment's writes. */
    void commit() {
        for (PStatePartition p : touched.values()) {
            p.commit();
        }
    }

    /** Discards the segment's writes. */
    void rollback() {
        for (PStatePartition p : touched.values()) {
            p.rollback();
        }
    }

    @Override
    public int currentTaskId() {
        return t.id;
    }

    @Override
    public long currentMicrobatchId() {
        throw new IllegalStateException("Ops.CURRENT_MICROBATCH_ID is only available in microbatch topologies ("
                + where() + " is a stream topology)");
    }

    @Override
    public String currentTopologyType() {
        return "stream";
    }

    @Override
    public ModuleInstanceInfo moduleInstanceInfo() {
        return t.module.info;
    }

    @Override
    public Object extractValue(Object pstate) {
        if (pstate instanceof OpsContext.PStateValue) {
            return ((OpsContext.PStateValue) pstate).extractValue();
        }
        throw new IllegalArgumentException("Ops.EXTRACT_VALUE needs a PState, got " + ModuleRuntime.describe(pstate));
    }

    @Override
    public Random randomSource() {
        return t.random;
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
