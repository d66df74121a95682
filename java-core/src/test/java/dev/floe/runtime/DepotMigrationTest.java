package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ir.IrText;
import dev.floe.ir.ModuleIR;
import dev.floe.module.MicrobatchSourceOptions;
import dev.floe.module.StreamSourceOptions;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Depot migrations: after an update that declares {@code migration(id, fn)} on a depot, every read
 * of the records it held (new topologies starting from the beginning, client reads, recovery
 * replays) gives {@code fn(record)}, skipping tombstoned records; later appends are read as
 * appended; the boundaries survive a restart and an update with the same id.
 */
class DepotMigrationTest {
    static final String NAME = "DepotMigrated";

    /** Version 1: counts words with a stream and a microbatch topology. */
    public static class V1 implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            migrate(setup.declareDepot("*words", Depot.hashBy(Ops.IDENTITY)));
            var s = topologies.stream("count");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*w").compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()));
            var mb = topologies.microbatch("mbCount");
            mb.pstate("$$mbCounts", PState.mapSchema(String.class, Long.class));
            mb.source("*words").out("*mb").explodeMicrobatch("*mb").out("*w")
                    .compoundAgg("$$mbCounts", CompoundAgg.map("*w", Agg.count()));
        }

        void migrate(Depot.Declaration d) {}

        @Override
        public String getModuleName() {
            return NAME;
        }
    }

    /**
     * Version 2: old words are upper-cased and those starting with "x" removed; new topologies read
     * from the beginning (and repartition: a migrated word no longer hashes to its partition).
     */
    public static class V2 extends V1 {
        @Override
        public void define(Setup setup, Topologies topologies) {
            super.define(setup, topologies);
            var r = topologies.stream("replay");
            r.pstate("$$replayed", PState.mapSchema(String.class, Long.class));
            r.source("*words", StreamSourceOptions.startFromBeginning()).out("*w")
                    .hashPartition("*w")
                    .compoundAgg("$$replayed", CompoundAgg.map("*w", Agg.count()));
            var mb = topologies.microbatch("mbReplay");
            mb.pstate("$$mbReplayed", PState.mapSchema(String.class, Long.class));
            mb.source("*words", MicrobatchSourceOptions.startFromBeginning()).out("*mb").explodeMicrobatch("*mb").out("*w")
                    .hashPartition("*w")
                    .compoundAgg("$$mbReplayed", CompoundAgg.map("*w", Agg.count()));
        }

        @Override
        void migrate(Depot.Declaration d) {
            d.migration("upper", (String w) -> w.startsWith("x") ? Depot.TOMBSTONE : w.toUpperCase());
        }
    }

    /** Version 3: a new migration id (adds "!") over everything appended before its update. */
    public static class V3 extends V2 {
        @Override
        void migrate(Depot.Declaration d) {
            d.migration("bang", (String w) -> w + "!");
        }
    }

    /** Every record a client reads, per partition in offset order, sorted across partitions. */
    static List<String> readAll(InProcessCluster c) {
        Depot d = c.clusterDepot(NAME, "*words");
        List<String> out = new ArrayList<>();
        long offsets = 0;
        for (int p = 0; p < d.getObjectInfo().getNumPartitions(); p++) {
            dev.floe.DepotPartitionInfo info = d.getPartitionInfo(p);
            offsets += info.getEndOffset() - info.getStartOffset();
            for (Object o : d.read(p, info.getStartOffset(), info.getEndOffset())) {
                out.add((String) o);
            }
        }
        Collections.sort(out);
        out.add("#offsets=" + offsets);
        return out;
    }

    static void append(InProcessCluster c, String... words) {
        Depot d = c.clusterDepot(NAME, "*words");
        for (String w : words) {
            d.append(w, AckLevel.ACK);
        }
    }

    static Map<String, Long> counts(String... words) {
        Map<String, Long> m = new HashMap<>();
        for (String w : words) {
            m.merge(w, 1L, Long::sum);
        }
        return m;
    }

    /** The counts of a PState once they equal {@code expected} (stream replays run in the background), or after 10 s. */
    static Map<String, Object> eventually(InProcessCluster c, String name, Map<String, Long> expected, String... absent) {
        long deadline = System.currentTimeMillis() + 10_000;
        Map<String, Object> m = pstate(c, name, expected, absent);
        while (!m.equals(expected) && System.currentTimeMillis() < deadline) {
            Thread.yield();
            m = pstate(c, name, expected, absent);
        }
        return m;
    }

    /** The counts of a PState for the words of {@code expected} and {@code absent} (which must have none). */
    static Map<String, Object> pstate(InProcessCluster c, String name, Map<String, Long> expected, String... absent) {
        PState p = c.clusterPState(NAME, name);
        Map<String, Object> m = new HashMap<>();
        for (String w : expected.keySet()) {
            m.put(w, p.selectOne(Path.key(w)));
        }
        for (String w : absent) {
            assertNull(p.selectOne(Path.key(w)), name + " has no " + w);
        }
        return m;
    }

    @Test
    void theDeclarationCarriesTheMigrationIntoTheIr() {
        ModuleIR ir = dev.floe.builder.ModuleBuilder.define(new V2());
        ModuleIR.DepotDecl d = ir.depots().get(0);
        assertEquals("upper", d.migration().migrationId());
        assertEquals(ir, IrText.read(IrText.print(ir)));
        assertNull(dev.floe.builder.ModuleBuilder.define(new V1()).depots().get(0).migration());
    }

    @Test
    void migratedReadsTombstonesAndBoundariesAcrossUpdatesAndRestarts(@TempDir java.nio.file.Path dir) {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new V1(), new LaunchConfig(4, 2));
            append(c, "apple", "banana", "xray", "apple", "cherry", "xenon");
            c.waitForMicrobatchProcessedCount(NAME, "mbCount", 6);
            c.updateModule(new V2());
            c.waitForMicrobatchProcessedCount(NAME, "mbReplay", 6);
            Map<String, Long> migrated = counts("APPLE", "BANANA", "APPLE", "CHERRY");
            assertEquals(migrated, eventually(c, "$$replayed", migrated, "xray", "XRAY", "xenon", "XENON", "apple"),
                    "a new stream topology reads migrated records, none tombstoned");
            assertEquals(migrated, pstate(c, "$$mbReplayed", migrated, "xray", "XRAY", "xenon", "XENON", "apple"),
                    "a new microbatch topology too");
            assertEquals(List.of("APPLE", "APPLE", "BANANA", "CHERRY", "#offsets=6"), readAll(c),
                    "client reads skip tombstoned records; offsets keep their numbering");
            Map<String, Long> v1 = counts("apple", "banana", "xray", "apple", "cherry", "xenon");
            assertEquals(v1, pstate(c, "$$counts", v1, "APPLE"),
                    "what old topologies computed stays");
            // later appends are in the new format already and are not migrated
            append(c, "date", "xylophone");
            c.waitForMicrobatchProcessedCount(NAME, "mbReplay", 8);
            Map<String, Long> after = counts("APPLE", "BANANA", "APPLE", "CHERRY", "date", "xylophone");
            assertEquals(after, pstate(c, "$$replayed", after, "XYLOPHONE", "DATE", "xray"));
            assertEquals(after, pstate(c, "$$mbReplayed", after, "XYLOPHONE", "DATE", "xray"));
            assertEquals(List.of("APPLE", "APPLE", "BANANA", "CHERRY", "date", "xylophone", "#offsets=8"), readAll(c));
        }
        List<String> expected = List.of("APPLE", "APPLE", "BANANA", "CHERRY", "date", "xylophone", "#offsets=8");
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(expected, readAll(c), "the boundaries survive a restart");
            append(c, "elder");
            c.waitForMicrobatchProcessedCount(NAME, "mbReplay", 9);
            assertEquals(1L, (Long) c.clusterPState(NAME, "$$mbReplayed").selectOne(Path.key("elder")));
            // the same migration id on another update keeps the boundaries
            c.updateModule(new V2());
            assertEquals(List.of("APPLE", "APPLE", "BANANA", "CHERRY", "date", "elder", "xylophone", "#offsets=9"),
                    readAll(c));
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(List.of("APPLE", "APPLE", "BANANA", "CHERRY", "date", "elder", "xylophone", "#offsets=9"),
                    readAll(c), "and a restart after it");
            // a new id covers every record appended before its update, read as appended
            c.updateModule(new V3());
            List<String> bang = List.of("apple!", "apple!", "banana!", "cherry!", "date!", "elder!", "xenon!", "xray!",
                    "xylophone!", "#offsets=9");
            assertEquals(bang, readAll(c));
            append(c, "fig");
            List<String> withFig = new ArrayList<>(bang.subList(0, 9));
            withFig.add("fig");
            Collections.sort(withFig);
            withFig.add("#offsets=10");
            assertEquals(withFig, readAll(c));
            // dropping the migration ends it: records read as appended
            c.updateModule(new V2() {
                @Override
                void migrate(Depot.Declaration d) {}
            });
            assertEquals(List.of("apple", "apple", "banana", "cherry", "date", "elder", "fig", "xenon", "xray",
                    "xylophone", "#offsets=10"), readAll(c));
        }
    }

    @Test
    void aMigrationOnAFirstLaunchHasNothingToMigrate() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new V2(), new LaunchConfig(2, 1));
            append(c, "apple", "xray");
            c.waitForMicrobatchProcessedCount(NAME, "mbReplay", 2);
            assertEquals(List.of("apple", "xray", "#offsets=2"), readAll(c));
            assertEquals(counts("apple", "xray"), pstate(c, "$$mbReplayed", counts("apple", "xray"), "APPLE"));
            // in memory too, the same id on an update keeps the boundaries and a new id takes new ones
            c.updateModule(new V2());
            assertEquals(List.of("apple", "xray", "#offsets=2"), readAll(c));
            c.updateModule(new V3());
            assertEquals(List.of("apple!", "xray!", "#offsets=2"), readAll(c));
        }
    }
}
