package dev.floe.runtime;

import dev.floe.store.DepotLog;
import dev.floe.store.PStatePartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One task of a running module: its partitions, task globals and the stream roots it tracks.
 * Touched only on the task's thread.
 */
final class TaskState {
    final ModuleRuntime module;
    final int id;
    final Random random;
    final Map<String, PStatePartition> pstates = new HashMap<>();
    final Map<String, DepotLog> depotLogs = new HashMap<>();
    /** The migrations applied to reads of this task's depot partitions, by depot. */
    final Map<String, DepotMigrations.State> depotMigrations = new HashMap<>();
    final Map<String, Object> globals = new HashMap<>();
    /** Stream event trees that started on this task, by root id. */
    final Map<Long, Streams.Root> roots = new HashMap<>();
    /** Query invocations that started on this task, by run id. */
    final Map<Long, Queries.Run> queryRuns = new HashMap<>();
    /** Microbatch topologies' coordinators (task 0 only), by topology. */
    final Map<String, Microbatches.Coordinator> coordinators = new HashMap<>();
    /** Microbatch topologies' per-task attempt state, by topology. */
    private final Map<String, Microbatches.TaskMb> microbatches = new HashMap<>();
    /** Stream sources' progress through this task's depot partitions, by checkpoint key (durable stores only). */
    final Map<String, Streams.Progress> streamProgress = new HashMap<>();
    /** Checkpoints changed since the last commit of this task, to write with the next one. */
    final Map<String, Object> dirtyCheckpoints = new HashMap<>();
    boolean checkpointFlushScheduled;
    /**
     * Acknowledgements held until this task's depot logs are synced (group commit): released by
     * one sync queued behind the messages already waiting, so every append that arrived meanwhile
     * shares it.
     */
    final java.util.ArrayList<java.util.function.Consumer<RuntimeException>> awaitingSync = new java.util.ArrayList<>();
    /** Reactive proxies on this task's partitions, by PState. */
    final Map<String, Proxies.PStateProxies> proxies = new HashMap<>();
    int proxyCount;
    /** This task's partitions of running invocations' temporary PStates, by run id. */
    final Map<Long, PStatePartition> queryTemps = new HashMap<>();
    /** Query invocations' partial aggregates combined on this task (two-phase aggregation), by run. */
    final Map<Long, dev.floe.exec.BatchInstr.Partial> queryPartials = new HashMap<>();

    TaskState(ModuleRuntime module, int id) {
        this.module = module;
        this.id = id;
        this.random = new Random(module.cluster.scheduler.seedFor(module.name + "/task-" + id));
    }

    /** This task's state of a microbatch topology. */
    Microbatches.TaskMb microbatch(String topology) {
        return microbatches.computeIfAbsent(topology, k -> new Microbatches.TaskMb());
    }

    /** "module M, task T", for messages. */
    String where() {
        return "module " + module.name + ", task " + id;
    }
}
