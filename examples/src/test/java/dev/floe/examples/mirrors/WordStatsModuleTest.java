package dev.floe.examples.mirrors;

import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.wordcount.WordCountModule;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A module reading another through mirrors: its depot, its PState and its query. */
class WordStatsModuleTest {
    private static final String STATS = WordStatsModule.class.getName();

    @Test
    void readsTheWordCountModuleThroughMirrors() throws Exception {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                assertThrows(IllegalArgumentException.class, () -> c.launchModule(new WordStatsModule(), config),
                        "the mirrored module must run first");
                c.launchModule(new WordCountModule(), config);
                c.launchModule(new WordStatsModule(), new LaunchConfig(2, 2));
                Depot lines = c.clusterDepot(WordStatsModule.SOURCE, "*lines");
                List<String> text = List.of("floe mirrors modules", "short", "floe again and again and again");
                for (String l : text) {
                    lines.append(l);
                }
                QueryTopologyClient<List<Object>> report = c.clusterQuery(STATS, "wordReport");
                assertEquals(List.of("floe", 2L, 2L), report.invoke("floe"), config.toString());
                assertEquals(List.of("again", 3L, 3L), report.invoke("again"));
                assertEquals(List.of("nothing", 0L, 0L), report.invoke("nothing"));

                // the mirrored depot feeds this module's stream topology (no ACK waits for it)
                PState buckets = c.clusterPState(STATS, "$$lineLengths");
                long deadline = System.currentTimeMillis() + 10_000;
                while (!Long.valueOf(1L).equals(buckets.selectOne(Path.key(30L))) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(1L, (Long) buckets.selectOne(Path.key(0L)));
                assertEquals(1L, (Long) buckets.selectOne(Path.key(20L)));
                assertEquals(1L, (Long) buckets.selectOne(Path.key(30L)));

                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> c.destroyModule(WordStatsModule.SOURCE));
                assertTrue(e.getMessage().contains(STATS), e.getMessage());
                c.updateModule(new WordCountModule());
                lines.append("floe floe");
                assertEquals(List.of("floe", 4L, 4L), report.invoke("floe"), "the mirrors follow the update");
            }
        }
    }
}
