package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import dev.floe.test.UpdateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster opened on a directory keeps its modules: closed and opened again, every module is
 * relaunched with its depots, PStates, stream checkpoints and microbatch progress, and goes on
 * from there.
 */
class RecoveryTest {
    /** The depot and the stream topology of both versions of the module. */
    static void defineStream(FloeModule.Setup setup, FloeModule.Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(dev.floe.ops.Ops.IDENTITY));
            var s = topologies.stream("stream");
            s.pstate("$$streamCounts", PState.mapSchema(String.class, Long.class));
            s.pstate("$$byLetter", PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class).subindexed()));
            s.source("*words").out("*w")
                    .compoundAgg("$$streamCounts", CompoundAgg.map("*w", Agg.count()))
                    .each((String w) -> w.substring(0, 1), "*w").out("*letter")
                    .hashPartition("*letter")
                    .compoundAgg("$$byLetter", CompoundAgg.map("*letter", CompoundAgg.map("*w", Agg.count())));
    }

    /** Word counts by a stream topology and by a microbatch topology, and a subindexed index. */
    public static final class Words implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            defineStream(setup, topologies);
            var mb = topologies.microbatch("mb");
            mb.pstate("$$mbCounts", PState.mapSchema(String.class, Long.class));
            mb.source("*words").out("*mb")
                    .explodeMicrobatch("*mb").out("*w")
                    .compoundAgg("$$mbCounts", CompoundAgg.map("*w", Agg.count()));
        }
    }

    private static final String W = Words.class.getName();

    private static void appendAll(InProcessCluster c, List<String> words) {
        Depot d = c.clusterDepot(W, "*words");
        for (String w : words) {
            d.append(w, AckLevel.ACK);
        }
    }

    @Test
    void modulesComeBackWithTheirDataAndGoOn(@TempDir java.nio.file.Path dir) {
        List<String> first = List.of("apple", "avocado", "banana", "apple", "cherry", "apple");
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new Words(), new LaunchConfig(4, 2));
            appendAll(c, first);
            c.waitForMicrobatchProcessedCount(W, "mb", first.size());
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(java.util.Set.of(W), c.getDeployedModuleNames(), "relaunched from the directory");
            PState stream = c.clusterPState(W, "$$streamCounts");
            PState mb = c.clusterPState(W, "$$mbCounts");
            PState byLetter = c.clusterPState(W, "$$byLetter");
            assertEquals(3L, (Long) stream.selectOne(Path.key("apple")));
            assertEquals(3L, (Long) mb.selectOne(Path.key("apple")));
            assertEquals(Map.of("apple", 3L, "avocado", 1L), byLetter.selectOne(Path.key("a")));
            assertEquals(List.of("apple", "avocado"), byLetter.select(Path.key("a").mapKeys()));
            // the microbatch count survives, and processing goes on from where it was
            c.waitForMicrobatchProcessedCount(W, "mb", first.size());
            appendAll(c, List.of("apple", "date"));
            c.waitForMicrobatchProcessedCount(W, "mb", first.size() + 2);
            assertEquals(4L, (Long) stream.selectOne(Path.key("apple")));
            assertEquals(4L, (Long) mb.selectOne(Path.key("apple")));
            assertEquals(1L, (Long) mb.selectOne(Path.key("date")));
            assertEquals(Map.of("date", 1L), byLetter.selectOne(Path.key("d")));
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(4L, (Long) c.clusterPState(W, "$$mbCounts").selectOne(Path.key("apple")));
            assertEquals(4L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("apple")));
            c.destroyModule(W);
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertTrue(c.getDeployedModuleNames().isEmpty(), "a destroyed module stays destroyed");
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            assertNull(c.clusterPState(W, "$$mbCounts").selectOne(Path.key("apple")), "and its data is gone");
        }
    }

    @Test
    void aModuleWhoseCodeIsGoneIsNotRelaunchedButLaunchingItAgainContinuesFromItsData(@TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            appendAll(c, List.of("apple", "apple"));
            c.waitForMicrobatchProcessedCount(W, "mb", 2);
        }
        // the recorded code names a class this JVM does not have (as after the module's jar changed)
        java.nio.file.Path bin;
        try (var files = Files.walk(dir)) {
            bin = files.filter(f -> f.getFileName().toString().equals("module.bin")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(bin);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String renamed = text.replaceAll("RecoveryTest(?!\\$)", "RecoveryTesX");
        assertTrue(!renamed.equals(text), "the recorded code mentions its lambdas' class");
        Files.write(bin, renamed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertTrue(c.getDeployedModuleNames().isEmpty(), "not relaunched");
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            assertEquals(2L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("apple")));
            c.waitForMicrobatchProcessedCount(W, "mb", 2);
            appendAll(c, List.of("apple"));
            c.waitForMicrobatchProcessedCount(W, "mb", 3);
            assertEquals(3L, (Long) c.clusterPState(W, "$$mbCounts").selectOne(Path.key("apple")));
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(java.util.Set.of(W), c.getDeployedModuleNames(), "the new launch recorded loadable code");
        }
    }

    /** Who follows whom as a subindexed set per user, and the order of follows as a subindexed list. */
    public static final class Follows implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*follows", Depot.random());
            var s = topologies.stream("follows");
            s.pstate("$$following", PState.mapSchema(Long.class, PState.setSchema(Long.class).subindexed()));
            s.pstate("$$history", PState.mapSchema(Long.class, PState.listSchema(Long.class).subindexed()));
            s.source("*follows").out("*pair")
                    .each((List<Long> p) -> p.get(0), "*pair").out("*user")
                    .each((List<Long> p) -> p.get(1), "*pair").out("*other")
                    .hashPartition("*user")
                    .compoundAgg("$$following", CompoundAgg.map("*user", Agg.set("*other")))
                    .compoundAgg("$$history", CompoundAgg.map("*user", Agg.list("*other")));
        }
    }

    @Test
    void subindexedSetsAndListsComeBackElementByElement(@TempDir java.nio.file.Path dir) {
        String f = Follows.class.getName();
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new Follows(), new LaunchConfig(4, 2));
            Depot d = c.clusterDepot(f, "*follows");
            for (long other = 0; other < 300; other++) {
                d.append(List.of(other % 3, 1000 - other), AckLevel.ACK);
            }
            d.append(List.of(0L, 1000L), AckLevel.ACK); // already followed: the set keeps one, the list both
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            PState following = c.clusterPState(f, "$$following");
            PState history = c.clusterPState(f, "$$history");
            assertEquals(100L, (Long) following.selectOne(Path.key(0L).view(s -> (long) ((java.util.Set<?>) s).size())));
            assertEquals(101L, (Long) history.selectOne(Path.key(0L).view(l -> (long) ((List<?>) l).size())));
            assertEquals(List.of(702L, 705L, 708L), following.select(Path.key(1L).sortedSetRange(700L, 710L).all()));
            assertEquals(1000L, (Long) history.selectOne(Path.key(0L).nth(0)));
            assertEquals(1000L, (Long) history.selectOne(Path.key(0L).last()));
            assertEquals(997L, (Long) history.selectOne(Path.key(0L).nth(1)));
            Depot d = c.clusterDepot(f, "*follows");
            d.append(List.of(2L, 5L), AckLevel.ACK);
            assertTrue((Boolean) following.selectOne(Path.key(2L).view(s -> ((java.util.Set<?>) s).contains(5L))));
            assertEquals(5L, (Long) history.selectOne(Path.key(2L).last()));
        }
    }

    @Test
    void aTemporaryClusterLeavesNothingBehind() {
        java.nio.file.Path dir;
        try (InProcessCluster c = InProcessCluster.create()) {
            dir = c.directory();
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            appendAll(c, List.of("x"));
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void oneDirectoryOneCluster(@TempDir java.nio.file.Path dir) {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(dir, c.directory());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> InProcessCluster.open(dir));
            assertTrue(e.getMessage().contains("another cluster"), e.getMessage());
        }
    }

    @Test
    void inMemoryClustersWriteNothing() {
        try (InProcessCluster c = InProcessCluster.options().inMemory().create()) {
            assertNull(c.directory());
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            appendAll(c, List.of("x"));
            assertEquals(1L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("x")));
        }
    }

    /** The Words module without its microbatch topology, for an update that deletes it. */
    public static final class StreamOnly implements FloeModule {
        @Override
        public String getModuleName() {
            return W;
        }

        @Override
        public void define(Setup setup, Topologies topologies) {
            defineStream(setup, topologies);
        }
    }

    @Test
    void anUpdateIsWhatRelaunches(@TempDir java.nio.file.Path dir) {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new Words(), new LaunchConfig(2, 1));
            appendAll(c, List.of("kiwi", "kiwi"));
            c.waitForMicrobatchProcessedCount(W, "mb", 2);
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(2L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("kiwi")), "relaunched");
            c.updateModule(new StreamOnly(), new UpdateOptions().objectsToDelete("$$mbCounts"));
            assertEquals(2L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("kiwi")), "updated");
            appendAll(c, List.of("kiwi"));
            assertEquals(3L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("kiwi")));
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(3L, (Long) c.clusterPState(W, "$$streamCounts").selectOne(Path.key("kiwi")));
            assertThrows(RuntimeException.class, () -> c.clusterPState(W, "$$mbCounts"));
        }
    }
}
