package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ProxyState;
import dev.floe.diffs.DestroyedDiff;
import dev.floe.diffs.Diff;
import dev.floe.diffs.Diffs;
import dev.floe.diffs.KeyDiff;
import dev.floe.diffs.NewValueDiff;
import dev.floe.diffs.ResyncDiff;
import dev.floe.diffs.SequenceInsertDiff;
import dev.floe.diffs.SetAddDiff;
import dev.floe.diffs.UngracefulTerminationDiff;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proxies from Java: the value a proxy holds always equals what a select returns once the changes
 * are delivered; each change arrives as the fine-grained diff of what the commit changed; close,
 * module update and destroy end or resync proxies as documented.
 */
class ProxyTest {
    /**
     * Follows: [user other] records. A stream topology keeps per user a count, a subindexed map
     * other → times, a subindexed set of others and a subindexed list of follows in order; a
     * microbatch topology keeps per user a count too, and a fixed-keys profile.
     */
    public static final class Follows implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*follows", Depot.hashBy(dev.floe.ops.Ops.FIRST));
            var s = topologies.stream("s");
            s.pstate("$$count", PState.mapSchema(String.class, Long.class));
            s.pstate("$$times", PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class).subindexed()));
            s.pstate("$$set", PState.mapSchema(String.class, PState.setSchema(String.class).subindexed()));
            s.pstate("$$list", PState.mapSchema(String.class, PState.listSchema(String.class).subindexed()));
            s.pstate("$$profile", PState.mapSchema(String.class,
                    PState.fixedKeysSchema("follows", Long.class, "last", String.class)));
            s.source("*follows").out("*f")
                    .each(dev.floe.ops.Ops.FIRST, "*f").out("*u")
                    .each(dev.floe.ops.Ops.LAST, "*f").out("*o")
                    .compoundAgg("$$count", CompoundAgg.map("*u", Agg.count()))
                    .compoundAgg("$$times", CompoundAgg.map("*u", CompoundAgg.map("*o", Agg.count())))
                    .compoundAgg("$$set", CompoundAgg.map("*u", Agg.set("*o")))
                    .compoundAgg("$$list", CompoundAgg.map("*u", Agg.list("*o")))
                    .localTransform("$$profile", Path.key("*u", "follows").nullToVal(0L).term(dev.floe.ops.Ops.PLUS_LONG, 1L))
                    .localTransform("$$profile", Path.key("*u", "last").termVal("*o"));
            var mb = topologies.microbatch("mb");
            mb.pstate("$$mbCount", PState.mapSchema(String.class, Long.class));
            mb.source("*follows").out("*mb")
                    .explodeMicrobatch("*mb").out("*f")
                    .each(dev.floe.ops.Ops.FIRST, "*f").out("*u")
                    .compoundAgg("$$mbCount", CompoundAgg.map("*u", Agg.count()));
        }
    }

    private static final String M = Follows.class.getName();

    /** The changes a callback received. */
    static final class Changes<T> implements ProxyState.Callback<T> {
        final List<Object[]> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void change(T newVal, Diff diff, T oldVal) {
            seen.add(new Object[] {newVal, diff, oldVal});
        }

        List<Diff> diffs() {
            synchronized (seen) {
                List<Diff> out = new ArrayList<>();
                for (Object[] c : seen) {
                    out.add((Diff) c[1]);
                }
                return out;
            }
        }

        /** Each change: its diff applied to the old value gives the new value (when it carries one). */
        void checkLaw() {
            synchronized (seen) {
                for (Object[] c : seen) {
                    Diff d = (Diff) c[1];
                    if (d instanceof ResyncDiff || d instanceof DestroyedDiff || d instanceof UngracefulTerminationDiff) {
                        continue;
                    }
                    assertEquals(c[0], Diffs.apply(d, c[2]), "applying " + d + " to " + c[2]);
                }
            }
        }
    }

    private InProcessCluster cluster;
    private dev.floe.Depot follows;

    @BeforeEach
    void launch() {
        cluster = InProcessCluster.create();
        cluster.launchModule(new Follows(), new LaunchConfig(4, 2));
        follows = cluster.clusterDepot(M, "*follows");
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private void follow(String user, String other) {
        follows.append(List.of(user, other), AckLevel.ACK);
    }

    static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private <T> void settles(ProxyState<T> proxy, PState p, Path path) {
        await(() -> java.util.Objects.equals(proxy.get(), p.selectOne(path)), "the proxy to equal a select of " + path);
    }

    @Test
    void aProxyOnAKeyGetsNewValueDiffs() {
        follow("alice", "bob");
        PState count = cluster.clusterPState(M, "$$count");
        Changes<Long> changes = new Changes<>();
        ProxyState<Long> p = count.proxy(Path.key("alice"), changes);
        assertEquals(1L, p.get());
        assertEquals(ProxyState.Status.ACTIVE, p.status());
        follow("alice", "carol");
        follow("bob", "alice"); // another key: no change for this proxy
        follow("alice", "dan");
        settles(p, count, Path.key("alice"));
        assertEquals(3L, p.get());
        assertEquals(List.of(new NewValueDiff(2L), new NewValueDiff(3L)), changes.diffs());
        changes.checkLaw();
    }

    @Test
    void aProxyOnASubindexedMapGetsKeyDiffsAndARangeProxyOnlyItsKeys() {
        PState times = cluster.clusterPState(M, "$$times");
        follow("alice", "bob");
        Changes<Map<String, Long>> all = new Changes<>();
        Changes<Map<String, Long>> range = new Changes<>();
        ProxyState<Map<String, Long>> whole = times.proxy(Path.key("alice"), all);
        ProxyState<Map<String, Long>> bc = times.proxy("alice", Path.key("alice").sortedMapRange("b", "d"), range);
        assertEquals(Map.of("bob", 1L), whole.get());
        follow("alice", "bob");
        follow("alice", "zed");
        follow("alice", "carol");
        settles(whole, times, Path.key("alice"));
        settles(bc, times, Path.key("alice").sortedMapRange("b", "d"));
        assertEquals(Map.of("bob", 2L, "zed", 1L, "carol", 1L), whole.get());
        assertEquals(Map.of("bob", 2L, "carol", 1L), bc.get());
        assertEquals(List.of(new KeyDiff("bob", new NewValueDiff(2L)), new KeyDiff("zed", new NewValueDiff(1L)),
                new KeyDiff("carol", new NewValueDiff(1L))), all.diffs());
        assertEquals(2, range.diffs().size(), "zed is outside the range: " + range.diffs());
        all.checkLaw();
        range.checkLaw();
    }

    @Test
    void setsGetSetAddDiffsAndListsSequenceInsertDiffs() {
        PState set = cluster.clusterPState(M, "$$set");
        PState list = cluster.clusterPState(M, "$$list");
        follow("ann", "x");
        Changes<Set<String>> sc = new Changes<>();
        Changes<List<String>> lc = new Changes<>();
        ProxyState<Set<String>> sp = set.proxy(Path.key("ann"), sc);
        ProxyState<List<String>> lp = list.proxy(Path.key("ann"), lc);
        follow("ann", "y");
        follow("ann", "x"); // already in the set: no set change; the list grows
        settles(sp, set, Path.key("ann"));
        settles(lp, list, Path.key("ann"));
        assertEquals(Set.of("x", "y"), sp.get());
        assertEquals(List.of("x", "y", "x"), lp.get());
        assertEquals(1, sc.diffs().size(), sc.diffs().toString());
        assertInstanceOf(SetAddDiff.class, sc.diffs().get(0));
        assertEquals(2, lc.diffs().size(), lc.diffs().toString());
        assertTrue(lc.diffs().stream().allMatch(d -> d instanceof SequenceInsertDiff), lc.diffs().toString());
        sc.checkLaw();
        lc.checkLaw();
    }

    @Test
    void fixedKeysRecordsGetKeyDiffsPerField() {
        PState profile = cluster.clusterPState(M, "$$profile");
        follow("bo", "a");
        Changes<Map<String, Object>> c = new Changes<>();
        ProxyState<Map<String, Object>> p = profile.proxy(Path.key("bo"), c);
        follow("bo", "b");
        settles(p, profile, Path.key("bo"));
        assertEquals(Map.of("follows", 2L, "last", "b"), p.get());
        c.checkLaw();
        assertEquals(1, c.diffs().size());
    }

    @Test
    void microbatchesPushToo() {
        PState mbCount = cluster.clusterPState(M, "$$mbCount");
        Changes<Long> c = new Changes<>();
        ProxyState<Long> p = mbCount.proxy(Path.key("cy"), c);
        assertEquals(null, p.get());
        for (int i = 0; i < 5; i++) {
            follow("cy", "o" + i);
        }
        cluster.waitForMicrobatchProcessedCount(M, "mb", 5);
        settles(p, mbCount, Path.key("cy"));
        assertEquals(5L, p.get());
        c.checkLaw();
    }

    @Test
    void closingDeliversDestroyedDiffAndStopsChanges() {
        PState count = cluster.clusterPState(M, "$$count");
        Changes<Long> c = new Changes<>();
        ProxyState<Long> p = count.proxy(Path.key("dee"), c);
        follow("dee", "a");
        settles(p, count, Path.key("dee"));
        p.close();
        assertEquals(ProxyState.Status.TERMINATED, p.status());
        await(() -> !c.diffs().isEmpty() && c.diffs().get(c.diffs().size() - 1) instanceof DestroyedDiff, "DestroyedDiff");
        int seen = c.diffs().size();
        follow("dee", "b");
        follow("dee", "c");
        assertEquals(seen, c.diffs().size(), "nothing after close");
        assertEquals(1L, p.get());
        p.close(); // idempotent
    }

    @Test
    void aModuleUpdateResyncsProxiesAndDestroyEndsThem() {
        PState count = cluster.clusterPState(M, "$$count");
        follow("eve", "a");
        Changes<Long> c = new Changes<>();
        ProxyState<Long> p = count.proxy(Path.key("eve"), c);
        cluster.updateModule(new Follows());
        await(() -> c.diffs().stream().anyMatch(d -> d instanceof ResyncDiff), "ResyncDiff after the update");
        follow("eve", "b");
        settles(p, count, Path.key("eve"));
        assertEquals(2L, p.get());
        cluster.destroyModule(M);
        await(() -> p.status() == ProxyState.Status.TERMINATED_UNGRACEFULLY, "termination");
        await(() -> c.diffs().get(c.diffs().size() - 1) instanceof UngracefulTerminationDiff, "UngracefulTerminationDiff");
    }

    @Test
    void aSlowClientIsResyncedAndNeverStallsTheTask() throws Exception {
        PState count = cluster.clusterPState(M, "$$count");
        CountDownLatch release = new CountDownLatch(1);
        List<Diff> diffs = java.util.Collections.synchronizedList(new ArrayList<>());
        ProxyState<Long> p = count.proxy(Path.key("fay"), (Long now, Diff d, Long old) -> {
            diffs.add(d);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int n = Proxies.BUFFERED_CHANGES_MAX + 200;
        for (int i = 0; i < n; i++) {
            follow("fay", "o" + i); // ACK: each returns although the client takes nothing
        }
        release.countDown();
        settles(p, count, Path.key("fay"));
        assertEquals((long) n, p.get());
        await(() -> diffs.stream().anyMatch(d -> d instanceof ResyncDiff), "a ResyncDiff");
        assertTrue(diffs.size() < n, "changes beyond the buffer were dropped for a resync: " + diffs.size());
    }

    @Test
    void proxiesRunOnTheDeterministicClusterToo() {
        try (InProcessCluster c = InProcessCluster.options().deterministic(11).inMemory().create()) {
            c.launchModule(new Follows(), new LaunchConfig(4, 2));
            dev.floe.Depot d = c.clusterDepot(M, "*follows");
            PState times = c.clusterPState(M, "$$times");
            Changes<Map<String, Long>> changes = new Changes<>();
            ProxyState<Map<String, Long>> p = times.proxy(Path.key("hal"), changes);
            for (int i = 0; i < 20; i++) {
                d.append(List.of("hal", "o" + (i % 7)), AckLevel.ACK);
            }
            // deliveries run on the cluster's one thread, before the next client call returns
            assertEquals(times.selectOne(Path.key("hal")), p.get());
            assertEquals(20, changes.diffs().size());
            changes.checkLaw();
        }
    }

    @Test
    void aPathToSeveralValuesIsRefused() {
        PState times = cluster.clusterPState(M, "$$times");
        follow("gus", "a");
        follow("gus", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> times.proxy(Path.key("gus").all()));
        assertTrue(e.getMessage().contains("exactly one value") && e.getMessage().contains("$$times"), e.getMessage());
    }
}
