package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model-based: random sequences of appends at every ack level, PState selects and query
 * invocations, on 1-8 tasks and 1-2 workers under the deterministic scheduler (so a failure
 * replays from its seed), checked against a plain map of sums.
 */
class ModelPropertiesTest {

    /** Sums per key, kept by a stream topology and by a microbatch topology, with two queries. */
    public static final class Sums implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*adds", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("stream");
            s.pstate("$$sums", PState.mapSchema(String.class, Long.class));
            s.source("*adds").out("*add")
                    .each(Ops.EXPAND, "*add").out("*key", "*delta")
                    .compoundAgg("$$sums", CompoundAgg.map("*key", Agg.sum("*delta")))
                    .ackReturn("*delta");
            var mb = topologies.microbatch("mb");
            mb.pstate("$$mbSums", PState.mapSchema(String.class, Long.class));
            mb.source("*adds").out("*batch")
                    .explodeMicrobatch("*batch").out("*add")
                    .each(Ops.EXPAND, "*add").out("*key", "*delta")
                    .shufflePartition()
                    .hashPartition("*key")
                    .compoundAgg("$$mbSums", CompoundAgg.map("*key", Agg.sum("*delta")));
            topologies.query("get", "*key").out("*v")
                    .hashPartition("*key")
                    .localSelect("$$sums", Path.key("*key").nullToVal(0L)).out("*v")
                    .originPartition();
            topologies.query("total").out("*t")
                    .allPartition()
                    .localSelect("$$sums", Path.mapVals()).out("*v")
                    .originPartition()
                    .agg(Agg.sum("*v")).out("*t");
        }
    }

    /** One client action. */
    record Action(int kind, String key, long delta, AckLevel level) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e");
        Arbitrary<Action> a = Combinators.combine(Arbitraries.integers().between(0, 5), keys,
                Arbitraries.longs().between(1, 9), Arbitraries.of(AckLevel.class))
                .as((kind, key, delta, level) -> new Action(kind, key, delta, level));
        return a.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 100)
    void theClusterAgreesWithAMapOfSums(@ForAll("actions") List<Action> actions, @ForAll @IntRange(min = 0, max = 3) int taskExp,
            @ForAll boolean twoWorkers, @ForAll long seed) {
        check(actions, taskExp, twoWorkers, InProcessCluster.options().deterministic(seed));
    }

    /** The same on real task threads (races included), fewer tries. */
    @Property(tries = 12)
    void theThreadedClusterAgreesToo(@ForAll("actions") List<Action> actions, @ForAll @IntRange(min = 0, max = 3) int taskExp,
            @ForAll boolean twoWorkers) {
        check(actions, taskExp, twoWorkers, InProcessCluster.options());
    }

    private void check(List<Action> actions, int taskExp, boolean twoWorkers, InProcessCluster.Options options) {
        int tasks = 1 << taskExp;
        int threads = Math.min(tasks, 2);
        LaunchConfig config = new LaunchConfig(tasks, threads).numWorkers(twoWorkers && threads == 2 ? 2 : 1);
        String m = Sums.class.getName();
        Map<String, Long> appended = new HashMap<>();
        Map<String, Long> acked = new HashMap<>();
        int appends = 0;
        try (InProcessCluster c = options.serializeEveryHop(true).create()) {
            c.launchModule(new Sums(), config);
            Depot adds = c.clusterDepot(m, "*adds");
            PState sums = c.clusterPState(m, "$$sums");
            QueryTopologyClient<Long> get = c.clusterQuery(m, "get");
            QueryTopologyClient<Long> total = c.clusterQuery(m, "total");
            for (Action a : actions) {
                switch (a.kind()) {
                    case 0, 1, 2 -> {
                        Map<String, Object> r = adds.append(List.of(a.key(), a.delta()), a.level());
                        appends++;
                        appended.merge(a.key(), a.delta(), Long::sum);
                        if (a.level() == AckLevel.ACK) {
                            acked.merge(a.key(), a.delta(), Long::sum);
                            assertEquals(Map.of("stream", a.delta()), r, "the ack return");
                        } else {
                            assertEquals(Map.of(), r);
                        }
                    }
                    case 3 -> within(a.key(), (Long) sums.selectOne(Path.key(a.key()).nullToVal(0L)), acked, appended);
                    case 4 -> within(a.key(), get.invoke(a.key()), acked, appended);
                    default -> {
                        long t = total.invoke();
                        long lo = acked.values().stream().mapToLong(Long::longValue).sum();
                        long hi = appended.values().stream().mapToLong(Long::longValue).sum();
                        assertTrue(lo <= t && t <= hi, "total " + t + " not in [" + lo + ", " + hi + "]");
                    }
                }
            }
            // once everything settles, both topologies hold exactly the model
            settle(c, sums, appended);
            c.waitForMicrobatchProcessedCount(m, "mb", appends);
            PState mbSums = c.clusterPState(m, "$$mbSums");
            for (String k : List.of("a", "b", "c", "d", "e")) {
                long expected = appended.getOrDefault(k, 0L);
                assertEquals(expected, (Long) sums.selectOne(Path.key(k).nullToVal(0L)), "stream " + k);
                assertEquals(expected, (Long) mbSums.selectOne(Path.key(k).nullToVal(0L)), "microbatch " + k);
                assertEquals(expected, get.invoke(k), "query " + k);
            }
        }
    }

    /** Waits until every stream record (appended without waiting) has been processed. */
    private static void settle(InProcessCluster c, PState sums, Map<String, Long> appended) {
        if (c.scheduler() instanceof DeterministicScheduler) {
            ((DeterministicScheduler) c.scheduler()).runUntilIdle();
            return;
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            boolean done = true;
            for (Map.Entry<String, Long> e : appended.entrySet()) {
                done &= e.getValue().equals(sums.selectOne(Path.key(e.getKey()).nullToVal(0L)));
            }
            if (done || System.currentTimeMillis() > deadline) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void within(String key, long value, Map<String, Long> acked, Map<String, Long> appended) {
        long lo = acked.getOrDefault(key, 0L);
        long hi = appended.getOrDefault(key, 0L);
        assertTrue(lo <= value && value <= hi, key + " = " + value + " not in [" + lo + ", " + hi + "]");
    }
}
