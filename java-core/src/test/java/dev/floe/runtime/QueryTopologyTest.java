package dev.floe.runtime;

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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query topologies on the in-process cluster: routing, fan-out to every task, aggregation at the origin, temp PStates. */
class QueryTopologyTest {

    /** Word counts with three queries. */
    public static final class Counts implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(Ops.IDENTITY));
            var s = topologies.stream("count");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
            // a point read routed to the word's task
            topologies.query("wordCount", "*word").out("*n")
                    .hashPartition("*word")
                    .localSelect("$$counts", Path.key("*word").nullToVal(0L)).out("*n")
                    .originPartition();
            // every task's partial sum, summed at the origin
            topologies.query("total").out("*total")
                    .allPartition()
                    .localSelect("$$counts", Path.mapVals()).out("*c")
                    .originPartition()
                    .agg(Agg.sum("*c")).out("*total");
            // several words at once, each on its task, gathered into a map
            topologies.query("some", "*words").out("*m")
                    .each(Ops.EXPLODE, "*words").out("*w")
                    .hashPartition("*w")
                    .localSelect("$$counts", Path.key("*w").nullToVal(0L)).out("*c")
                    .originPartition()
                    .compoundAgg(CompoundAgg.map("*w", Agg.sum("*c"))).out("*m");
            // the invocation's temporary PState, written on each task and read back there
            topologies.query("tempPerTask").out("*n")
                    .allPartition()
                    .localTransform("$$tempPerTask$$", Path.termVal(1L))
                    .localSelect("$$tempPerTask$$", Path.stay()).out("*one")
                    .originPartition()
                    .agg(Agg.sum("*one")).out("*n");
        }
    }

    private static final String M = Counts.class.getName();

    @Test
    void queriesAnswerFromEveryTask() {
        for (int tasks : new int[] {1, 2, 4, 8}) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new Counts(), new LaunchConfig(tasks, Math.min(tasks, 4)));
                Depot d = c.clusterDepot(M, "*words");
                for (String w : List.of("a", "b", "a", "c", "a", "b")) {
                    d.append(w);
                }
                QueryTopologyClient<Long> wc = c.clusterQuery(M, "wordCount");
                assertEquals(3L, wc.invoke("a"));
                assertEquals(0L, wc.invoke("zzz"));
                QueryTopologyClient<Long> total = c.clusterQuery(M, "total");
                assertEquals(6L, total.invoke(), "tasks " + tasks);
                QueryTopologyClient<java.util.Map<String, Long>> some = c.clusterQuery(M, "some");
                assertEquals(java.util.Map.of("a", 3L, "c", 1L, "q", 0L), some.invoke(List.of("a", "c", "q")));
                QueryTopologyClient<Long> temp = c.clusterQuery(M, "tempPerTask");
                assertEquals((long) tasks, temp.invoke());
                assertEquals((long) tasks, temp.invoke(), "the temporary PState starts empty on every invocation");
            }
        }
    }

    @Test
    void concurrentInvocationsDoNotMix() throws Exception {
        try (InProcessCluster c = InProcessCluster.options().serializeEveryHop(true).create()) {
            c.launchModule(new Counts(), new LaunchConfig(4, 2).numWorkers(2));
            Depot d = c.clusterDepot(M, "*words");
            for (int i = 0; i < 40; i++) {
                d.append("w" + (i % 8));
            }
            QueryTopologyClient<java.util.Map<String, Long>> some = c.clusterQuery(M, "some");
            List<CompletableFuture<java.util.Map<String, Long>>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(some.invokeAsync(List.of("w" + (i % 8), "w" + ((i + 1) % 8))));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(java.util.Map.of("w" + (i % 8), 5L, "w" + ((i + 1) % 8), 5L), all.get(i).get());
            }
        }
    }

    @Test
    void queryErrorsAreClear() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new Counts(), new LaunchConfig(2, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.clusterQuery(M, "nope"));
            assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("wordCount"), e.getMessage());
            QueryTopologyClient<Long> wc = c.clusterQuery(M, "wordCount");
            e = assertThrows(IllegalArgumentException.class, () -> wc.invoke("a", "b"));
            assertTrue(e.getMessage().contains("takes 1 argument"), e.getMessage());
            QueryTopologyClient<Object> some = c.clusterQuery(M, "some");
            RuntimeException r = assertThrows(RuntimeException.class, () -> some.invoke(42L));
            assertTrue(r.getMessage().contains("query topology some") && r.getMessage().contains("task"), r.getMessage());
        }
    }
}
