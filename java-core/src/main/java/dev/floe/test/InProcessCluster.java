package dev.floe.test;

import dev.floe.ClusterManagerBase;
import dev.floe.Depot;
import dev.floe.FloeCustomSerialization;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.builder.ModuleBuilder;
import dev.floe.ir.ModuleIR;
import dev.floe.runtime.Clients;
import dev.floe.runtime.ClusterRuntime;
import dev.floe.runtime.DeterministicScheduler;
import dev.floe.runtime.JavaCodec;
import dev.floe.runtime.ModuleRuntime;
import dev.floe.runtime.Scheduler;
import dev.floe.runtime.ThreadedScheduler;
import dev.floe.codec.FloeCodec;
import dev.floe.store.FsyncPolicy;
import dev.floe.store.MemoryDepotLog;
import dev.floe.store.MemoryPState;
import dev.floe.store.RocksTaskStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole Floe cluster in this JVM, for tests, the REPL and the embedded default: modules run on
 * their own task threads exactly as on a cluster (values crossing workers are serialized, and
 * with {@link Options#serializeEveryHop} every hop is). {@link Options#deterministic} runs
 * everything on the calling thread in an order fixed by a seed, with a virtual clock.
 *
 * <pre>{@code
 * try (InProcessCluster cluster = InProcessCluster.create()) {
 *     cluster.launchModule(new WordCountModule(), new LaunchConfig(4, 2));
 *     Depot sentences = cluster.clusterDepot(WordCountModule.class.getName(), "*sentences");
 *     sentences.append("hello world");
 *     PState counts = cluster.clusterPState(WordCountModule.class.getName(), "$$counts");
 *     counts.selectOne(Path.key("hello"));   // 1L
 * }
 * }</pre>
 */
public final class InProcessCluster implements ClusterManagerBase {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(dev.floe.runtime.ModuleRuntime.class.getName());
    /** System property: serialize every hop (the test suite sets it), default false. */
    public static final String SERIALIZE_EVERY_HOP_PROPERTY = "floe.ipc.serializeEveryHop";

    private final ClusterRuntime runtime;
    private final Map<String, ModuleRuntime> modules = new LinkedHashMap<>();
    /** Where modules keep their data (null: in memory). */
    private final ClusterStorage storage;
    private final Random clientRandom;
    private final AtomicLong instances = new AtomicLong();
    private final long clientTimeoutMillis;
    private boolean closed;

    /** How a cluster runs. */
    public static final class Options {
        private Long seed;
        private long startMillis = 1_700_000_000_000L;
        private boolean trace;
        private boolean serializeEveryHop = Boolean.getBoolean(SERIALIZE_EVERY_HOP_PROPERTY);
        private long clientTimeoutMillis = 60_000;
        private long eventBudgetMillis = 5;
        private int clientAppendsInFlightMax = dev.floe.runtime.ClusterRuntime.CLIENT_APPENDS_IN_FLIGHT_MAX_DEFAULT;
        private final List<Class<? extends FloeCustomSerialization<?>>> serializations = new ArrayList<>();
        private java.nio.file.Path directory;
        private boolean inMemory;
        private FsyncPolicy depotFsync = FsyncPolicy.NEVER;
        private boolean syncCommits;
        private RocksTaskStore.OptionsHook rocksDbOptions;

        /** Everything on the calling thread, in an order fixed by {@code seed}, with a virtual clock. */
        public Options deterministic(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where the virtual clock starts (deterministic mode). */
        public Options startMillis(long millis) {
            this.startMillis = millis;
            return this;
        }

        /** Record every item of work run (deterministic mode), for {@link #trace()}. */
        public Options trace(boolean on) {
            this.trace = on;
            return this;
        }

        /** Serialize every value at every hop, not only across workers. */
        public Options serializeEveryHop(boolean on) {
            this.serializeEveryHop = on;
            return this;
        }

        /** How long blocking client calls wait. */
        public Options clientTimeoutMillis(long millis) {
            this.clientTimeoutMillis = millis;
            return this;
        }

        /**
         * How long an event runs before {@code yieldIfOvertime} lets other events run
         * ({@code worker.event.target.max.millis}, default 5; 0 yields at every call).
         */
        public Options eventTargetMaxMillis(long millis) {
            this.eventBudgetMillis = millis;
            return this;
        }

        /**
         * How many client appends (of any ack level) may wait in the task queues before the next
         * append blocks its caller until a task takes one (default
         * {@value dev.floe.runtime.ClusterRuntime#CLIENT_APPENDS_IN_FLIGHT_MAX_DEFAULT}; a wait
         * longer than the client timeout fails). Not applied by a deterministic cluster.
         */
        public Options clientAppendsInFlightMax(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("clientAppendsInFlightMax must be at least 1, got " + max);
            }
            this.clientAppendsInFlightMax = max;
            return this;
        }

        /** Registers a custom serialization. */
        public Options customSerialization(Class<? extends FloeCustomSerialization<?>> c) {
            serializations.add(c);
            return this;
        }

        /**
         * Keeps the cluster's data in this directory: modules launched now are relaunched, with
         * their depots, PStates, stream checkpoints and microbatch progress, when a cluster opens
         * the directory again ({@link InProcessCluster#open}). Without it the data lives in a
         * temporary directory deleted when the cluster closes.
         */
        public Options directory(java.nio.file.Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * Keeps depots and PStates in memory (the test implementations of the storage
         * interfaces): nothing is written to disk and nothing survives the cluster.
         */
        public Options inMemory() {
            this.inMemory = true;
            return this;
        }

        /**
         * When depot appends are forced to stable storage (default {@link FsyncPolicy#NEVER}:
         * an append is written before it is acknowledged, so it survives the process crashing;
         * {@link FsyncPolicy#EVERY_APPEND} also survives the machine crashing).
         */
        public Options depotFsync(FsyncPolicy policy) {
            this.depotFsync = policy;
            return this;
        }

        /** Whether PState commits are fsynced (default false: they survive the process crashing, not the machine). */
        public Options syncCommits(boolean on) {
            this.syncCommits = on;
            return this;
        }

        /** Tunes each PState's RocksDB column family (Rama's {@code pstate.rocksdb.options.builder}). */
        public Options rocksDbOptions(RocksTaskStore.OptionsHook hook) {
            this.rocksDbOptions = hook;
            return this;
        }

        /** Starts the cluster. */
        public InProcessCluster create() {
            return new InProcessCluster(this);
        }
    }

    /** Options for {@link Options#create()}. */
    public static Options options() {
        return new Options();
    }

    /** A threaded cluster, its data in a temporary directory deleted when it closes. */
    public static InProcessCluster create() {
        return options().create();
    }

    /**
     * A threaded cluster keeping its data in {@code dir}: modules that ran in a cluster on this
     * directory before are relaunched with their data (see {@link Options#directory}).
     */
    public static InProcessCluster open(java.nio.file.Path dir) {
        return options().directory(dir).create();
    }

    /** A threaded cluster with custom serializations. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static InProcessCluster create(List<Class<? extends FloeCustomSerialization>> serializations) {
        Options o = options();
        for (Class c : serializations) {
            o.customSerialization(c);
        }
        return o.create();
    }

    private InProcessCluster(Options o) {
        List<FloeCustomSerialization<?>> customs = new ArrayList<>();
        for (Class<? extends FloeCustomSerialization<?>> c : o.serializations) {
            try {
                customs.add(c.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("custom serialization " + c.getName()
                        + " needs a public no-arg constructor", e);
            }
        }
        Scheduler scheduler = o.seed == null ? new ThreadedScheduler()
                : new DeterministicScheduler(o.seed, o.startMillis, o.trace);
        this.runtime = new ClusterRuntime(scheduler, new JavaCodec(customs, Thread.currentThread().getContextClassLoader()),
                o.serializeEveryHop, o.clientTimeoutMillis);
        runtime.setEventBudgetMillis(o.eventBudgetMillis);
        runtime.setClientAppendsInFlightMax(o.clientAppendsInFlightMax);
        this.clientRandom = new Random(scheduler.seedFor("clients"));
        this.clientTimeoutMillis = o.clientTimeoutMillis;
        this.storage = o.inMemory ? null : new ClusterStorage(o.directory, new FloeCodec(customs), o.depotFsync,
                o.syncCommits, o.rocksDbOptions);
        if (storage != null) {
            try {
                relaunch();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
    }

    /** Relaunches the modules recorded in the directory, in the order they were first launched. */
    private void relaunch() {
        for (ClusterStorage.Recorded r : storage.recorded()) {
            if (r.ir() == null) {
                LOG.warning("module " + r.name() + " in " + storage.directory() + " is not relaunched: its code "
                        + "cannot be loaded (" + r.loadError() + "); launching it again continues from its data");
                continue;
            }
            ModuleRuntime m = ModuleRuntime.launch(runtime, r.ir(), r.config(), r.name() + "#" + instances.incrementAndGet(),
                    storage.module(r.ir()));
            modules.put(r.name(), m);
            runtime.modules.put(r.name(), m);
        }
    }

    /** Where the cluster keeps its data (a temporary directory unless one was given), or null in memory. */
    public java.nio.file.Path directory() {
        return storage == null ? null : storage.directory();
    }

    /**
     * Launches a module: builds its IR from {@code define}, compiles it, starts its tasks, and
     * returns when it runs. The module object is captured now: later changes to it have no effect.
     */
    public synchronized void launchModule(FloeModule module, LaunchConfig config) {
        checkOpen();
        ModuleIR ir = ModuleBuilder.define(module);
        config.validate(ir.name());
        if (modules.containsKey(ir.name())) {
            throw new IllegalArgumentException("module " + ir.name() + " is already running; use updateModule to change it");
        }
        ModuleRuntime m = ModuleRuntime.launch(runtime, ir, config, ir.name() + "#" + instances.incrementAndGet(),
                storage == null ? memoryStore() : storage.module(ir));
        modules.put(ir.name(), m);
        runtime.modules.put(ir.name(), m);
        if (storage != null) {
            storage.record(ir, config);
        }
    }

    /**
     * Updates a running module to new code over the same data: in-flight work finishes, depots and
     * PStates (matched by name) keep their data, migrated schema locations are rewritten, task
     * globals are made anew, and clients keep working. The number of tasks is fixed.
     */
    public void updateModule(FloeModule module) {
        updateModule(module, new UpdateOptions());
    }

    /** {@link #updateModule(FloeModule)} deleting the objects the options list. */
    public synchronized void updateModule(FloeModule module, UpdateOptions options) {
        checkOpen();
        ModuleIR ir = ModuleBuilder.define(module);
        ModuleRuntime old = modules.get(ir.name());
        if (old == null) {
            throw new IllegalArgumentException("no module " + ir.name() + " is running to update (running: " + modules.keySet()
                    + "); launch it first");
        }
        ModuleRuntime m = ModuleRuntime.update(old, ir, old.launchConfig(), ir.name() + "#" + instances.incrementAndGet(),
                options.getObjectsToDelete(), storage == null ? memoryStore() : storage.module(ir));
        modules.put(ir.name(), m);
        runtime.modules.put(ir.name(), m);
        if (storage != null) {
            storage.updated(old.ir(), ir, old.launchConfig(), options.getObjectsToDelete());
        }
    }

    /** Stops a module and drops its data; refused while another module mirrors one of its objects. */
    public synchronized void destroyModule(String moduleName) {
        checkOpen();
        ModuleRuntime m = modules.get(moduleName);
        if (m == null) {
            throw new IllegalArgumentException("no module " + moduleName + " is running (running: " + modules.keySet() + ")");
        }
        java.util.List<String> dependents = m.dependents();
        if (!dependents.isEmpty()) {
            throw new IllegalStateException("module " + moduleName + " cannot be destroyed: modules " + dependents
                    + " mirror its objects; destroy or update them first");
        }
        modules.remove(moduleName);
        runtime.modules.remove(moduleName);
        m.close();
        m.terminateProxies("module " + moduleName + " was destroyed");
        if (storage != null) {
            storage.destroy(moduleName);
        }
    }

    private static ModuleRuntime.StoreFactory memoryStore() {
        return new ModuleRuntime.StoreFactory() {
            @Override
            public dev.floe.store.PStatePartition pstate(ModuleIR.PStateDecl decl, int task) {
                return new MemoryPState(decl.name(), decl.schema(), decl.hasInitialValue() ? decl.initialValue() : null);
            }

            @Override
            public dev.floe.store.DepotLog depot(ModuleIR.DepotDecl decl, int task) {
                return new MemoryDepotLog();
            }
        };
    }

    private synchronized ModuleRuntime module(String name) {
        checkOpen();
        ModuleRuntime m = modules.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no module " + name + " is running (running: " + modules.keySet() + ")");
        }
        return m;
    }

    @Override
    public Depot clusterDepot(String moduleName, String depotName) {
        module(moduleName);
        return Clients.depot(() -> module(moduleName), depotName, clientRandom);
    }

    @Override
    public PState clusterPState(String moduleName, String pstateName) {
        module(moduleName);
        return Clients.pstate(() -> module(moduleName), pstateName);
    }

    @Override
    public <T> QueryTopologyClient<T> clusterQuery(String moduleName, String queryName) {
        module(moduleName);
        return Clients.query(() -> module(moduleName), queryName, clientRandom);
    }

    /**
     * Waits until the microbatch topology has processed at least {@code count} depot records in
     * all (since launch), for at most the client timeout.
     */
    /**
     * Appends {@code record} to a depot with ACK and returns what it did in the module's stream
     * topologies: every step of its event trees, in the order they ran, on which task, with the
     * values each step read (a REPL tool: other events run as usual meanwhile, untraced).
     * Microbatch topologies pick the record up later and are not traced.
     */
    public AppendTrace traceAppend(String moduleName, String depotName, Object record) {
        checkOpen();
        Random r;
        synchronized (clientRandom) {
            r = new Random(clientRandom.nextLong());
        }
        return module(moduleName).traceAppend(depotName, record, r);
    }

    /**
     * What {@code path} selects in one partition of a PState (committed data), whichever keys live
     * there: for looking at how a PState is spread over the tasks. Partitions are numbered from 0
     * to {@link #pstatePartitions} - 1.
     */
    public <T> List<T> selectPartition(String moduleName, String pstateName, int partition, Path path) {
        checkOpen();
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) (List<?>) module(moduleName).selectPartition(pstateName, partition, path);
        return out;
    }

    /** The IR of a launched module as it runs now (after its last update): print it with IrOutline or IrText. */
    public ModuleIR moduleIR(String moduleName) {
        checkOpen();
        return module(moduleName).ir();
    }

    /** How many partitions a PState has (1 when it is global). */
    public int pstatePartitions(String moduleName, String pstateName) {
        checkOpen();
        return module(moduleName).pstatePartitions(pstateName);
    }

    public void waitForMicrobatchProcessedCount(String moduleName, String topology, int count) {
        waitForMicrobatchProcessedCount(moduleName, topology, count, runtimeTimeout());
    }

    /** {@link #waitForMicrobatchProcessedCount(String, String, int)} with a timeout. */
    public void waitForMicrobatchProcessedCount(String moduleName, String topology, int count, int timeoutMillis) {
        Clients.waitForMicrobatchProcessedCount(module(moduleName), topology, count, timeoutMillis);
    }

    /** Stops starting microbatches of the topology (waiting for the one in flight) until resumed. */
    public void pauseMicrobatchTopology(String moduleName, String topology) {
        Clients.pauseMicrobatchTopology(module(moduleName), topology);
    }

    /** Lets a paused microbatch topology run again. */
    public void resumeMicrobatchTopology(String moduleName, String topology) {
        Clients.resumeMicrobatchTopology(module(moduleName), topology);
    }

    private int runtimeTimeout() {
        return (int) Math.min(Integer.MAX_VALUE, clientTimeoutMillis);
    }

    @Override
    public synchronized Set<String> getDeployedModuleNames() {
        return Set.copyOf(modules.keySet());
    }

    /** Every item of work run so far (deterministic mode with tracing on). */
    public List<String> trace() {
        if (!(runtime.scheduler() instanceof DeterministicScheduler)) {
            throw new IllegalStateException("traces are recorded in deterministic mode only");
        }
        return ((DeterministicScheduler) runtime.scheduler()).trace();
    }

    /** The scheduler (a {@link DeterministicScheduler} in deterministic mode: step it, advance its clock). */
    public Scheduler scheduler() {
        return runtime.scheduler();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ModuleRuntime m : modules.values()) {
            m.close();
            m.terminateProxies("the cluster was closed");
        }
        modules.clear();
        runtime.modules.clear();
        runtime.close();
        if (storage != null) {
            storage.close();
        }
    }
}
