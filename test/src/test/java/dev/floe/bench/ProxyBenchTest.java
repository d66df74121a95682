package dev.floe.bench;

import dev.floe.Path;
import dev.floe.diffs.NewValueDiff;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link ProxyBench} honest without timing anything: the rig's proxies see every update of
 * their keys with correct diffs and equal a select afterwards, the limit hands over every byte,
 * and the driver runs tiny and renders its table. (The build may run this with every hop
 * serialized.)
 */
class ProxyBenchTest {
    @Test
    void proxiesSeeEveryUpdateAndEqualSelects() {
        try (ProxyRig rig = new ProxyRig(4, 2, 16)) {
            try (ProxyRig.ProxySet set = rig.proxySet("t", 20, 2)) {
                set.subscribe();
                assertEquals(40, set.proxies.size());
                int n = 300;
                int[] keyOf = new int[n];
                Random random = new Random(3);
                for (int i = 0; i < n; i++) {
                    keyOf[i] = random.nextInt(20);
                }
                ProxyRig.Run run = new ProxyRig.Run(1_000, n, keyOf);
                assertEquals(n, rig.saturated(set, run, 60));
                set.awaitDelivered(run, n);
                assertEquals(2L * n, run.delivered.get(), "both proxies of a key saw each of its updates");
                for (int i = 0; i < n; i++) {
                    assertTrue(run.latencies[i] > 0, "update " + i + " reached a callback");
                }
                set.checkAgainstSelects();
                // each key holds one of its own updates (appends in flight at once may commit in
                // either order: Depot.random() then hashPartition), and both its proxies hold it
                for (int j = 0; j < 20; j++) {
                    Long v = rig.latest.selectOne(Path.key(ProxyRig.key("t", j)));
                    if (v != null) {
                        assertEquals(j, keyOf[(int) (v - 1_000)], "key " + j + " holds an update of its own");
                    }
                    assertEquals(v, set.proxies.get(2 * j).get());
                    assertEquals(v, set.proxies.get(2 * j + 1).get());
                }

                ProxyRig.Run open = new ProxyRig.Run(5_000, 50, new int[50]);
                long[] late = new long[50];
                long[] ack = new long[50];
                rig.openLoop(set, open, 2_000, late, ack);
                set.awaitDelivered(open, 50);
                long v = set.proxies.get(0).get();
                assertTrue(v >= 5_000 && v < 5_050, "every update of the open loop went to key 0: " + v);
                for (int i = 0; i < 50; i++) {
                    assertTrue(open.latencies[i] > 0 && ack[i] > 0, "update " + i);
                }
                set.checkAgainstSelects();
                assertEquals(0, set.resyncs.get());
                assertEquals(0, set.wrong.count.get());
            }
        }
    }

    @Test
    void theLimitHandsOverEveryDiff() {
        try (DiffHopLimit limit = new DiffHopLimit(ProxyBench.clusterCodec())) {
            assertEquals(10_000, limit.publish(10_000));
            assertEquals(10_000, limit.consumed());
            long[] lat = limit.openLoop(100, 10_000);
            assertEquals(100, lat.length);
            for (long ns : lat) {
                assertTrue(ns > 0);
            }
            assertEquals(10_100, limit.consumed());
            assertTrue(limit.meanBytes > 0);
            Object back = ProxyBench.clusterCodec().decode(ProxyBench.clusterCodec().encode(new NewValueDiff(5L)));
            assertEquals(new NewValueDiff(5L), back, "the limit's bytes are what a proxy push carries");
        }
    }

    @Test
    void theDriverRunsTinyAndReports() throws Exception {
        ProxyBench.Settings s = ProxyBench.Settings.parse(new String[] {"--proxies", "10,30", "--fanout", "3",
                "--fanout-keys", "5", "--saturate-seconds", "0.2", "--latency-seconds", "0.2", "--limit-seconds", "0.05",
                "--limit-diffs", "2000", "--warmup-seconds", "0.1", "--window", "16", "--large-entries", "200",
                "--edits", "10"});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProxyBench.Results r = ProxyBench.run(s, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(3, r.rows.size());
        assertEquals(2, r.bytes.size());
        for (ProxyBench.BytesRow b : r.bytes) {
            assertEquals(10, b.diffJava.size());
            assertTrue(b.fullJava > 0, b.label);
        }
        String report = ProxyBench.report(r, "test machine");
        List<String> rows = report.lines().filter(l -> l.startsWith("| B6")).toList();
        // per proxy count: saturated + latency; fan-out: saturated; two diff-bytes rows
        assertEquals(2 * 2 + 1 + 2, rows.size(), report);
        for (String l : rows) {
            assertTrue(l.endsWith("| pass |") || l.endsWith("| FAIL |"), l);
        }
        assertTrue(report.contains("| B6 30 proxies, one per key, update→callback at"), report);
        assertTrue(report.contains("| B6 fan-out: 15 proxies, 3 on each of 5 keys, saturated"), report);
        assertTrue(report.contains("| B6 diff bytes, `$$big`"), report);
        assertTrue(report.contains("Machine: test machine."), report);
        assertTrue(report.contains("every proxy equals a select of its key"), report);
        assertTrue(report.contains("large-plain: every diff applied"), report);

        java.nio.file.Path out = Files.createTempDirectory("proxy-bench");
        ProxyBench.writeRaw(r, out);
        assertEquals(1 + 3 * 2 + 2 + 2, Files.readAllLines(out.resolve("samples.tsv")).size());
        assertTrue(Files.readString(out.resolve("latency-1-us.hgrm")).contains("Percentile"));
        assertEquals(1 + 20, Files.readAllLines(out.resolve("diff-bytes.tsv")).size());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProxyBench.Settings.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> ProxyBench.Settings.parse(new String[] {"--proxies"}));
        assertThrows(IllegalArgumentException.class, () -> ProxyBench.Settings.parse(new String[] {"--proxies", "0"}));
    }
}
