package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.store.FileDepotLog;
import dev.floe.store.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link StorageBench} honest without timing anything: each scenario runs at a tiny size,
 * and both sides must have done the same work (the same bytes written, the same entries read);
 * then the whole driver runs tiny and its table and raw files are checked.
 */
class StorageBenchTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void bothSidesOfB1WriteTheSameFrames() {
        for (FsyncPolicy policy : List.of(FsyncPolicy.NEVER, FsyncPolicy.GROUP)) {
            DepotAppendRig rig = new DepotAppendRig(tmp, 4, 100, policy);
            assertEquals(100, rig.encoded(0).length);
            int batch = 3;
            List<byte[]> floeFiles = new ArrayList<>();
            List<byte[]> limitFiles = new ArrayList<>();
            long[] durable = new long[1];
            // 0 seconds: one batch per partition, on both sides
            DepotAppendRig.Run floe = rig.floe(batch, 0, logs -> {
                for (int p = 0; p < logs.size(); p++) {
                    FileDepotLog log = logs.get(p);
                    List<Object> read = log.read(0, log.endOffset());
                    assertEquals(batch, read.size(), "records in partition " + p);
                    for (int i = 0; i < batch; i++) {
                        assertArrayEquals(rig.record((long) p * batch + i), (byte[]) read.get(i), "record " + i + " of partition " + p);
                    }
                    durable[0] += log.durableEndOffset();
                    assertEquals(1, log.segmentFiles().size());
                    byte[] segment = bytes(log.segmentFiles().get(0));
                    floeFiles.add(Arrays.copyOfRange(segment, DepotAppendRig.SEGMENT_HEADER_BYTES, segment.length));
                }
            });
            DepotAppendRig.Run limit = rig.limit(batch, 0, files -> {
                for (java.nio.file.Path f : files) {
                    limitFiles.add(bytes(f));
                }
            });
            assertEquals(4 * batch, floe.records(), policy.toString());
            assertEquals(floe.records(), limit.records());
            assertEquals(floe.batches(), limit.batches());
            assertEquals(floe.syncs(), limit.syncs());
            assertEquals(policy == FsyncPolicy.GROUP ? 4 : 0, floe.syncs());
            assertArrayEquals(floe.perPartition(), limit.perPartition());
            assertEquals(policy == FsyncPolicy.GROUP ? floe.records() : 0, durable[0],
                    "under GROUP every record is durable after its batch's sync, under NEVER none is known to be");
            for (int p = 0; p < 4; p++) {
                assertEquals(batch * (DepotAppendRig.FRAME_HEADER_BYTES + 100), limitFiles.get(p).length);
                assertArrayEquals(floeFiles.get(p), limitFiles.get(p), "the frames of partition " + p + " under " + policy);
            }
        }
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "every run deletes its files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bothSidesOfB4ReadTheSameEntries() {
        int keys = 400;
        try (PStateReadRig rig = new PStateReadRig(tmp.resolve("b4"), keys, 4, 10)) {
            assertEquals(rig.mapSizes[0], rig.mapSizes[2], "the limit's String keys are as long as Floe's");
            assertEquals(rig.mapSizes[1], rig.mapSizes[3]);
            assertEquals(rig.sortedSizes[1], rig.sortedSizes[3]);
            for (int i = 0; i < keys; i++) {
                long v = PStateReadRig.value(i);
                assertEquals(v, rig.floeMapGet(i));
                assertEquals(v, rig.floeMapGetCompiled(i));
                assertEquals(v, rig.limitMapGet(i));
                int o = i / rig.perOuter;
                int in = i % rig.perOuter;
                assertEquals(v, rig.floeSortedGet(o, in));
                assertEquals(v, rig.limitSortedGet(o, in));
            }
            for (int i = 0; i + 10 < keys; i += 7) {
                long[] floe = PStateReadRig.flatten(rig.floeMapRange(i), false);
                assertEquals(10, floe.length);
                assertArrayEquals(floe, rig.limitMapRange(i), "map range from " + i);
                assertEquals(PStateReadRig.value(i + 9), floe[9]);
                Map<?, ?> m = (Map<?, ?>) rig.floeMapRange(i);
                assertEquals(PStateReadRig.mapKey(i), m.keySet().iterator().next());
            }
            for (int o = 0; o < 4; o++) {
                for (int from = 0; from + 10 <= rig.perOuter; from += 9) {
                    long[] floe = PStateReadRig.flatten(rig.floeSortedRange(o, from), true);
                    assertEquals(20, floe.length);
                    assertArrayEquals(floe, rig.limitSortedRange(o, from), "subindexed range at " + o + " from " + from);
                    assertEquals(from + 9, floe[18]);
                    assertEquals(PStateReadRig.value((long) o * rig.perOuter + from + 9), floe[19]);
                }
            }
        }
    }

    @Test
    void theClusterRowsAnswerEveryCall() {
        try (StorageClusterRig rig = new StorageClusterRig(FsyncPolicy.GROUP, 4, 2, 8)) {
            DepotAppendRig records = new DepotAppendRig(tmp, 1, 100, FsyncPolicy.NEVER);
            Depot depot = rig.records();
            long n = rig.saturated(50, 60, i -> depot.appendAsync(records.record(i), AckLevel.APPEND_ACK), (i, a) -> { });
            assertEquals(50, n);
            long[] latencies = rig.openLoop(30, 2_000, i -> depot.appendAsync(records.record(i), AckLevel.APPEND_ACK),
                    (i, a) -> { });
            for (long ns : latencies) {
                assertTrue(ns > 0, "every append was acknowledged after it was scheduled");
            }

            rig.loadKeys(200);
            PState map = rig.map();
            for (int i = 0; i < 200; i++) {
                assertEquals(PStateReadRig.value(i), (Long) map.selectOne(Path.key(PStateReadRig.mapKey(i))));
            }
            StorageClusterRig.Mismatches wrong = new StorageClusterRig.Mismatches();
            long selects = rig.saturated(200, 60, i -> map.<Long>selectOneAsync(Path.key(PStateReadRig.mapKey((int) i))),
                    (i, v) -> wrong.expect(PStateReadRig.value(i), v, "key " + i));
            assertEquals(200, selects);
            rig.openLoop(100, 2_000, i -> map.<Long>selectOneAsync(Path.key(PStateReadRig.mapKey((int) (i * 2)))),
                    (i, v) -> wrong.expect(PStateReadRig.value(i * 2), v, "key " + i * 2));
            wrong.check("selects");
            rig.openLoop(1, 2_000, i -> map.<Long>selectOneAsync(Path.key(PStateReadRig.mapKey(0))),
                    (i, v) -> wrong.expect(-1L, v, "key 0"));
            assertEquals(1, wrong.count.get(), "a wrong answer is counted");
        }
    }

    @Test
    void theDriverRunsTinyAndReports() throws IOException {
        StorageBench.Settings s = StorageBench.Settings.parse(new String[] {"--reps", "2", "--append-seconds", "0.01",
                "--batch-sizes", "1,5", "--warmup-seconds", "0.01", "--cluster-policies", "NEVER,GROUP",
                "--saturate-seconds", "0.05", "--latency-seconds", "0.05", "--latency-loads", "0.5,0.1", "--keys", "300",
                "--outer-keys", "3", "--range", "10", "--read-seconds", "0.01", "--cluster-keys", "100", "--window", "8",
                "--dir", tmp.resolve("run").toString()});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StorageBench.Results r = StorageBench.run(s, new PrintStream(log, true, StandardCharsets.UTF_8));
        String report = StorageBench.report(r, "test machine");
        String[] lines = report.split("\n");
        long tableRows = Arrays.stream(lines).filter(l -> l.startsWith("| B")).count();
        // B1: 2 policies × 2 batch sizes; 2 cluster policies × (saturated + 2 loads); B4: 5 reads; select: 1 + 2
        assertEquals(4 + 6 + 5 + 3, tableRows, report);
        for (String l : lines) {
            if (l.startsWith("| B1 append") || l.startsWith("| B4 point") || l.startsWith("| B4 range")) {
                assertTrue(l.endsWith("| pass |") || l.endsWith("| FAIL |"), l);
            }
        }
        assertTrue(report.contains("Checked: B1: every run's record count"), report);
        assertTrue(report.contains("reads of each kind equal on both sides"), report);
        assertTrue(report.contains("every select answered the key's value"), report);
        assertEquals(2 * (4 * 2) + 2 * 5 * 2, r.samples.size());

        java.nio.file.Path out = tmp.resolve("out");
        StorageBench.writeRaw(r, out);
        List<String> samples = Files.readAllLines(out.resolve("samples.tsv"));
        assertEquals(1 + r.samples.size() + 3 * 3, samples.size());
        assertTrue(Files.readString(out.resolve("latency-0-us.hgrm")).contains("Percentile"));
        assertTrue(Files.exists(out.resolve("latency-5-us.hgrm")));
    }

    @Test
    void theReportComputesRatiosAndVerdicts() {
        StorageBench.Settings s = StorageBench.Settings.parse(new String[] {"--only", "b1", "--reps", "3",
                "--batch-sizes", "10", "--policies", "GROUP", "--cluster-policies", "NEVER"});
        StorageBench.Results r = new StorageBench.Results(s);
        String floe = StorageBench.appendWorkload("floe", FsyncPolicy.GROUP, 10);
        String limit = StorageBench.appendWorkload("limit", FsyncPolicy.GROUP, 10);
        // wall clock under GROUP: Floe 400, 500, 600 rec/s against the limit's 1,000 each run
        for (int rep = 0; rep < 3; rep++) {
            r.samples.add(new RuntimeBench.Sample(limit, rep, 1_000, 1_000_000, 1_000_000_000L));
            r.samples.add(new RuntimeBench.Sample(floe, rep, 400 + 100 * rep, 1_000_000, 1_000_000_000L));
        }
        StorageBench.LatencyRow row = new StorageBench.LatencyRow("B1 `APPEND_ACK`, cluster depotFsync NEVER", 2);
        row.saturated = new RuntimeBench.Sample("sat", 0, 10_000, 50_000_000L, 1_000_000_000L);
        StorageBench.LoadRun run = new StorageBench.LoadRun(0.5, 5_000);
        run.run = new RuntimeBench.Sample("run", 0, 3, 1, 1);
        run.micros.recordValue(100);
        run.micros.recordValue(200);
        run.micros.recordValue(2_500);
        row.runs.add(run);
        r.latencies.put(row.label, row);
        r.started = "now";
        String report = StorageBench.report(r, "test machine");
        assertTrue(report.contains("| rec/s | 500 ± 20% | 1,000 ± 0% | 0.50 ± 0.10 | ≥ 0.50 | pass |"), report);
        assertTrue(report.contains("| 10,000 · 5.0 µs |"), report);
        assertTrue(report.contains("p50 0.20 · p99 2.50 · p99.9 2.50 · max 2.50 (sender late: p99 0.00 · max 0.00; GC: 0 in 0 ms)"
                + " | | | p99 ≤ 2.00 ms | FAIL |"), report);
    }

    private static byte[] bytes(java.nio.file.Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
