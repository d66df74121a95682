package dev.floe.examples;

import dev.floe.Path;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java snippets of README.md, docs/paths.md and docs/dataflow.md, run as written. */
class ReadmeExamplesTest {
    @Test
    void readmeJavaSnippet() {
        Map<String, Object> data = Map.of("alice", Map.of("follows", List.of("bob", "carol")));

        Nav follows = ((PathImpl) Path.key("alice", "follows").all()).compiled().nav();
        assertEquals(List.of("bob", "carol"), Specter.select(follows, data));

        Nav append = ((PathImpl) Path.key("alice", "follows").afterElem().termVal("dan")).compiled().nav();
        Object updated = Specter.multiTransform(append, data);
        assertEquals(Map.of("alice", Map.of("follows", List.of("bob", "carol", "dan"))), updated);
        assertEquals(Map.of("alice", Map.of("follows", List.of("bob", "carol"))), data);
    }

    @Test
    void pathsGuideVariables() {
        Map<String, Object> data = Map.of("alice", Map.of("followers", List.of("bob")),
                "bob", Map.of("followers", List.of("alice", "carol")));
        CompiledPath p = ((PathImpl) Path.key("*user").key("followers")).compiled();
        assertEquals(List.of("*user"), p.vars());
        assertEquals(List.of(List.of("bob")), Specter.select(p.bind("alice"), data));
        assertEquals(List.of(List.of("alice", "carol")), Specter.select(p.bind("bob"), data));
    }

    @Test
    void readmeDataflowSnippet() {
        dev.floe.test.TestPState counts = dev.floe.test.TestPState.create(
                dev.floe.PState.mapSchema(String.class, Long.class));
        dev.floe.Block.each(dev.floe.ops.Ops.IDENTITY, counts).out("$$counts")
                .each(dev.floe.ops.Ops.EXPLODE, List.of("a", "b", "a")).out("*word")
                .compoundAgg("$$counts", dev.floe.CompoundAgg.map("*word", dev.floe.Agg.count()))
                .execute();
        assertEquals(2L, (Long) counts.selectOne(Path.key("a")));
    }

    @Test
    void dataflowGuideSnippet() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            dev.floe.Block.each(dev.floe.ops.Ops.EXPLODE, List.of(1, 2, 3, 4)).out("*v")
                    .keepTrue(new dev.floe.Expr(dev.floe.ops.Ops.IS_EVEN, "*v"))
                    .each(dev.floe.ops.Ops.TIMES, "*v", 10).out("*w")
                    .each(dev.floe.ops.Ops.PRINTLN, "*w")
                    .execute();
        } finally {
            System.setOut(old);
        }
        assertEquals("20\n40\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).replace("\r", ""));
    }

    /** The README's module, as written. */
    public static class WordCount implements dev.floe.FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", dev.floe.Depot.random());
            var s = topologies.stream("count");
            s.pstate("$$counts", dev.floe.PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", dev.floe.CompoundAgg.map("*word", dev.floe.Agg.count()));
        }
    }

    @Test
    void readmeClusterSnippet() {
        try (dev.floe.test.InProcessCluster cluster = dev.floe.test.InProcessCluster.create()) {
            cluster.launchModule(new WordCount(), new dev.floe.test.LaunchConfig(4, 2));
            String m = WordCount.class.getName();
            cluster.clusterDepot(m, "*words").append("hello");
            assertEquals(1L, (Long) cluster.clusterPState(m, "$$counts").selectOne(Path.key("hello")));
        }
    }
}
