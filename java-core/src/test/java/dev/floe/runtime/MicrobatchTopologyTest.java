package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Microbatch topologies on the in-process cluster: exactly-once across tasks, batch blocks, pause/resume. */
class MicrobatchTopologyTest {

    /** Counts words per task with explodeMicrobatch, and totals them in a batch block. */
    public static final class Counts implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.random());
            var mb = topologies.microbatch("counts");
            mb.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            mb.pstate("$$total", Long.class).global().initialValue(0L);
            mb.source("*words").out("*mb")
                    .explodeMicrobatch("*mb").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
            var totals = topologies.microbatch("totals");
            totals.pstate("$$seen", Long.class).global().initialValue(0L);
            totals.source("*words").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*w")
                            .globalPartition()
                            .agg("$$seen", Agg.count()));
        }
    }

    private static final String C = Counts.class.getName();

    @Test
    void everyRecordCountsOnce() {
        for (int tasks : new int[] {1, 2, 4, 8}) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new Counts(), new LaunchConfig(tasks, Math.min(tasks, 2)));
                Depot d = c.clusterDepot(C, "*words");
                for (int i = 0; i < 300; i++) {
                    d.append("w" + (i % 10), AckLevel.APPEND_ACK);
                }
                c.waitForMicrobatchProcessedCount(C, "counts", 300);
                c.waitForMicrobatchProcessedCount(C, "totals", 300);
                PState counts = c.clusterPState(C, "$$counts");
                for (int w = 0; w < 10; w++) {
                    assertEquals(30L, (Long) counts.selectOne(Path.key("w" + w)), "tasks " + tasks);
                }
                assertEquals(300L, (Long) c.clusterPState(C, "$$seen").selectOne(Path.stay()));
            }
        }
    }

    /** Moves money between accounts; fails the first attempt of every microbatch after writing. */
    public static final class Bank implements FloeModule {
        static final Set<Long> FAILED = ConcurrentHashMap.newKeySet();
        static final Map<Long, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*deposits", Depot.hashBy(Ops.FIRST));
            setup.declareDepot("*transfers", Depot.hashBy(Ops.FIRST));
            var mb = topologies.microbatch("bank");
            mb.pstate("$$funds", PState.mapSchema(String.class, Long.class));
            mb.source("*deposits").out("*mb")
                    .explodeMicrobatch("*mb").out("*deposit")
                    .each(Ops.EXPAND, "*deposit").out("*account", "*amount")
                    .compoundAgg("$$funds", CompoundAgg.map("*account", Agg.sum("*amount")));
            mb.source("*transfers").out("*mb")
                    .explodeMicrobatch("*mb").out("*transfer")
                    .each(Ops.EXPAND, "*transfer").out("*from", "*to", "*amount")
                    .localSelect("$$funds", Path.key("*from").nullToVal(0L)).out("*available")
                    .keepTrue(new Expr(Ops.GREATER_THAN_OR_EQUAL, "*available", "*amount"))
                    .localTransform("$$funds", Path.key("*from").term(Ops.MINUS_LONG, "*amount"))
                    .hashPartition("*to")
                    .localTransform("$$funds", Path.key("*to").nullToVal(0L).term(Ops.PLUS_LONG, "*amount"))
                    .each(Ops.CURRENT_MICROBATCH_ID).out("*id")
                    .each((Long id) -> {
                        ATTEMPTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        if (FAILED.add(id)) {
                            throw new IllegalStateException("injected failure in microbatch " + id);
                        }
                        return id;
                    }, "*id");
        }
    }

    @Test
    void transfersAreExactlyOnceDespiteAFailedFirstAttempt() {
        Bank.FAILED.clear();
        Bank.ATTEMPTS.clear();
        try (InProcessCluster c = InProcessCluster.create()) {
            String m = Bank.class.getName();
            c.launchModule(new Bank(), new LaunchConfig(4, 2));
            Depot deposits = c.clusterDepot(m, "*deposits");
            Depot transfers = c.clusterDepot(m, "*transfers");
            for (String a : List.of("a", "b", "c", "d")) {
                deposits.append(List.of(a, 100L));
            }
            c.waitForMicrobatchProcessedCount(m, "bank", 4);
            c.pauseMicrobatchTopology(m, "bank");
            for (int i = 0; i < 40; i++) {
                String from = List.of("a", "b", "c", "d").get(i % 4);
                String to = List.of("a", "b", "c", "d").get((i + 1) % 4);
                transfers.append(List.of(from, to, 10L));
            }
            transfers.append(List.of("a", "b", 1000L)); // not enough money: dropped
            c.resumeMicrobatchTopology(m, "bank");
            c.waitForMicrobatchProcessedCount(m, "bank", 45);
            PState funds = c.clusterPState(m, "$$funds");
            long total = 0;
            for (String a : List.of("a", "b", "c", "d")) {
                long f = funds.selectOne(Path.key(a));
                total += f;
                assertEquals(100L, f, "every account sent and received 10 times 10: " + a);
            }
            assertEquals(400L, total);
            assertTrue(Bank.ATTEMPTS.values().stream().anyMatch(n -> n.get() > 1), "some microbatch was retried");
        }
    }

    @Test
    void microbatchClientErrorsAreClear() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new Counts(), new LaunchConfig(2, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.waitForMicrobatchProcessedCount(C, "nope", 1));
            assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("counts"), e.getMessage());
            assertNull(c.clusterPState(C, "$$counts").selectOne(Path.key("x")));
        }
    }
}
