package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structural options of PState migrations: fixed keys added and removed, and a change to subindexed. */
class MigrationOptionsTest {
    static final String M = "dev.floe.runtime.MigrationOptionsTest$Profiles";

    /** Profiles [user name age] in a fixed-keys record, and per user a map of scores; the schemas vary by version. */
    public static final class Profiles implements FloeModule {
        final Function<Void, PState.Schema> profile;
        final Function<Void, PState.Schema> scores;

        public Profiles() {
            this(v -> PState.fixedKeysSchema("name", String.class, "age", Long.class),
                    v -> PState.mapSchema(Long.class, Long.class));
        }

        Profiles(Function<Void, PState.Schema> profile, Function<Void, PState.Schema> scores) {
            this.profile = profile;
            this.scores = scores;
        }

        @Override
        public String getModuleName() {
            return M;
        }

        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*users", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("s");
            s.pstate("$$profiles", PState.mapSchema(String.class, profile.apply(null)));
            s.pstate("$$scores", PState.mapSchema(String.class, scores.apply(null)));
            s.source("*users").out("*u")
                    .each(Ops.FIRST, "*u").out("*user")
                    .each(Ops.LAST, "*u").out("*age")
                    .localTransform("$$profiles", Path.key("*user", "name").termVal("*user"))
                    .localTransform("$$profiles", Path.key("*user", "age").termVal("*age"))
                    .localTransform("$$scores", Path.key("*user", "*age").termVal("*age"));
        }
    }

    private static PState.Schema v2Profile() {
        return PState.migrated(PState.fixedKeysSchema("name", String.class, "email", String.class), "drop-age",
                (Object p) -> p).removeFixedKeys("age").addFixedKeys("email");
    }

    private static PState.Schema v2Scores() {
        return PState.migrated(PState.mapSchema(Long.class, Long.class).subindexed(), "to-subindexed", (Object m) -> m)
                .migrateToSubindexed();
    }

    @Test
    void removedKeysAreDroppedAndAValueBecomesSubindexed(@TempDir java.nio.file.Path dir) {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            c.launchModule(new Profiles(), new LaunchConfig(2, 1));
            dev.floe.Depot d = c.clusterDepot(M, "*users");
            d.append(List.of("ann", 30L), AckLevel.ACK);
            d.append(List.of("bob", 40L), AckLevel.ACK);
            // without the option the removed key is unknown to the new schema: the update is refused
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> c.updateModule(new Profiles(
                    v -> PState.migrated(PState.fixedKeysSchema("name", String.class, "email", String.class), "x",
                            (Object p) -> p), v -> PState.mapSchema(Long.class, Long.class))));
            assertTrue(refused.getMessage().contains("age"), refused.getMessage());
            c.updateModule(new Profiles(v -> v2Profile(), v -> v2Scores()));
            PState profiles = c.clusterPState(M, "$$profiles");
            assertEquals(Map.of("name", "ann"), profiles.selectOne(Path.key("ann")));
            PState scores = c.clusterPState(M, "$$scores");
            assertEquals(Map.of(40L, 40L), scores.selectOne(Path.key("bob")));
            assertEquals(List.of(40L), scores.select(Path.key("bob").sortedMapRange(0L, 100L).mapKeys()));
        }
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            assertEquals(Map.of("name", "bob"), c.clusterPState(M, "$$profiles").selectOne(Path.key("bob")));
            assertFalse(c.getDeployedModuleNames().isEmpty());
        }
    }

    @Test
    void optionsThatContradictTheNewSchemaAreRefusedAtDefinition() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> PState.migrated(
                PState.fixedKeysSchema("name", String.class), "m", (Object p) -> p).addFixedKeys("email"));
        assertTrue(a.getMessage().contains("email") && a.getMessage().contains("does not declare"), a.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> PState.migrated(
                PState.fixedKeysSchema("name", String.class), "m", (Object p) -> p).removeFixedKeys("name"));
        assertTrue(r.getMessage().contains("still declares"), r.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> PState.migrated(
                PState.mapSchema(Long.class, Long.class), "m", (Object p) -> p).migrateToSubindexed());
        assertTrue(s.getMessage().contains("not subindexed"), s.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> PState.migrated(
                PState.mapSchema(Long.class, Long.class), "m", (Object p) -> p).addFixedKeys("k"));
        assertTrue(f.getMessage().contains("not to a fixedKeysSchema"), f.getMessage());
    }
}
