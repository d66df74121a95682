package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.ModuleInstanceInfo;
import dev.floe.Path;
import dev.floe.compiler.CompiledModule;
import dev.floe.compiler.ModuleCompiler;
import dev.floe.exec.FnCall;
import dev.floe.exec.KeyHash;
import dev.floe.integration.TaskGlobalContext;
import dev.floe.integration.TaskGlobalObject;
import dev.floe.integration.TaskGlobalObjectWithTick;
import dev.floe.ir.ModuleIR;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.store.DepotLog;
import dev.floe.store.PStatePartition;
import dev.floe.test.LaunchConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One launched module: its tasks (each with its PState partitions, depot partitions and task
 * globals), the task threads they run on, and the code compiled once per thread (compiled code
 * keeps per-event state, so a thread's events share its copy and nothing else does). Everything
 * that happens on a task runs on the task's thread, one item at a time; all cross-task work is a
 * message through {@link #send}, which serializes it when it crosses workers or when the cluster
 * serializes every hop.
 */
public final class ModuleRuntime {
    static final Logger LOG = Logger.getLogger(ModuleRuntime.class.getName());
    /** The sender of a message that comes from a client rather than a task. */
    static final int CLIENT = -1;

    final ClusterRuntime cluster;
    final String name;
    final String instanceId;
    final ModuleIR ir;
    final int numTasks;
    final int numThreads;
    final int numWorkers;
    final Scheduler.Lane[] lanes;
    final CompiledModule[] compiled;
    final TaskState[] tasks;
    final Map<String, ModuleIR.DepotDecl> depots = new LinkedHashMap<>();
    final Map<String, ModuleIR.PStateDecl> pstates = new LinkedHashMap<>();
    final Map<String, String> pstateOwner = new HashMap<>();
    final Map<String, ModuleIR.QueryTopology> queries = new LinkedHashMap<>();
    /** Mirrors of other modules' objects, by local name. */
    final Map<String, ModuleIR.MirrorDecl> mirrorPStates = new HashMap<>();
    final Map<String, ModuleIR.MirrorDecl> mirrorDepots = new HashMap<>();
    final Map<String, ModuleIR.MirrorDecl> mirrorQueries = new HashMap<>();
    /** Each microbatch topology's sources (indexes into {@link CompiledModule#sources()}) and depots. */
    final Map<String, List<Integer>> microbatchSources = new LinkedHashMap<>();
    final Map<String, java.util.Set<String>> microbatchDepots = new HashMap<>();
    /** The microbatch topologies subscribed to each depot. */
    final Map<String, List<String>> microbatchesByDepot = new HashMap<>();
    /** The stream sources of each depot, as indexes into {@link CompiledModule#sources()}. */
    final Map<String, List<Integer>> streamSources = new HashMap<>();
    final ModuleInstanceInfo info;
    final StoreFactory store;
    final LaunchConfig config;
    /** What the instance this one updates handed over (null at launch). */
    private final Updates.Carry carry;
    private volatile boolean closed;

    /**
     * Creates the storage of a task's partitions (RocksDB PStates and durable depot logs, or the
     * in-memory test implementations) and commits a task's writes.
     */
    public interface StoreFactory {
        /** A task's partition of a PState. */
        PStatePartition pstate(ModuleIR.PStateDecl decl, int task);

        /** A task's partition of a depot. */
        DepotLog depot(ModuleIR.DepotDecl decl, int task);

        /**
         * Commits a task's writes: the touched partitions and the metadata (stream checkpoints,
         * microbatch markers; a null value deletes) together, atomically where the store is durable.
         */
        default void commit(int task, java.util.Collection<PStatePartition> touched, Map<String, Object> meta) {
            for (PStatePartition p : touched) {
                p.commit();
            }
        }

        /** A metadata value a commit of the task wrote (null when none, or when the store keeps none). */
        default Object meta(int task, String key) {
            return null;
        }

        /** Whether the store survives a restart (recovery then reads checkpoints and markers). */
        default boolean durable() {
            return false;
        }

        /**
         * The bytes of the commit {@link #commit} would write for these partitions and metadata,
         * without writing it (the first phase of a microbatch's two-phase commit): null when the
         * store keeps nothing across a restart.
         */
        default byte[] prepare(int task, java.util.Collection<PStatePartition> touched, Map<String, Object> meta) {
            return null;
        }

        /**
         * Writes a commit {@link #prepare} made (after a restart, its partitions' working versions
         * are gone) together with more metadata, atomically, and has the task's partitions read
         * their committed data again.
         */
        default void applyPrepared(int task, byte[] prepared, Map<String, Object> meta) {
            throw new UnsupportedOperationException("this store prepares no commits");
        }
    }

    private ModuleRuntime(ClusterRuntime cluster, ModuleIR ir, LaunchConfig config, String instanceId, StoreFactory store,
            Updates.Carry carry) {
        this.cluster = cluster;
        this.config = config;
        this.carry = carry;
        this.name = ir.name();
        this.instanceId = instanceId;
        this.ir = ir;
        this.numTasks = config.getNumTasks();
        this.numThreads = config.getNumThreads();
        this.numWorkers = config.getNumWorkers();
        this.store = store;
        this.lanes = new Scheduler.Lane[numThreads];
        this.compiled = new CompiledModule[numThreads];
        for (int t = 0; t < numThreads; t++) {
            compiled[t] = ModuleCompiler.compile(ir);
        }
        List<Integer> threadIds = new ArrayList<>();
        for (int t = 0; t < numThreads; t++) {
            threadIds.add(t);
        }
        this.info = new ModuleInstanceInfo(instanceId, numTasks, threadIds);
        for (ModuleIR.DepotDecl d : ir.depots()) {
            depots.put(d.name(), d);
        }
        for (ModuleIR.EtlTopology etl : ir.etls()) {
            for (ModuleIR.PStateDecl p : etl.pstates()) {
                pstates.put(p.name(), p);
                pstateOwner.put(p.name(), etl.name());
            }
        }
        for (ModuleIR.QueryTopology q : ir.queries()) {
            queries.put(q.name(), q);
        }
        for (ModuleIR.MirrorDecl md : ir.mirrors()) {
            (md.kind() == ModuleIR.MirrorDecl.Kind.PSTATE ? mirrorPStates
                    : md.kind() == ModuleIR.MirrorDecl.Kind.DEPOT ? mirrorDepots : mirrorQueries).put(md.localName(), md);
        }
        List<CompiledModule.Source> sources = compiled[0].sources();
        for (int i = 0; i < sources.size(); i++) {
            CompiledModule.Source s = sources.get(i);
            if (s.topology().kind() == ModuleIR.EtlTopology.Kind.STREAM) {
                streamSources.computeIfAbsent(s.decl().depot(), k -> new ArrayList<>()).add(i);
            } else {
                String topo = s.topology().name();
                microbatchSources.computeIfAbsent(topo, k -> new ArrayList<>()).add(i);
                if (microbatchDepots.computeIfAbsent(topo, k -> new java.util.LinkedHashSet<>()).add(s.decl().depot())) {
                    microbatchesByDepot.computeIfAbsent(s.decl().depot(), k -> new ArrayList<>()).add(topo);
                }
            }
        }
        this.tasks = new TaskState[numTasks];
    }

    /**
     * Launches a module: compiles it (once per task thread), creates its tasks' partitions,
     * prepares task globals on their tasks, and returns when every task is ready.
     */
    public static ModuleRuntime launch(ClusterRuntime cluster, ModuleIR ir, LaunchConfig config, String instanceId,
            StoreFactory store) {
        config.validate(ir.name());
        Unsupported.check(ir);
        checkMirrors(cluster, ir);
        ModuleRuntime m = new ModuleRuntime(cluster, ir, config, instanceId, store, null);
        m.start();
        if (store.durable()) {
            m.recover();
        }
        return m;
    }

    /**
     * Updates a running module to new code: quiesces {@code old}, hands its data and microbatch
     * progress to an instance of the new code, stops {@code old}, and returns the new instance
     * (running). {@code fresh} makes the partitions of objects the old code did not have.
     */
    public static ModuleRuntime update(ModuleRuntime old, ModuleIR ir, LaunchConfig config, String instanceId,
            java.util.Set<String> objectsToDelete, StoreFactory fresh) {
        config.validate(ir.name());
        Unsupported.check(ir);
        checkMirrors(old.cluster, ir);
        Updates.check(old.ir, ir, old.config, config, objectsToDelete);
        Updates.quiesce(old);
        Updates.Carry carry = Updates.carry(old, objectsToDelete);
        try {
            Updates.precheck(carry, ir);
        } catch (RuntimeException e) {
            for (String topology : old.microbatchSources.keySet()) {
                old.resumeMicrobatch(topology);
            }
            throw new IllegalArgumentException("update of module " + old.name + " refused, the running module is unchanged: "
                    + e.getMessage(), e);
        }
        old.close();
        ModuleRuntime m = new ModuleRuntime(old.cluster, ir, config, instanceId, Updates.store(carry, fresh), carry);
        m.start();
        Updates.replayNewStreams(m, old.ir);
        Updates.startNewMicrobatches(m, old.ir);
        Proxies.moveAll(old, m);
        return m;
    }

    private void start() {
        for (int t = 0; t < numThreads; t++) {
            lanes[t] = cluster.scheduler.newLane(name + "-thread-" + t);
        }
        for (int i = 0; i < numTasks; i++) {
            tasks[i] = new TaskState(this, i);
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (TaskState t : tasks) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ready.add(done);
            lane(t.id).submit("prepare task " + t.id, () -> {
                try {
                    prepareTask(t);
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
        }
        try {
            cluster.await(CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])));
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("module " + name + " failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * After a (re)launch on a durable store: stream sources run the records their checkpoints do
     * not cover, and microbatch topologies continue (first the microbatch that was running, if
     * one was), each on its own task.
     */
    private void recover() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (TaskState t : tasks) {
            CompletableFuture<Void> d = new CompletableFuture<>();
            done.add(d);
            lane(t.id).submit("recover task " + t.id, () -> {
                try {
                    Microbatches.recoverStaged(t);
                    Streams.recover(t);
                    Microbatches.recoverAppends(t);
                    if (t.id == 0) {
                        for (String topology : t.coordinators.keySet()) {
                            Microbatches.nudge(t, topology);
                        }
                    }
                    d.complete(null);
                } catch (RuntimeException | Error e) {
                    d.completeExceptionally(e);
                }
            });
        }
        try {
            cluster.await(CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])));
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("module " + name + " failed to recover: " + e.getMessage(), e);
        }
    }

    /** Creates a task's partitions and prepares its task globals (on the task's thread). */
    private void prepareTask(TaskState t) {
        for (ModuleIR.DepotDecl d : depots.values()) {
            if (!d.global() || t.id == 0) {
                t.depotLogs.put(d.name(), store.depot(d, t.id));
            }
        }
        DepotMigrations.init(t, carry == null ? null : carry.depotMigrations.get(t.id));
        for (ModuleIR.PStateDecl p : pstates.values()) {
            if (!p.global() || t.id == 0) {
                t.pstates.put(p.name(), store.pstate(p, t.id));
            }
        }
        if (t.id == 0) {
            for (ModuleIR.DepotDecl d : depots.values()) {
                if (d.tickMillis() != null) {
                    scheduleDepotTick(t, d.name(), Math.max(1, d.tickMillis()));
                }
            }
            for (Map.Entry<String, List<Integer>> mb : microbatchSources.entrySet()) {
                Map<String, Integer> partitions = new LinkedHashMap<>();
                for (String depot : microbatchDepots.get(mb.getKey())) {
                    partitions.put(depot, depots.get(depot).global() ? 1 : numTasks);
                }
                t.coordinators.put(mb.getKey(), new Microbatches.Coordinator(mb.getKey(), mb.getValue(), partitions));
            }
            if (carry != null) {
                Updates.initCoordinators(this, t, carry);
                for (Microbatches.Coordinator c : t.coordinators.values()) {
                    Microbatches.persistProgress(t, c);
                }
            } else if (store.durable()) {
                for (Microbatches.Coordinator c : t.coordinators.values()) {
                    Microbatches.recover(t, c);
                }
            }
        }
        for (ModuleIR.ObjectDecl o : ir.objects()) {
            // every task gets its own copy, made through the codec as a worker would receive it
            Object copy = o.value() == null ? null : cluster.codec.roundTrip(o.value());
            t.globals.put(o.name(), copy);
            if (copy instanceof TaskGlobalObject) {
                TaskGlobalObject g = (TaskGlobalObject) copy;
                g.prepareForTask(t.id, taskGlobalContext(t.id));
                if (copy instanceof TaskGlobalObjectWithTick) {
                    scheduleTick(t, o.name(), (TaskGlobalObjectWithTick) copy);
                }
            }
        }
    }

    private TaskGlobalContext taskGlobalContext(int task) {
        List<Integer> group = new ArrayList<>();
        for (int i = task % numThreads; i < numTasks; i += numThreads) {
            group.add(i);
        }
        List<Integer> g = List.copyOf(group);
        return new TaskGlobalContext() {
            @Override
            public List<Integer> getTaskGroup() {
                return g;
            }

            @Override
            public ModuleInstanceInfo getModuleInstanceInfo() {
                return info;
            }
        };
    }

    /** A tick depot: a null record on task 0 every period, for its stream and microbatch topologies. */
    private void scheduleDepotTick(TaskState t, String depot, long every) {
        cluster.scheduler.schedule(every, lane(t.id), "tick " + depot, () -> {
            if (closed) {
                return;
            }
            try {
                Streams.appendHere(t, depot, null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, t.where() + ": tick of " + depot + " failed", e);
            }
            scheduleDepotTick(t, depot, every);
        });
    }

    private void scheduleTick(TaskState t, String global, TaskGlobalObjectWithTick g) {
        long every = Math.max(1, g.getFrequencyMillis());
        cluster.scheduler.schedule(every, lane(t.id), "tick " + global + " on task " + t.id, () -> {
            if (closed) {
                return;
            }
            try {
                g.tick();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "module " + name + ", task " + t.id + ": task global " + global + " tick failed", e);
            }
            scheduleTick(t, global, g);
        });
    }

    // ------------------------------------------------------------------------------ placement

    int threadOf(int task) {
        return task % numThreads;
    }

    int workerOf(int task) {
        return threadOf(task) % numWorkers;
    }

    Scheduler.Lane lane(int task) {
        return lanes[threadOf(task)];
    }

    CompiledModule compiledFor(int task) {
        return compiled[threadOf(task)];
    }

    /**
     * Runs {@code handler} on task {@code to} with {@code payload}, serialized on the way when
     * the hop crosses workers or the cluster serializes every hop (the handler then sees a copy,
     * as another process would). Between two tasks, messages run in send order.
     */
    <P> void send(int from, int to, String what, P payload, BiConsumer<TaskState, P> handler) {
        if (closed) {
            return;
        }
        P p = payload;
        if (payload != null && (cluster.serializeEveryHop || from != CLIENT && workerOf(from) != workerOf(to))) {
            @SuppressWarnings("unchecked")
            P copy = (P) cluster.codec.roundTrip(payload);
            p = copy;
        }
        P delivered = p;
        TaskState target = tasks[to];
        lane(to).submit(what, () -> {
            if (!closed) {
                handler.accept(target, delivered);
            }
        });
    }

    // ------------------------------------------------------------------------------ routing

    /** The partition a client append goes to. */
    int depotPartition(ModuleIR.DepotDecl d, Object record, Random random) {
        if (d.tickMillis() != null) {
            throw new IllegalArgumentException("module " + name + ": " + d.name() + " is a tick depot; it cannot be appended to");
        }
        ModuleIR.DepotPartitioning p = d.partitioning();
        if (p.kind() == ModuleIR.DepotPartitioning.Kind.DISALLOW) {
            throw new IllegalArgumentException("module " + name + ": depot " + d.name()
                    + " is declared with Depot.disallow(): clients cannot append to it");
        }
        if (d.global()) {
            return 0;
        }
        switch (p.kind()) {
            case RANDOM:
                return random.nextInt(numTasks);
            case HASH_BY: {
                Object key;
                if (p.mapKey() != null) {
                    if (!(record instanceof Map)) {
                        throw new IllegalArgumentException("module " + name + ": depot " + d.name() + " partitions by map key "
                                + p.mapKey() + " but the record is " + describe(record));
                    }
                    key = ((Map<?, ?>) record).get(p.mapKey());
                } else {
                    key = FnCall.apply(p.fn().impl(), record);
                }
                return KeyHash.partition(key, numTasks);
            }
            case CUSTOM: {
                @SuppressWarnings("unchecked")
                Depot.Partitioning<Object> c = (Depot.Partitioning<Object>) p.fn().impl();
                int i = c.choosePartitionIndex(record, numTasks);
                if (i < 0 || i >= numTasks) {
                    throw new IllegalArgumentException("module " + name + ": the custom partitioner of depot " + d.name()
                            + " chose partition " + i + " of " + numTasks);
                }
                return i;
            }
            default:
                throw new IllegalStateException("unknown depot partitioning " + p.kind());
        }
    }

    /** The task that holds a PState key (the PState's key partitioner, or the shared key hash). */
    int pstateTaskOfKey(ModuleIR.PStateDecl p, Object key) {
        if (p.global()) {
            return 0;
        }
        if (p.keyPartitioner() != null) {
            Object r = FnCall.apply(p.keyPartitioner().impl(), numTasks, key);
            if (!(r instanceof Number) || ((Number) r).intValue() < 0 || ((Number) r).intValue() >= numTasks) {
                throw new IllegalArgumentException("module " + name + ": the key partitioner of " + p.name() + " returned "
                        + r + " for key " + key + "; it must return a task in [0, " + numTasks + ")");
            }
            return ((Number) r).intValue();
        }
        return KeyHash.partition(key, numTasks);
    }

    /** The task a client read of {@code path} goes to: the partition of its first key. */
    int pstateTaskOfPath(ModuleIR.PStateDecl p, Path path) {
        if (p.global() || numTasks == 1) {
            return 0;
        }
        Object key = ((PathImpl) path).leadingKey();
        if (key != PathImpl.NO_LEADING_KEY) {
            return pstateTaskOfKey(p, key);
        }
        throw new IllegalArgumentException("module " + name + ": a read of " + p.name() + " with path " + path
                + " has no leading key to route by; pass the partition key: select(partitionKey, path)");
    }

    /** A mirrored object: the module that has it now (it may have been updated) and its name there. */
    record MirrorRef(ModuleRuntime module, String remoteName) {}

    /** Resolves a mirror of this module. */
    MirrorRef mirror(String localName) {
        ModuleIR.MirrorDecl d = mirrorPStates.get(localName);
        if (d == null) {
            d = mirrorDepots.get(localName);
        }
        if (d == null) {
            d = mirrorQueries.get(localName);
        }
        if (d == null) {
            throw new IllegalArgumentException("module " + name + " has no mirror " + localName);
        }
        ModuleRuntime remote = cluster.modules.get(d.module());
        if (remote == null) {
            throw new IllegalStateException("module " + name + ": " + localName + " mirrors " + d.remoteName() + " of module "
                    + d.module() + ", which is not running");
        }
        return new MirrorRef(remote, d.remoteName());
    }

    /** Checks at launch that every mirrored object exists in a running module. */
    static void checkMirrors(ClusterRuntime cluster, ModuleIR ir) {
        for (ModuleIR.MirrorDecl d : ir.mirrors()) {
            ModuleRuntime remote = cluster.modules.get(d.module());
            String what = "module " + ir.name() + ": mirror " + d.localName() + " of " + d.remoteName() + " in module " + d.module();
            if (remote == null) {
                throw new IllegalArgumentException(what + ": that module is not running; launch it first");
            }
            boolean exists = switch (d.kind()) {
                case DEPOT -> remote.depots.containsKey(d.remoteName());
                case PSTATE -> remote.pstates.containsKey(d.remoteName());
                case QUERY -> remote.queries.containsKey(d.remoteName());
            };
            if (!exists) {
                throw new IllegalArgumentException(what + ": that module has no such " + d.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** The modules with a mirror of one of this module's objects. */
    public List<String> dependents() {
        List<String> out = new ArrayList<>();
        for (ModuleRuntime m : cluster.modules.values()) {
            if (m != this) {
                for (ModuleIR.MirrorDecl d : m.ir.mirrors()) {
                    if (d.module().equals(name) && !out.contains(m.name)) {
                        out.add(m.name);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Runs {@code handler} on task {@code to} with a payload coming from another module: always
     * serialized (modules run in their own workers).
     */
    <P> void sendFromAnotherModule(int to, String what, P payload, BiConsumer<TaskState, P> handler) {
        if (closed) {
            return;
        }
        @SuppressWarnings("unchecked")
        P copy = payload == null ? null : (P) cluster.codec.roundTrip(payload);
        TaskState target = tasks[to];
        lane(to).submit(what, () -> {
            if (!closed) {
                handler.accept(target, copy);
            }
        });
    }

    static String describe(Object v) {
        return v == null ? "null" : "a " + v.getClass().getName() + " (" + v + ")";
    }

    // ------------------------------------------------------------------------------ client calls

    /** Appends a record from a client: routes it, and completes when the ack level is reached. */
    CompletableFuture<Map<String, Object>> append(String depotName, Object record, AckLevel level, Random random) {
        return append(depotName, record, level, random, 0L);
    }

    /**
     * Appends a record with ACK and records every step its event trees run in the stream
     * topologies (retries included) until the append is acknowledged.
     */
    public dev.floe.test.AppendTrace traceAppend(String depotName, Object record, Random random) {
        TraceLog log = new TraceLog(cluster.nextTraceId());
        cluster.tracedAppends.put(log.id, log);
        dev.floe.exec.Tracing.begin();
        try {
            Map<String, Object> returns = cluster.await(append(depotName, record, AckLevel.ACK, random, log.id));
            return new dev.floe.test.AppendTrace(name, depotName, record, log.steps(), returns);
        } finally {
            dev.floe.exec.Tracing.end();
            cluster.tracedAppends.remove(log.id);
            for (Long root : log.roots) {
                cluster.tracedRoots.remove(root);
            }
        }
    }

    private CompletableFuture<Map<String, Object>> append(String depotName, Object record, AckLevel level, Random random,
            long trace) {
        ModuleIR.DepotDecl d = depots.get(depotName);
        if (d == null) {
            throw new IllegalArgumentException("module " + name + " has no depot " + depotName + " (depots: "
                    + depots.keySet() + ")");
        }
        int partition = depotPartition(d, record, random);
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        Streams.Append msg = new Streams.Append(depotName, record, level, trace);
        AppendPermit permit = cluster.scheduler.isDeterministic() ? null : acquire(depotName);
        send(CLIENT, partition, "append to " + depotName + "/" + partition, msg, (t, m) -> {
            if (permit != null) {
                permit.release();
            }
            Streams.handleAppend(t, m, result);
        });
        if (closed && permit != null) {
            permit.release(); // the module closed: the append may never be taken
        }
        if (level == AckLevel.NONE) {
            result.complete(Map.of());
        }
        return result;
    }

    /** A client append's room in the task queues, released once: when its task takes it, or when the module closes. */
    static final class AppendPermit extends java.util.concurrent.atomic.AtomicBoolean {
        private static final long serialVersionUID = 1L;
        private final transient java.util.concurrent.Semaphore permits;
        private final transient java.util.Set<AppendPermit> held;

        AppendPermit(java.util.concurrent.Semaphore permits, java.util.Set<AppendPermit> held) {
            this.permits = permits;
            this.held = held;
        }

        void release() {
            if (compareAndSet(false, true)) {
                held.remove(this);
                permits.release();
            }
        }
    }

    /** Client appends of this module not yet taken by their task. */
    private final java.util.Set<AppendPermit> heldAppendPermits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Waits for room in the task queues (back-pressure on clients), at most the client timeout. */
    private AppendPermit acquire(String depotName) {
        java.util.concurrent.Semaphore permits = cluster.clientAppends;
        try {
            if (!permits.tryAcquire(cluster.clientTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new FloeTimeoutException("module " + name + ": an append to " + depotName + " waited "
                        + cluster.clientTimeoutMillis + " ms for room: " + cluster.clientAppendsInFlightMax
                        + " client appends are waiting in the task queues (clientAppendsInFlightMax)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("module " + name + ": interrupted while an append to " + depotName
                    + " waited for room in the task queues", e);
        }
        AppendPermit p = new AppendPermit(permits, heldAppendPermits);
        heldAppendPermits.add(p);
        return p;
    }

    /** The number of partitions of a depot or PState: 1 when global, else one per task. */
    int numPartitions(boolean global) {
        return global ? 1 : numTasks;
    }

    /** The task holding partition {@code index} of a depot (a client read), checked. */
    private ModuleIR.DepotDecl depotForRead(String depotName, long index) {
        ModuleIR.DepotDecl d = depots.get(depotName);
        if (d == null) {
            throw new IllegalArgumentException("module " + name + " has no depot " + depotName + " (depots: "
                    + depots.keySet() + ")");
        }
        int n = numPartitions(d.global());
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("module " + name + ": depot " + depotName + " has " + n
                    + " partition(s); there is no partition " + index);
        }
        return d;
    }

    /** The offsets of a depot partition, read on the task holding it. */
    CompletableFuture<dev.floe.DepotPartitionInfo> depotPartitionInfo(String depotName, long index) {
        depotForRead(depotName, index);
        CompletableFuture<dev.floe.DepotPartitionInfo> result = new CompletableFuture<>();
        send(CLIENT, (int) index, "partition info " + depotName + "/" + index, depotName, (t, d) -> {
            try {
                DepotLog log = t.depotLogs.get(d);
                cluster.completeClient(result, new dev.floe.DepotPartitionInfo(log.startOffset(), log.endOffset()), null);
            } catch (RuntimeException e) {
                cluster.completeClient(result, null, e);
            }
        });
        return result;
    }

    /** The records of a depot partition at offsets [from, to), read on the task holding it. */
    CompletableFuture<List<Object>> depotRead(String depotName, long index, long from, long to) {
        depotForRead(depotName, index);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("depot read of " + depotName + "/" + index + ": offsets [" + from + ", "
                    + to + ") are not a range");
        }
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        send(CLIENT, (int) index, "read " + depotName + "/" + index, depotName, (t, d) -> {
            try {
                DepotLog log = t.depotLogs.get(d);
                if (from < log.startOffset() || to > log.endOffset()) {
                    throw new IllegalArgumentException("module " + name + ": depot " + d + " partition " + index
                            + " holds offsets [" + log.startOffset() + ", " + log.endOffset() + "); cannot read ["
                            + from + ", " + to + ")");
                }
                cluster.completeClient(result, java.util.Collections.unmodifiableList(new ArrayList<>(
                        DepotMigrations.present(DepotMigrations.read(t, d, log, from, to)))), null);
            } catch (RuntimeException e) {
                cluster.completeClient(result, null, e);
            }
        });
        return result;
    }

    /** A client read of committed data on the task of {@code task}. */
    /**
     * What {@code path} selects in one partition of a PState (committed data), whatever key lands
     * there: for tools looking at how a PState is spread over the tasks.
     */
    public List<Object> selectPartition(String pstateName, int partition, Path path) {
        ModuleIR.PStateDecl d = pstates.get(pstateName);
        if (d == null) {
            throw new IllegalArgumentException("module " + name + " has no PState " + pstateName + " (PStates: "
                    + pstates.keySet() + ")");
        }
        int n = numPartitions(d.global());
        if (partition < 0 || partition >= n) {
            throw new IllegalArgumentException("PState " + pstateName + " of module " + name + " has " + n
                    + " partition(s): no partition " + partition);
        }
        return cluster.await(select(pstateName, partition, path));
    }

    /** How many partitions a PState of this module has (1 when global). */
    public int pstatePartitions(String pstateName) {
        ModuleIR.PStateDecl d = pstates.get(pstateName);
        if (d == null) {
            throw new IllegalArgumentException("module " + name + " has no PState " + pstateName + " (PStates: "
                    + pstates.keySet() + ")");
        }
        return numPartitions(d.global());
    }

    CompletableFuture<List<Object>> select(String pstateName, int task, Path path) {
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        send(CLIENT, task, "select " + pstateName, new SelectRequest(pstateName, path), (t, m) -> {
            try {
                PStatePartition p = t.pstates.get(m.pstate());
                Nav nav = dev.floe.path.PathCompiler.navFor((PathImpl) m.path());
                List<Object> values = p.selectCommitted(nav);
                cluster.completeClient(result, values, null);
            } catch (RuntimeException e) {
                cluster.completeClient(result, null, new IllegalArgumentException("module " + name + ", task " + t.id
                        + ": select on " + m.pstate() + " failed: " + e.getMessage(), e));
            }
        });
        return result;
    }

    /** Invokes a query topology from a client. */
    CompletableFuture<Object> invoke(String queryName, Object[] args, Random random) {
        ModuleIR.QueryTopology q = queries.get(queryName);
        if (q == null) {
            throw new IllegalArgumentException("module " + name + " has no query topology " + queryName + " (queries: "
                    + queries.keySet() + ")");
        }
        if (args.length != q.inputs().size()) {
            throw new IllegalArgumentException("module " + name + ": query topology " + queryName + " takes "
                    + q.inputs().size() + " argument(s) " + q.inputs() + ", got " + args.length);
        }
        int origin = Queries.originFor(this, q, args, random);
        CompletableFuture<Object> result = new CompletableFuture<>();
        send(CLIENT, origin, "invoke " + queryName, new Queries.Invoke(queryName, args.clone()),
                (t, m) -> Queries.handleInvoke(t, m, Queries.toClient(result)));
        return result;
    }

    /** Completes when the microbatch topology has processed at least {@code count} depot records in all. */
    CompletableFuture<Void> waitForMicrobatchProcessedCount(String topology, long count) {
        checkMicrobatch(topology);
        CompletableFuture<Void> done = new CompletableFuture<>();
        send(CLIENT, 0, "wait for " + topology + " count " + count, topology,
                (t, topo) -> Microbatches.waitForProcessed(t, topo, count, done));
        return done;
    }

    /** Completes when no microbatch of the topology runs; none starts until {@link #resumeMicrobatch}. */
    CompletableFuture<Void> pauseMicrobatch(String topology) {
        checkMicrobatch(topology);
        CompletableFuture<Void> done = new CompletableFuture<>();
        send(CLIENT, 0, "pause " + topology, topology, (t, topo) -> Microbatches.pause(t, topo, done));
        return done;
    }

    /** Lets microbatches of the topology run again. */
    void resumeMicrobatch(String topology) {
        checkMicrobatch(topology);
        send(CLIENT, 0, "resume " + topology, topology, Microbatches::resume);
    }

    private void checkMicrobatch(String topology) {
        if (!microbatchSources.containsKey(topology)) {
            throw new IllegalArgumentException("module " + name + " has no microbatch topology " + topology
                    + " (microbatch topologies: " + microbatchSources.keySet() + ")");
        }
    }

    /** A client read. */
    record SelectRequest(String pstate, Path path) implements java.io.Serializable {}

    boolean isClosed() {
        return closed;
    }

    /** Stops the module: closes its task globals and retires its task threads; queued work is dropped. */
    /** After {@link #close()}, when the module stops for good: its proxies end (status TERMINATED_UNGRACEFULLY). */
    public void terminateProxies(String why) {
        Proxies.terminateAll(this, why);
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // appends still queued will not be taken: their room goes back to the clients
        for (AppendPermit p : heldAppendPermits) {
            p.release();
        }
        for (Scheduler.Lane l : lanes) {
            if (l != null) {
                l.retire();
            }
        }
        // the store may close next: nothing may run on it after this returns
        boolean quiet = true;
        for (Scheduler.Lane l : lanes) {
            if (l != null && !l.awaitRetired(30_000)) {
                quiet = false;
                LOG.warning("module " + name + ": task thread " + l.name() + " did not stop within 30 s");
            }
        }
        if (quiet && store.durable()) {
            for (TaskState t : tasks) {
                if (t != null && !t.dirtyCheckpoints.isEmpty()) {
                    try {
                        Streams.commitTask(t, List.of());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, t.where() + ": writing stream checkpoints at close failed", e);
                    }
                }
            }
        }
        for (TaskState t : tasks) {
            if (t == null) {
                continue;
            }
            for (Map.Entry<String, Object> g : t.globals.entrySet()) {
                if (g.getValue() instanceof TaskGlobalObject) {
                    try {
                        ((TaskGlobalObject) g.getValue()).close();
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "module " + name + ", task " + t.id + ": closing task global " + g.getKey()
                                + " failed", e);
                    }
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public ModuleIR ir() {
        return ir;
    }

    public int numTasks() {
        return numTasks;
    }

    public LaunchConfig launchConfig() {
        return config;
    }
}
