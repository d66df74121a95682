package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deterministic in-process cluster: one thread, a seeded order, a virtual clock, identical replays. */
class DeterministicReplayTest {

    /** Runs the word count with concurrent appends at mixed ack levels; returns the trace and the counts. */
    private static List<Object> run(long seed) {
        try (InProcessCluster c = InProcessCluster.options().deterministic(seed).trace(true).serializeEveryHop(true)
                .create()) {
            String m = StreamTopologyTest.WordCount.class.getName();
            c.launchModule(new StreamTopologyTest.WordCount(), new LaunchConfig(4, 2).numWorkers(2));
            Depot d = c.clusterDepot(m, "*sentences");
            List<CompletableFuture<Map<String, Object>>> acks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                AckLevel level = AckLevel.values()[i % 3];
                acks.add(d.appendAsync("w" + (i % 7) + " x w" + (i % 3), level));
            }
            // the last append with ACK waits until everything before it on its partition is done too
            d.append("end");
            for (CompletableFuture<Map<String, Object>> a : acks) {
                c.scheduler().await(a, 10_000);
            }
            ((DeterministicScheduler) c.scheduler()).runUntilIdle();
            PState counts = c.clusterPState(m, "$$counts");
            List<Object> out = new ArrayList<>();
            out.add(c.trace());
            out.add(counts.selectOne(Path.key("x")));
            out.add(counts.selectOne(Path.key("w0")));
            return out;
        }
    }

    @Test
    void theSameSeedReplaysTheSameTrace() {
        List<Object> a = run(42);
        List<Object> b = run(42);
        assertEquals(a.get(0), b.get(0));
        assertEquals(30L, a.get(1));
        assertEquals(a.subList(1, 3), b.subList(1, 3));
        assertTrue(((List<?>) a.get(0)).size() > 100, "the trace records every item of work");
    }

    @Test
    void anotherSeedInterleavesDifferentlyWithTheSameResult() {
        List<Object> a = run(42);
        List<Object> b = run(7);
        assertNotEquals(a.get(0), b.get(0));
        assertEquals(a.subList(1, 3), b.subList(1, 3));
    }

    /** A microbatch topology whose first attempt fails, under the deterministic scheduler. */
    private static List<Object> runBank(long seed) {
        MicrobatchTopologyTest.Bank.FAILED.clear();
        MicrobatchTopologyTest.Bank.ATTEMPTS.clear();
        try (InProcessCluster c = InProcessCluster.options().deterministic(seed).trace(true).create()) {
            String m = MicrobatchTopologyTest.Bank.class.getName();
            c.launchModule(new MicrobatchTopologyTest.Bank(), new LaunchConfig(4, 4).numWorkers(2));
            Depot deposits = c.clusterDepot(m, "*deposits");
            Depot transfers = c.clusterDepot(m, "*transfers");
            for (String a : List.of("a", "b", "c")) {
                deposits.appendAsync(List.of(a, 50L));
            }
            for (int i = 0; i < 12; i++) {
                transfers.appendAsync(List.of(List.of("a", "b", "c").get(i % 3), List.of("a", "b", "c").get((i + 1) % 3), 5L));
            }
            c.waitForMicrobatchProcessedCount(m, "bank", 15);
            List<Object> out = new ArrayList<>();
            out.add(c.trace());
            PState funds = c.clusterPState(m, "$$funds");
            out.add(funds.selectOne(Path.key("a")));
            out.add(funds.selectOne(Path.key("b")));
            out.add(funds.selectOne(Path.key("c")));
            return out;
        }
    }

    @Test
    void microbatchRetriesReplayToo() {
        List<Object> a = runBank(3);
        List<Object> b = runBank(3);
        assertEquals(a, b);
        long total = (Long) a.get(1) + (Long) a.get(2) + (Long) a.get(3);
        assertEquals(150L, total, "money is neither created nor lost across the retried microbatch");
        assertTrue(((List<?>) a.get(0)).stream().anyMatch(s -> s.toString().contains("abort")), "an attempt was aborted");
    }
}
