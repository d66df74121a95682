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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream topologies on the in-process cluster: routing, partitioners, ACK, ack returns, retries, visibility. */
class StreamTopologyTest {

    /** Sentences in; words hash-partitioned to the task that counts them. */
    public static final class WordCount implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*sentences", Depot.random());
            var s = topologies.stream("wordCount");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*sentences").out("*sentence")
                    .each((String sentence) -> List.of(sentence.split(" ")), "*sentence").out("*words")
                    .each(Ops.EXPLODE, "*words").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
        }
    }

    private static final String WC = WordCount.class.getName();

    @Test
    void wordCountReadsItsOwnWritesAfterAck() {
        for (int tasks : new int[] {1, 2, 4, 8}) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new WordCount(), new LaunchConfig(tasks, Math.min(tasks, 2)));
                Depot d = c.clusterDepot(WC, "*sentences");
                PState counts = c.clusterPState(WC, "$$counts");
                d.append("the quick brown fox");
                d.append("the lazy dog");
                d.append("the end");
                assertEquals(3L, (Long) counts.selectOne(Path.key("the")), "tasks " + tasks);
                assertEquals(1L, (Long) counts.selectOne(Path.key("fox")));
                assertNull(counts.selectOne(Path.key("cat")));
                long total = 0;
                for (String w : List.of("the", "quick", "brown", "fox", "lazy", "dog", "end")) {
                    // each word is on exactly the task the shared key hash gives
                    List<Object> all = counts.select(w, Path.key(w));
                    total += (Long) all.get(0);
                }
                assertEquals(9, total);
            }
        }
    }

    @Test
    void everyHopSerializedGivesTheSameCounts() {
        try (InProcessCluster c = InProcessCluster.options().serializeEveryHop(true).create()) {
            c.launchModule(new WordCount(), new LaunchConfig(4, 4).numWorkers(2));
            Depot d = c.clusterDepot(WC, "*sentences");
            for (int i = 0; i < 50; i++) {
                d.append("a b c " + (i % 5));
            }
            PState counts = c.clusterPState(WC, "$$counts");
            assertEquals(50L, (Long) counts.selectOne(Path.key("a")));
            assertEquals(10L, (Long) counts.selectOne(Path.key("3")));
        }
    }

    /** ackReturn of a value computed on another task after a partitioner. */
    public static final class Registration implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*names", Depot.hashBy(Ops.IDENTITY));
            var s = topologies.stream("register");
            s.pstate("$$ids", PState.mapSchema(String.class, Long.class));
            s.source("*names").out("*name")
                    .localSelect("$$ids", Path.key("*name")).out("*existing")
                    .ifTrue(new Expr(Ops.IS_NULL, "*existing"),
                            Block.each(Ops.CURRENT_TASK_ID).out("*task")
                                    .localTransform("$$ids", Path.key("*name").termVal(7L))
                                    .ackReturn(true),
                            Block.ackReturn(false));
        }
    }

    @Test
    void ackReturnsComeBackToTheAppender() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new Registration(), new LaunchConfig(4, 2));
            String m = Registration.class.getName();
            Depot d = c.clusterDepot(m, "*names");
            assertEquals(Map.of("register", true), d.append("alice"));
            assertEquals(Map.of("register", false), d.append("alice"));
            assertEquals(Map.of("register", true), d.append("bob"));
            assertEquals(Map.of(), d.append("carol", AckLevel.APPEND_ACK));
        }
    }

    /** Fails the first time it sees each value: the stream retries and the count is still right. */
    public static final class FailOnce implements FloeModule {
        static final java.util.Set<Object> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.random());
            var s = topologies.stream("s");
            s.pstate("$$total", Long.class).global().initialValue(0L);
            s.source("*d").out("*x")
                    .globalPartition()
                    .agg("$$total", Agg.sum("*x"))
                    .each((Long x) -> {
                        if (SEEN.add(x)) {
                            throw new IllegalStateException("injected failure for " + x);
                        }
                        return x;
                    }, "*x");
        }
    }

    @Test
    void aFailedSegmentRollsBackAndRetries() {
        FailOnce.SEEN.clear();
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new FailOnce(), new LaunchConfig(2, 2));
            String m = FailOnce.class.getName();
            Depot d = c.clusterDepot(m, "*d");
            for (long i = 1; i <= 10; i++) {
                d.append(i);
            }
            // every record failed once after adding to the total, and the failed attempt's write was rolled back
            assertEquals(55L, (Long) c.clusterPState(m, "$$total").selectOne(Path.stay()));
        }
    }

    @Test
    void clientErrorsNameTheModuleAndObject() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new WordCount(), new LaunchConfig(2, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.clusterDepot(WC, "*nope"));
            assertTrue(e.getMessage().contains(WC) && e.getMessage().contains("*nope"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> c.clusterPState(WC, "$$nope"));
            assertTrue(e.getMessage().contains("$$nope"), e.getMessage());
            PState counts = c.clusterPState(WC, "$$counts");
            e = assertThrows(IllegalArgumentException.class, () -> counts.select(Path.all()));
            assertTrue(e.getMessage().contains("partition key"), e.getMessage());
            c.clusterDepot(WC, "*sentences").append("one two three four five six seven eight");
            RuntimeException several = assertThrows(RuntimeException.class, () -> counts.selectOne("one", Path.mapVals()));
            assertTrue(several.getMessage().contains("selectOne on $$counts") && several.getMessage().contains("exactly one"),
                    several.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> c.launchModule(new WordCount(), new LaunchConfig(3, 1)));
            assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        }
    }
}
