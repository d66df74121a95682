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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One module reading another through mirrors: a depot as a stream source, a PState, a query. */
class MirrorTest {
    static final String CORE = "Core";
    static final String STATS = "Stats";

    /** Posts by user, counted per user. */
    public static class Core implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*posts", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("posts");
            s.pstate("$$postCounts", PState.mapSchema(String.class, Long.class));
            s.source("*posts").out("*post")
                    .each(Ops.FIRST, "*post").out("*user")
                    .compoundAgg("$$postCounts", CompoundAgg.map("*user", Agg.count()));
            topologies.query("postCount", "*user").out("*n")
                    .hashPartition("*user")
                    .localSelect("$$postCounts", Path.key("*user").nullToVal(0L)).out("*n")
                    .originPartition();
        }

        @Override
        public String getModuleName() {
            return CORE;
        }
    }

    /** Reads Core: counts the words of its posts, and answers a summary from Core's PState and query. */
    public static class Stats implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.clusterDepot("*corePosts", CORE, "*posts");
            setup.clusterPState("$$corePostCounts", CORE, "$$postCounts");
            setup.clusterQuery("*corePostCount", CORE, "postCount");
            var s = topologies.stream("words");
            s.pstate("$$words", PState.mapSchema(String.class, Long.class));
            s.source("*corePosts").out("*post")
                    .each(Ops.LAST, "*post").out("*text")
                    .each((String text) -> List.of(text.split(" ")), "*text").out("*ws")
                    .each(Ops.EXPLODE, "*ws").out("*w")
                    .hashPartition("*w")
                    .compoundAgg("$$words", CompoundAgg.map("*w", Agg.count()));
            topologies.query("summary", "*user").out("*summary")
                    .hashPartition("$$corePostCounts", "*user")
                    .localSelect("$$corePostCounts", Path.key("*user").nullToVal(0L)).out("*viaPState")
                    .invokeQuery("*corePostCount", "*user").out("*viaQuery")
                    .each(Ops.TUPLE, "*viaPState", "*viaQuery").out("*summary")
                    .originPartition();
        }

        @Override
        public String getModuleName() {
            return STATS;
        }
    }

    @Test
    void aModuleReadsAnotherThroughMirrors() throws Exception {
        try (InProcessCluster c = InProcessCluster.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.launchModule(new Stats(), new LaunchConfig(2, 2)));
            assertTrue(e.getMessage().contains(CORE) && e.getMessage().contains("not running"), e.getMessage());

            c.launchModule(new Core(), new LaunchConfig(4, 2));
            c.launchModule(new Stats(), new LaunchConfig(2, 2));
            Depot posts = c.clusterDepot(CORE, "*posts");
            posts.append(List.of("ann", "hello world"));
            posts.append(List.of("ann", "hello again"));
            posts.append(List.of("bob", "world"));

            QueryTopologyClient<List<Long>> summary = c.clusterQuery(STATS, "summary");
            assertEquals(List.of(2L, 2L), summary.invoke("ann"));
            assertEquals(List.of(1L, 1L), summary.invoke("bob"));
            assertEquals(List.of(0L, 0L), summary.invoke("cat"));

            // the mirrored depot feeds Stats' stream topology (ACK does not wait for other modules)
            PState words = c.clusterPState(STATS, "$$words");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Long.valueOf(2L).equals(words.selectOne(Path.key("hello"))) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2L, (Long) words.selectOne(Path.key("hello")));
            assertEquals(2L, (Long) words.selectOne(Path.key("world")));

            IllegalStateException d = assertThrows(IllegalStateException.class, () -> c.destroyModule(CORE));
            assertTrue(d.getMessage().contains(STATS), d.getMessage());

            // the mirrors follow Core across an update
            c.updateModule(new Core());
            posts.append(List.of("ann", "third"));
            assertEquals(List.of(3L, 3L), summary.invoke("ann"));

            c.destroyModule(STATS);
            c.destroyModule(CORE);
            assertTrue(c.getDeployedModuleNames().isEmpty());
        }
    }
}
