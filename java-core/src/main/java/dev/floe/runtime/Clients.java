package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.ir.ModuleIR;
import dev.floe.specter.PathException;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Clients of a running module's depots and PStates. A client looks its module up on every call,
 * so it keeps working when the module is updated.
 */
public final class Clients {
    private Clients() {}

    /** {@link ModuleRuntime#waitForMicrobatchProcessedCount}, waiting at most {@code timeoutMillis}. */
    public static void waitForMicrobatchProcessedCount(ModuleRuntime m, String topology, long count, long timeoutMillis) {
        m.cluster.scheduler.await(m.waitForMicrobatchProcessedCount(topology, count), timeoutMillis);
    }

    /** Pauses a microbatch topology, waiting for the microbatch in flight. */
    public static void pauseMicrobatchTopology(ModuleRuntime m, String topology) {
        m.cluster.await(m.pauseMicrobatch(topology));
    }

    /** Resumes a paused microbatch topology. */
    public static void resumeMicrobatchTopology(ModuleRuntime m, String topology) {
        m.resumeMicrobatch(topology);
    }

    /** A depot client. */
    public static Depot depot(Supplier<ModuleRuntime> module, String depotName, Random random) {
        ModuleRuntime m = module.get();
        if (!m.depots.containsKey(depotName)) {
            throw new IllegalArgumentException("module " + m.name + " has no depot " + depotName + " (depots: "
                    + m.depots.keySet() + ")");
        }
        return new DepotClient(module, depotName, random);
    }

    /** A PState client. */
    public static PState pstate(Supplier<ModuleRuntime> module, String pstateName) {
        ModuleRuntime m = module.get();
        ModuleIR.PStateDecl d = m.pstates.get(pstateName);
        if (d == null) {
            throw new IllegalArgumentException("module " + m.name + " has no PState " + pstateName + " (PStates: "
                    + m.pstates.keySet() + ")");
        }
        if (d.isPrivate()) {
            throw new IllegalArgumentException("module " + m.name + ": PState " + pstateName
                    + " is private to its topology; clients cannot read it");
        }
        return new PStateClient(module, pstateName);
    }

    /** A query topology client. */
    public static <T> QueryTopologyClient<T> query(Supplier<ModuleRuntime> module, String queryName, Random random) {
        ModuleRuntime m = module.get();
        if (!m.queries.containsKey(queryName)) {
            throw new IllegalArgumentException("module " + m.name + " has no query topology " + queryName + " (queries: "
                    + m.queries.keySet() + ")");
        }
        return new QueryTopologyClient<T>() {
            @Override
            public T invoke(Object... args) {
                return module.get().cluster.await(invokeAsync(args));
            }

            @Override
            @SuppressWarnings("unchecked")
            public CompletableFuture<T> invokeAsync(Object... args) {
                Random r;
                synchronized (random) {
                    r = new Random(random.nextLong());
                }
                return (CompletableFuture<T>) module.get().invoke(queryName, args == null ? new Object[] {null} : args, r);
            }

            @Override
            public String toString() {
                return "QueryTopologyClient(" + module.get().name + " " + queryName + ")";
            }
        };
    }

    private static final class DepotClient implements Depot {
        private final Supplier<ModuleRuntime> module;
        private final String depot;
        private final Random random;

        DepotClient(Supplier<ModuleRuntime> module, String depot, Random random) {
            this.module = module;
            this.depot = depot;
            this.random = random;
        }

        @Override
        public Map<String, Object> append(Object record) {
            return append(record, AckLevel.ACK);
        }

        @Override
        public Map<String, Object> append(Object record, AckLevel level) {
            ModuleRuntime m = module.get();
            return m.cluster.await(appendAsync(record, level));
        }

        @Override
        public CompletableFuture<Map<String, Object>> appendAsync(Object record) {
            return appendAsync(record, AckLevel.ACK);
        }

        @Override
        public CompletableFuture<Map<String, Object>> appendAsync(Object record, AckLevel level) {
            if (level == null) {
                throw new IllegalArgumentException("the ack level must not be null");
            }
            Random r;
            synchronized (random) {
                r = new Random(random.nextLong());
            }
            return module.get().append(depot, record, level, r);
        }

        @Override
        public dev.floe.PartitionedObjectInfo getObjectInfo() {
            ModuleRuntime m = module.get();
            ModuleIR.DepotDecl d = m.depots.get(depot);
            if (d == null) {
                throw new IllegalStateException("module " + m.name + " no longer has depot " + depot);
            }
            return new dev.floe.PartitionedObjectInfo(depot, m.name, m.numPartitions(d.global()));
        }

        @Override
        public dev.floe.DepotPartitionInfo getPartitionInfo(long partitionIndex) {
            return module.get().cluster.await(getPartitionInfoAsync(partitionIndex));
        }

        @Override
        public CompletableFuture<dev.floe.DepotPartitionInfo> getPartitionInfoAsync(long partitionIndex) {
            return module.get().depotPartitionInfo(depot, partitionIndex);
        }

        @Override
        public List<Object> read(long partitionIndex, long startOffset, long endOffset) {
            return module.get().cluster.await(readAsync(partitionIndex, startOffset, endOffset));
        }

        @Override
        public CompletableFuture<List<Object>> readAsync(long partitionIndex, long startOffset, long endOffset) {
            return module.get().depotRead(depot, partitionIndex, startOffset, endOffset);
        }

        @Override
        public String toString() {
            return "Depot(" + module.get().name + " " + depot + ")";
        }
    }

    private static final class PStateClient implements PState {
        private final Supplier<ModuleRuntime> module;
        private final String pstate;

        PStateClient(Supplier<ModuleRuntime> module, String pstate) {
            this.module = module;
            this.pstate = pstate;
        }

        private CompletableFuture<List<Object>> read(ModuleRuntime m, int task, Path path) {
            if (path == null) {
                throw new IllegalArgumentException("the path must not be null");
            }
            return m.select(pstate, task, path);
        }

        private ModuleIR.PStateDecl decl(ModuleRuntime m) {
            ModuleIR.PStateDecl d = m.pstates.get(pstate);
            if (d == null) {
                throw new IllegalStateException("module " + m.name + " no longer has PState " + pstate);
            }
            return d;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<List<T>> selectAsync(Path path) {
            ModuleRuntime m = module.get();
            return (CompletableFuture<List<T>>) (Object) read(m, m.pstateTaskOfPath(decl(m), path), path);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<List<T>> selectAsync(Object partitionKey, Path path) {
            ModuleRuntime m = module.get();
            return (CompletableFuture<List<T>>) (Object) read(m, m.pstateTaskOfKey(decl(m), partitionKey), path);
        }

        @Override
        public <T> CompletableFuture<T> selectOneAsync(Path path) {
            return one(selectAsync(path), path);
        }

        @Override
        public <T> CompletableFuture<T> selectOneAsync(Object partitionKey, Path path) {
            return one(selectAsync(partitionKey, path), path);
        }

        private <T> CompletableFuture<T> one(CompletableFuture<List<T>> all, Path path) {
            return all.thenApply(values -> {
                if (values.size() != 1) {
                    throw new PathException("selectOne on " + pstate + " with path " + path + " navigated to "
                            + values.size() + " values; it needs exactly one (use select for several)");
                }
                return values.get(0);
            });
        }

        @Override
        public <T> List<T> select(Path path) {
            return module.get().cluster.await(selectAsync(path));
        }

        @Override
        public <T> List<T> select(Object partitionKey, Path path) {
            return module.get().cluster.await(selectAsync(partitionKey, path));
        }

        @Override
        public <T> T selectOne(Path path) {
            return module.get().cluster.await(selectOneAsync(path));
        }

        @Override
        public <T> T selectOne(Object partitionKey, Path path) {
            return module.get().cluster.await(selectOneAsync(partitionKey, path));
        }

        @Override
        public <T> dev.floe.ProxyState<T> proxy(Path path) {
            return proxy(path, (dev.floe.ProxyState.Callback<T>) null);
        }

        @Override
        public <T> dev.floe.ProxyState<T> proxy(Path path, dev.floe.ProxyState.Callback<T> callback) {
            return module.get().cluster.await(proxyAsync(path, callback));
        }

        @Override
        public <T> dev.floe.ProxyState<T> proxy(Object partitionKey, Path path) {
            return proxy(partitionKey, path, null);
        }

        @Override
        public <T> dev.floe.ProxyState<T> proxy(Object partitionKey, Path path, dev.floe.ProxyState.Callback<T> callback) {
            return module.get().cluster.await(proxyAsync(partitionKey, path, callback));
        }

        @Override
        public <T> CompletableFuture<dev.floe.ProxyState<T>> proxyAsync(Path path) {
            return proxyAsync(path, (dev.floe.ProxyState.Callback<T>) null);
        }

        @Override
        public <T> CompletableFuture<dev.floe.ProxyState<T>> proxyAsync(Path path, dev.floe.ProxyState.Callback<T> callback) {
            decl(module.get());
            return Proxies.subscribe(module, pstate, path, null, callback);
        }

        @Override
        public <T> CompletableFuture<dev.floe.ProxyState<T>> proxyAsync(Object partitionKey, Path path) {
            return proxyAsync(partitionKey, path, null);
        }

        @Override
        public <T> CompletableFuture<dev.floe.ProxyState<T>> proxyAsync(Object partitionKey, Path path,
                dev.floe.ProxyState.Callback<T> callback) {
            decl(module.get());
            if (partitionKey == null) {
                throw new IllegalArgumentException("the partition key must not be null (use proxyAsync(path) to route by the path)");
            }
            return Proxies.subscribe(module, pstate, path, partitionKey, callback);
        }

        @Override
        public dev.floe.PartitionedObjectInfo getObjectInfo() {
            ModuleRuntime m = module.get();
            return new dev.floe.PartitionedObjectInfo(pstate, m.name, m.numPartitions(decl(m).global()));
        }

        @Override
        public String toString() {
            return "PState(" + module.get().name + " " + pstate + ")";
        }
    }
}
