package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.module.StreamSourceOptions;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import dev.floe.test.UpdateOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** updateModule: new code over the same data, migrations, new topologies, refusals that leave the module running. */
class ModuleUpdateTest {
    static final String NAME = "UpdatedModule";

    /** Version 1: counts words (stream) and ages by user (stream), and totals words (microbatch). */
    public static class V1 implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(Ops.IDENTITY));
            setup.declareDepot("*ages", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("count");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*w").compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()));
            var a = topologies.stream("ages");
            a.pstate("$$ages", ageSchema());
            a.source("*ages").out("*pair")
                    .each(Ops.EXPAND, "*pair").out("*user", "*age")
                    .localTransform("$$ages", Path.key("*user").termVal("*age"));
            var mb = topologies.microbatch("total");
            mb.pstate("$$total", Long.class).global().initialValue(0L);
            mb.source("*words").out("*mb")
                    .explodeMicrobatch("*mb").out("*w")
                    .globalPartition()
                    .agg("$$total", Agg.count());
        }

        PState.Schema ageSchema() {
            return PState.mapSchema(String.class, Long.class);
        }

        @Override
        public String getModuleName() {
            return NAME;
        }
    }

    /** Version 2: ages become strings through a migration; a new topology indexes old words by length from the beginning. */
    public static class V2 extends V1 {
        @Override
        public void define(Setup setup, Topologies topologies) {
            super.define(setup, topologies);
            var byLength = topologies.stream("byLength");
            byLength.pstate("$$byLength", PState.mapSchema(Integer.class, Long.class));
            byLength.source("*words", StreamSourceOptions.startFromBeginning()).out("*w")
                    .each(Ops.SIZE, "*w").out("*n")
                    .hashPartition("*n")
                    .compoundAgg("$$byLength", CompoundAgg.map("*n", Agg.count()));
        }

        @Override
        PState.Schema ageSchema() {
            return PState.mapSchema(String.class, PState.migrated(String.class, "ages-as-text",
                    (Object v) -> v instanceof Long ? "age " + v : v));
        }
    }

    /** Version 3: drops $$ages (needs objectsToDelete). */
    public static class V3 implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(Ops.IDENTITY));
            setup.declareDepot("*ages", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("count");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*w").compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()));
        }

        @Override
        public String getModuleName() {
            return NAME;
        }
    }

    @Test
    void dataSurvivesAndNewCodeRuns() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new V1(), new LaunchConfig(4, 2));
            Depot words = c.clusterDepot(NAME, "*words");
            Depot ages = c.clusterDepot(NAME, "*ages");
            PState counts = c.clusterPState(NAME, "$$counts");
            for (String w : new String[] {"a", "bb", "cc", "a", "ddd"}) {
                words.append(w);
            }
            ages.append(java.util.List.of("ann", 30L));
            c.waitForMicrobatchProcessedCount(NAME, "total", 5);

            c.updateModule(new V2());

            // old clients keep working, and the data is all there
            assertEquals(2L, (Long) counts.selectOne(Path.key("a")));
            words.append("a");
            assertEquals(3L, (Long) counts.selectOne(Path.key("a")));
            assertEquals("age 30", c.clusterPState(NAME, "$$ages").selectOne(Path.key("ann")), "migrated");
            ages.append(java.util.List.of("bob", "age 41"));
            assertEquals("age 41", c.clusterPState(NAME, "$$ages").selectOne(Path.key("bob")));
            // the new topology saw the old records (from the beginning) and the new one
            PState byLength = c.clusterPState(NAME, "$$byLength");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Long.valueOf(3L).equals(byLength.selectOne(Path.key(1))) && System.currentTimeMillis() < deadline) {
                Thread.yield();
            }
            assertEquals(3L, (Long) byLength.selectOne(Path.key(1)));
            assertEquals(2L, (Long) byLength.selectOne(Path.key(2)));
            // the microbatch topology continued where it was: nothing processed twice
            c.waitForMicrobatchProcessedCount(NAME, "total", 6);
            assertEquals(6L, (Long) c.clusterPState(NAME, "$$total").selectOne(Path.stay()));
        }
    }

    @Test
    void refusedUpdatesLeaveTheModuleRunning() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new V1(), new LaunchConfig(2, 2));
            c.clusterDepot(NAME, "*ages").append(java.util.List.of("ann", 30L));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.updateModule(new V3()));
            assertTrue(e.getMessage().contains("$$ages") && e.getMessage().contains("objectsToDelete"), e.getMessage());
            // a narrowing schema change without a migration
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> c.updateModule(new V1() {
                @Override
                PState.Schema ageSchema() {
                    return PState.mapSchema(String.class, String.class);
                }
            }));
            assertTrue(n.getMessage().contains("unchanged") && n.getMessage().contains("$$ages"), n.getMessage());
            c.clusterDepot(NAME, "*words").append("still");
            assertEquals(1L, (Long) c.clusterPState(NAME, "$$counts").selectOne(Path.key("still")));
            c.waitForMicrobatchProcessedCount(NAME, "total", 1);

            c.updateModule(new V3(), UpdateOptions.create().objectsToDelete("$$ages", "$$total"));
            assertEquals(1L, (Long) c.clusterPState(NAME, "$$counts").selectOne(Path.key("still")));
            assertThrows(IllegalArgumentException.class, () -> c.clusterPState(NAME, "$$ages"));
            assertNull(c.clusterPState(NAME, "$$counts").selectOne(Path.key("gone")));
        }
    }
}
