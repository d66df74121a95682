package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.builder.ModuleBuilder;
import dev.floe.ir.ModuleIR;
import dev.floe.store.DepotLog;
import dev.floe.store.FsyncPolicy;
import dev.floe.store.MemoryDepotLog;
import dev.floe.store.MemoryPState;
import dev.floe.store.PStatePartition;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit: under a log policy that makes appends durable only at a sync, no append is
 * acknowledged before a sync covered it, and the appends that queued up on a task meanwhile share
 * one sync.
 */
class GroupCommitTest {
    /** A depot of integers hashed by value, counted by a stream topology. */
    public static final class Counted implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*ints", Depot.hashBy(dev.floe.ops.Ops.IDENTITY));
            var s = topologies.stream("counts");
            s.pstate("$$counts", PState.mapSchema(Integer.class, Long.class));
            s.source("*ints").out("*i").compoundAgg("$$counts", CompoundAgg.map("*i", Agg.count()));
        }
    }

    /** A log that, like a FileDepotLog under FsyncPolicy.GROUP, holds appends as not durable until a sync. */
    static final class GroupLog implements DepotLog {
        final MemoryDepotLog records = new MemoryDepotLog();
        final Set<Object> durable = ConcurrentHashMap.newKeySet();
        final boolean group;
        volatile boolean failSync;
        int syncs;
        private long synced;

        GroupLog(boolean group) {
            this.group = group;
        }

        @Override
        public long append(Object record) {
            long offset = records.append(record);
            if (!group) {
                durable.add(record);
            }
            return offset;
        }

        @Override
        public long startOffset() {
            return records.startOffset();
        }

        @Override
        public long endOffset() {
            return records.endOffset();
        }

        @Override
        public List<Object> read(long from, long to) {
            return records.read(from, to);
        }

        @Override
        public boolean syncPending() {
            return group && synced < records.endOffset();
        }

        @Override
        public void sync() {
            if (!syncPending()) {
                return;
            }
            if (failSync) {
                throw new IllegalStateException("disk gone");
            }
            syncs++;
            durable.addAll(records.read(synced, records.endOffset()));
            synced = records.endOffset();
        }
    }

    /** One module on a deterministic cluster whose depot partitions are GroupLogs. */
    static final class Rig {
        final ClusterRuntime cluster = new ClusterRuntime(new DeterministicScheduler(7, 0, false),
                new JavaCodec(List.of(), GroupCommitTest.class.getClassLoader()), false, 10_000);
        final List<GroupLog> logs = new ArrayList<>();
        final ModuleRuntime module;
        final dev.floe.Depot depot;

        Rig(boolean group) {
            ModuleIR ir = ModuleBuilder.define(new Counted());
            module = ModuleRuntime.launch(cluster, ir, new LaunchConfig(4, 2), "counted#1", new ModuleRuntime.StoreFactory() {
                @Override
                public PStatePartition pstate(ModuleIR.PStateDecl decl, int task) {
                    return new MemoryPState(decl.name(), decl.schema(), null);
                }

                @Override
                public DepotLog depot(ModuleIR.DepotDecl decl, int task) {
                    GroupLog log = new GroupLog(group);
                    synchronized (logs) {
                        logs.add(log);
                    }
                    return log;
                }
            });
            depot = Clients.depot(() -> module, "*ints", new Random(1));
        }

        /** Appends 0..n-1 at once; every acknowledgement checks that its record was durable by then. */
        List<CompletableFuture<Map<String, Object>>> appendAll(int n, AckLevel level, Set<Integer> ackedBeforeDurable) {
            List<CompletableFuture<Map<String, Object>>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int record = i;
                acks.add(depot.appendAsync(record, level).whenComplete((r, e) -> {
                    if (e == null && logs.stream().noneMatch(l -> l.durable.contains(record))) {
                        ackedBeforeDurable.add(record);
                    }
                }));
            }
            return acks;
        }

        int syncs() {
            return logs.stream().mapToInt(l -> l.syncs).sum();
        }
    }

    @Test
    void appendAcksWaitForOneSyncPerTaskThatCoversEveryQueuedAppend() {
        Rig rig = new Rig(true);
        Set<Integer> early = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Map<String, Object>> f : rig.appendAll(200, AckLevel.APPEND_ACK, early)) {
            rig.cluster.await(f);
        }
        assertEquals(Set.of(), early, "acknowledged before a sync covered them");
        // all 200 appends were queued before any task ran: one sync per task covers them
        assertEquals(4, rig.syncs(), "syncs");
        assertEquals(200, rig.logs.stream().mapToLong(DepotLog::endOffset).sum());
    }

    @Test
    void streamAcksWaitForTheSyncToo() {
        Rig rig = new Rig(true);
        Set<Integer> early = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Map<String, Object>> f : rig.appendAll(100, AckLevel.ACK, early)) {
            rig.cluster.await(f);
        }
        assertEquals(Set.of(), early, "acknowledged before a sync covered them");
        assertTrue(rig.syncs() <= 8, "syncs: " + rig.syncs());
    }

    @Test
    void aFailedSyncFailsTheAppendsItShouldHaveCovered() {
        Rig rig = new Rig(true);
        rig.logs.forEach(l -> l.failSync = true);
        Set<Integer> early = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Map<String, Object>>> acks = rig.appendAll(20, AckLevel.APPEND_ACK, early);
        for (CompletableFuture<Map<String, Object>> f : acks) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rig.cluster.await(f).size());
            assertTrue(e.getMessage().contains("may not be durable") && e.getMessage().contains("*ints")
                    && e.getMessage().contains("disk gone"), e.getMessage());
        }
        assertEquals(Set.of(), early);
    }

    @Test
    void logsThatNeedNoSyncAcknowledgeAtOnce() {
        Rig rig = new Rig(false);
        Set<Integer> early = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Map<String, Object>> f : rig.appendAll(50, AckLevel.APPEND_ACK, early)) {
            rig.cluster.await(f);
        }
        assertEquals(0, rig.syncs());
        assertEquals(Set.of(), early);
    }

    @Test
    void aGroupCommitClusterKeepsItsAppendsAcrossReopen(@TempDir java.nio.file.Path dir) {
        Set<Integer> all = new HashSet<>();
        try (InProcessCluster c = InProcessCluster.options().directory(dir).depotFsync(FsyncPolicy.GROUP).create()) {
            c.launchModule(new Counted(), new LaunchConfig(2, 2));
            dev.floe.Depot d = c.clusterDepot(Counted.class.getName(), "*ints");
            List<CompletableFuture<Map<String, Object>>> acks = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                acks.add(d.appendAsync(i % 30, i % 2 == 0 ? AckLevel.ACK : AckLevel.APPEND_ACK));
                all.add(i % 30);
            }
            acks.forEach(CompletableFuture::join);
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            dev.floe.PState counts = c.clusterPState(Counted.class.getName(), "$$counts");
            for (int i : all) {
                assertEquals(10L, (Long) counts.selectOne(Path.key(i)), "count of " + i);
            }
        }
    }
}
