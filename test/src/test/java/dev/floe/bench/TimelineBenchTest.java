package dev.floe.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link TimelineBench} honest without timing anything: the graph is skewed and well formed,
 * the baseline's rings hold the newest posts, the Floe fanout (chunks smaller than the follower
 * sets, timelines trimmed) leaves every home timeline equal to the baseline's ring on both stores,
 * and a tiny run of the whole driver checks its timelines and prints its table.
 */
class TimelineBenchTest {
    @Test
    void theGraphIsSkewedWithoutSelfFollowsOrDuplicates() {
        TimelineFanoutRig.Graph g = new TimelineFanoutRig.Graph(200, 20, 0.8, 7);
        long edges = 0;
        for (int i = 0; i < 200; i++) {
            Set<Integer> fs = new HashSet<>();
            for (int f : g.followersOf[i]) {
                assertTrue(f != i && f >= 0 && f < 200, "follower " + f + " of " + i);
                assertTrue(fs.add(f), "duplicate follower " + f + " of " + i);
            }
            edges += fs.size();
            assertEquals(fs.size() + 1, g.deliveries(i));
        }
        assertEquals(edges, g.edges);
        assertTrue(g.followersOf[0].length > 5 * g.followersOf[199].length, "skewed");
        assertTrue(Math.abs(edges / 200.0 - 20) < 2, "average fanout " + edges / 200.0);
        assertEquals(199, new TimelineFanoutRig.Graph(200, 400, 0.8, 7).followersOf[0].length, "capped at every other account");
    }

    @Test
    void theBaselineRingsHoldTheNewestPosts() {
        TimelineFanoutRig.Graph g = new TimelineFanoutRig.Graph(3, 2, 0, 1);   // everyone follows everyone
        TimelineFanoutRig.RingBaseline rings = new TimelineFanoutRig.RingBaseline(g, 3);
        assertEquals(3, rings.post(0, 10));
        assertEquals(List.of(10L), rings.timeline(2));
        for (long k = 11; k <= 14; k++) {
            rings.post((int) (k % 3), k);
        }
        assertEquals(List.of(12L, 13L, 14L), rings.timeline(1));
        assertEquals(List.of(), new TimelineFanoutRig.RingBaseline(g, 3).timeline(0));
    }

    @Test
    void everyHomeTimelineEqualsTheBaselinesRingOnBothStores() {
        TimelineFanoutRig.Graph g = new TimelineFanoutRig.Graph(30, 8, 1.0, 3);
        int[] authors = new Random(4).ints(500, 0, 30).toArray();
        assertTrue(g.followersOf[0].length > 3, "the top account spans several chunks");
        for (boolean inMemory : new boolean[] {true, false}) {
            try (TimelineFanoutRig rig = new TimelineFanoutRig(g, authors, 3, 5, 4, 2, inMemory, 16)) {
                long[] latencies = new long[40];
                long delivered = rig.postAtRate(40, 2_000, latencies);
                delivered += rig.postAtRate(25, 5_000, null);
                assertEquals(TimelineBench.deliveries(g, authors, 0, 65), delivered);
                for (long ns : latencies) {
                    assertTrue(ns > 0, "processed after it was scheduled");
                }
                TimelineFanoutRig.RingBaseline model = new TimelineFanoutRig.RingBaseline(g, 5);
                for (int k = 0; k < 65; k++) {
                    model.post(authors[k], k);
                }
                for (int a = 0; a < 30; a++) {
                    assertEquals(model.timeline(a), rig.timeline(a), "account " + a + ", in memory " + inMemory);
                }
            }
        }
    }

    @Test
    void aTinyRunChecksItsTimelinesAndPrintsItsTable() {
        TimelineBench.Settings s = TimelineBench.Settings.parse(new String[] {"--accounts", "40", "--avg-fanout", "10",
            "--posts", "30", "--warmup", "10", "--reps", "2", "--rate", "3000", "--chunk", "4", "--timeline-max", "6",
            "--baseline-posts", "1000", "--check-accounts", "40", "--stores", "memory"});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TimelineBench.Results r = TimelineBench.run(s, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(2, r.of(TimelineBench.BASELINE).size());
        assertEquals(2, r.of(TimelineBench.floeWorkload("memory")).size());
        assertEquals(List.of("memory: 40 home timelines equal the baseline's rings after 70 posts"), r.verified);
        assertEquals(60, r.latencyMicros.get("memory").getTotalCount());
        String report = TimelineBench.report(r, "test machine");
        assertTrue(report.contains("| " + TimelineBench.BASELINE + " |"), report);
        assertTrue(report.contains("| Floe fanout, memory |"), report);
        assertTrue(report.contains("- machine: test machine"), report);
        assertThrows(IllegalArgumentException.class, () -> TimelineBench.Settings.parse(new String[] {"--stores", "disk"}));
        assertThrows(IllegalArgumentException.class, () -> TimelineBench.Settings.parse(new String[] {"--posts"}));
    }
}
