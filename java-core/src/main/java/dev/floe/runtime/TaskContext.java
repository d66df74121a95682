package dev.floe.runtime;

import dev.floe.ModuleInstanceInfo;
import dev.floe.exec.EventContext;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.OpsContext;
import dev.floe.store.PStatePartition;

import java.util.Random;

/** What every kind of event sees of the task it runs on: task globals, the task's id and random source, the module. */
abstract class TaskContext implements EventContext {
    final TaskState t;
    /** Work to start if the segment succeeds (query invocations made by the segment). */
    final java.util.List<Runnable> afterSuccess = new java.util.ArrayList<>();
    /** The XOR of the edges of the async calls the segment made (each resumes as a new segment). */
    long asyncXor;
    /** The partition of a mirrored PState the event moved to (set past a partitioner on the mirror). */
    Partitioners.MirrorSelection mirrorSelection;
    /** depotPartitionAppends of the segment, applied if it succeeds: {depot, record} pairs. */
    final java.util.List<Object[]> appends = new java.util.ArrayList<>();

    /** When the segment started, for yieldIfOvertime. */
    private final long startNanos;

    TaskContext(TaskState t) {
        this.t = t;
        this.startNanos = t.module.cluster.scheduler.nanoTime();
    }

    /** True when the segment has run longer than its time budget. */
    boolean overtime() {
        return t.module.cluster.scheduler.nanoTime() - startNanos >= t.module.cluster.eventBudgetNanos;
    }

    /**
     * Calls an eachAsync function now; when its future completes (on whatever thread), the result
     * comes to this task as a message and {@code resume} continues the event there, as a new
     * segment on its own edge. The wait starts only if the segment succeeds.
     */
    void eachAsyncLater(dev.floe.exec.Instrs.EachAsync x, dev.floe.exec.Frame f, AsyncResume resume) {
        long edge = t.random.nextLong();
        asyncXor ^= edge;
        java.util.concurrent.CompletableFuture<?> future = x.start(f);
        Object[] live = Partitioners.liveValues(x, f);
        ModuleRuntime m = t.module;
        int task = t.id;
        afterSuccess.add(() -> future.whenComplete((v, e) -> m.send(ModuleRuntime.CLIENT, task, "eachAsync result",
                new Queries.Result(v, e == null ? null : "eachAsync's future failed: " + e), (tt, r) -> resume.resume(tt, edge,
                        live, r))));
    }

    @Override
    public void depotAppend(String depot, Object record, dev.floe.AckLevel level) {
        ModuleIR.DepotDecl d = t.module.depots.get(depot);
        if (d == null) {
            throw new IllegalArgumentException(where() + ": depotPartitionAppend to " + depot + ", which is not a depot of the module");
        }
        if (!t.depotLogs.containsKey(depot)) {
            throw new IllegalStateException(where() + ": depotPartitionAppend to the global depot " + depot
                    + " must run on task 0 (move there with globalPartition())");
        }
        appends.add(new Object[] {depot, record});
    }

    /**
     * Starts a query invocation when the segment succeeds; {@code resume} continues the event
     * with the result on this task, as a new segment that arrives on edge {@code edge}.
     */
    void invokeLater(dev.floe.exec.Instrs.InvokeQuery q, dev.floe.exec.Frame f, AsyncResume resume) {
        long edge = t.random.nextLong();
        asyncXor ^= edge;
        Object[] args = q.argValues(f);
        Object[] live = Partitioners.liveValues(q, f);
        afterSuccess.add(() -> Queries.invokeFrom(t, q.query(), args, (tt, r) -> resume.resume(tt, edge, live, r)));
    }

    /** Continues an event after an async call. */
    interface AsyncResume {
        void resume(TaskState t, long edge, Object[] live, Queries.Result result);
    }

    /** Applies the segment's depot appends and starts its async calls (after it succeeded and committed). */
    void afterCommit() {
        for (Object[] a : appends) {
            Streams.appendHere(t, (String) a[0], a[1]);
        }
        for (Runnable r : afterSuccess) {
            r.run();
        }
    }

    /**
     * A mirrored PState (another module's), read as committed: the partition the event moved to
     * with a partitioner on the mirror, else the one partition this task hosts.
     */
    dev.floe.exec.PStateHandle mirrorView(String name) {
        ModuleRuntime.MirrorRef ref = t.module.mirror(name);
        ModuleRuntime remote = ref.module();
        ModuleIR.PStateDecl decl = remote.pstates.get(ref.remoteName());
        int remoteN = decl.global() ? 1 : remote.numTasks;
        int partition;
        if (mirrorSelection != null && mirrorSelection.mirror().equals(name)) {
            partition = mirrorSelection.partition();
        } else {
            java.util.List<Integer> hosted = new java.util.ArrayList<>();
            for (int p = t.id; p < remoteN; p += t.module.numTasks) {
                hosted.add(p);
            }
            if (hosted.size() != 1) {
                throw new IllegalStateException(where() + ": which partition of the mirrored PState " + name + " to read? "
                        + "Task " + t.id + " hosts " + hosted + "; move to one first with hashPartition(\"" + name
                        + "\", key), directPartition or allPartition on the mirror");
            }
            partition = hosted.get(0);
        }
        PStatePartition p = remote.tasks[partition].pstates.get(ref.remoteName());
        return new MirrorView(p, name, t.module.cluster.codec);
    }

    /** Another module's PState partition, read as committed and copied as another worker would receive it. */
    static final class MirrorView implements dev.floe.exec.PStateHandle, OpsContext.PStateValue {
        private final PStatePartition p;
        private final String name;
        private final Codec codec;

        MirrorView(PStatePartition p, String name, Codec codec) {
            this.p = p;
            this.name = name;
            this.codec = codec;
        }

        @Override
        @SuppressWarnings("unchecked")
        public java.util.List<Object> select(dev.floe.specter.Nav path) {
            return (java.util.List<Object>) codec.roundTrip(new java.util.ArrayList<>(p.selectCommitted(path)));
        }

        @Override
        public void transform(dev.floe.specter.Nav path) {
            throw refused();
        }

        @Override
        public Object value() {
            return codec.roundTrip(p.committedValue());
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
            return name;
        }

        @Override
        public Object extractValue() {
            return value();
        }

        private IllegalStateException refused() {
            return new IllegalStateException(name + " mirrors another module's PState; it can only be read");
        }
    }

    /** Runs a segment's code with this context installed; returns what it threw, or null. */
    Throwable runIn(dev.floe.exec.Frame f, java.util.function.Consumer<dev.floe.exec.Frame> body) {
        OpsContext prev = OpsContext.install(this);
        try {
            body.accept(f);
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        } finally {
            OpsContext.install(prev);
        }
    }

    /** "module M, task T, <topology>", for messages. */
    abstract String where();

    /** The task's partition of a module PState, or null; a global PState off task 0 is an error. */
    PStatePartition partitionOf(String name) {
        PStatePartition p = t.pstates.get(name);
        if (p == null) {
            ModuleIR.PStateDecl d = t.module.pstates.get(name);
            if (d != null && d.global()) {
                throw new IllegalStateException(where() + ": " + name + " is a global PState, held by task 0 only; "
                        + "move there with globalPartition() before using it");
            }
        }
        return p;
    }

    @Override
    public Object taskGlobal(String name) {
        return t.globals.get(name);
    }

    @Override
    public int currentTaskId() {
        return t.id;
    }

    @Override
    public long currentMicrobatchId() {
        throw new IllegalStateException("Ops.CURRENT_MICROBATCH_ID is only available in microbatch topologies ("
                + where() + " is a " + currentTopologyType() + " topology)");
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
}
