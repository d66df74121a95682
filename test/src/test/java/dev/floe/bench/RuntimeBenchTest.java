package dev.floe.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link RuntimeBench} honest without timing anything: every workload runs at a tiny size
 * and its counts must equal the model's; the report's rows, ratios and verdicts are checked on a
 * tiny real run and on made-up samples. (The build runs this with every hop serialized.)
 */
class RuntimeBenchTest {
    private static final WordCorpus CORPUS = new WordCorpus(64, 8, 100, 42);

    @Test
    void corpusSplitsAndModelsCounts() {
        assertEquals(List.of("ab", "c", "def"), WordCorpus.split("ab c def"));
        assertEquals(List.of("ab", "c"), WordCorpus.split(" ab  c "));
        assertEquals(List.of(), WordCorpus.split(""));
        assertEquals(64, new HashSet<>(List.of(CORPUS.vocabulary)).size());
        for (String s : CORPUS.sentences) {
            assertEquals(8, WordCorpus.split(s).size(), s);
        }
        for (long n : new long[] {0, 1, 99, 100, 101, 250}) {
            long total = CORPUS.model(n).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(n * 8, total, "words in " + n + " sentences");
        }
        assertEquals(CORPUS.sentence(3), CORPUS.sentence(103));
    }

    @Test
    void theLimitCountsLikeTheModel() {
        for (boolean depotHop : new boolean[] {false, true}) {
            try (QueueHopLimit limit = new QueueHopLimit(4, 2, depotHop)) {
                for (int i = 0; i < 250; i++) {
                    limit.append(CORPUS.sentence(i));
                }
                limit.drain();
                assertEquals(CORPUS.model(250), limit.counts(), "depot hop " + depotHop);
                assertEquals(depotHop ? 250 : 0, limit.logged());
                for (int i = 250; i < 300; i++) {
                    limit.append(CORPUS.sentence(i));
                }
                limit.drain();
                assertEquals(CORPUS.model(300), limit.counts(), "depot hop " + depotHop);
            }
        }
    }

    @Test
    void everyFloeWorkloadCountsLikeTheModel() {
        try (WordCountRig rig = new WordCountRig(CORPUS, 4, 2, 16, 50, 2)) {
            rig.streamNone(120);
            assertEquals(CORPUS.model(120), rig.streamCounts());
            rig.streamNoneUnthrottled(30);
            assertEquals(CORPUS.model(150), rig.streamCounts());
            rig.streamAppendAck(90);
            assertEquals(CORPUS.model(240), rig.streamCounts());
            rig.streamAck(70);
            assertEquals(CORPUS.model(310), rig.streamCounts(), "ACK appends read their own writes");
            long[] latencies = rig.streamAckLatencies(40, 2_000);
            assertEquals(40, latencies.length);
            for (long ns : latencies) {
                assertTrue(ns > 0, "every append was acked after it was scheduled");
            }
            assertEquals(CORPUS.model(350), rig.streamCounts());
            assertEquals(350, rig.streamAppended());

            rig.microbatchFreeRunning(150);
            assertEquals(CORPUS.model(150), rig.microbatchCounts());
            for (int size : new int[] {1, 10, 60}) {
                rig.pauseMicrobatch();
                assertTrue(rig.microbatchOfPaused(size) > 0);
            }
            assertEquals(CORPUS.model(221), rig.microbatchCounts());
            assertEquals(221, rig.microbatchAppended());
            assertEquals(CORPUS.model(350), rig.streamCounts(), "the modules are independent");
        }
    }

    @Test
    void aTinyRunChecksItsCountsAndReportsEveryRow() throws Exception {
        RuntimeBench.Settings s = RuntimeBench.Settings.parse(new String[] {"--records", "200", "--limit-records", "300",
                "--warmup", "50", "--reps", "2", "--latency-seconds", "0.2", "--batch-sizes", "10,100",
                "--batch-records", "100", "--window", "32", "--poll-millis", "2"});
        RuntimeBench.Results r = RuntimeBench.run(s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(4, r.verified.size(), r.verified.toString());
        assertEquals(2 * 7, r.samples.size());
        for (String w : List.of(RuntimeBench.LIMIT, RuntimeBench.LIMIT_DEPOT, RuntimeBench.STREAM_NONE,
                RuntimeBench.STREAM_NONE_UNTHROTTLED, RuntimeBench.STREAM_APPEND_ACK, RuntimeBench.STREAM_ACK, RuntimeBench.MICROBATCH_FREE)) {
            assertEquals(2, r.of(w).size(), w);
        }
        assertEquals(r.latencyRun.records(), r.latencyMicros.getTotalCount());
        assertEquals(10, r.batchSamples.get(10).rep(), "runs of 10-record microbatches: max(3, 100 / 10)");
        assertEquals(3, r.batchSamples.get(100).rep(), "runs of 100-record microbatches: at least 3");
        assertEquals(300L, r.batchSamples.get(100).records());

        String report = RuntimeBench.report(r, "test machine");
        for (String row : List.of("| limit: hash the words", "| limit+depot:",
                "| B2 stream, `NONE` appends, chunks of 1,000 closed by an `ACK` |", "| B2 stream, `NONE` appends, all 200 at once |",
                "| B2 stream, `APPEND_ACK`, 32 in flight |", "| B2 stream, `ACK`, 32 in flight |", "| B2 append→`ACK` latency,",
                "| B3 microbatch, free-running", "| B3 microbatch of 10 records", "| B3 microbatch of 100 records",
                "Machine: test machine.", "Durability: PStates and depots in memory", "no fsync, replication 1", "Date: ",
                "Checked against the model after the run: limit (")) {
            assertTrue(report.contains(row), row + "\n" + report);
        }
        assertEquals(12, report.lines().filter(l -> l.startsWith("|")).count(), report);

        Path dir = Files.createTempDirectory("runtime-bench");
        RuntimeBench.writeRaw(r, dir);
        assertEquals(1 + 14 + 2 + 1, Files.readAllLines(dir.resolve("samples.tsv")).size());
        assertEquals(1 + 10 + 3, Files.readAllLines(dir.resolve("batches.tsv")).size());
        assertTrue(Files.readString(dir.resolve("latency-us.hgrm")).contains("Percentile"));
    }

    @Test
    void ratiosAndVerdictsOfMadeUpSamples() {
        RuntimeBench.Settings s = RuntimeBench.Settings.parse(new String[] {"--reps", "2"});
        RuntimeBench.Results r = new RuntimeBench.Results(s);
        // rec/CPU-s = records / CPU seconds: the limit 1,000 and 2,000; stream NONE 100 and 100
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.LIMIT, 0, 1_000, 1_000_000_000L, 500_000_000L));
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.LIMIT, 1, 2_000, 1_000_000_000L, 500_000_000L));
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.STREAM_NONE, 0, 100, 1_000_000_000L, 1_000_000_000L));
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.STREAM_NONE, 1, 100, 1_000_000_000L, 1_000_000_000L));
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.MICROBATCH_FREE, 0, 300, 1_000_000_000L, 1_000_000_000L));
        r.samples.add(new RuntimeBench.Sample(RuntimeBench.MICROBATCH_FREE, 1, 300, 1_000_000_000L, 1_000_000_000L));
        r.batchSamples.put(1_000, new RuntimeBench.Sample("microbatch of 1000", 3, 3_000, 20_000_000_000L, 1_000_000_000L));
        r.batchNanos.put(1_000, List.of(100_000_000L, 200_000_000L, 1_500_000_000L));
        String report = RuntimeBench.report(r, "m");
        // per-run ratios 0.1 and 0.05: median 0.075
        assertTrue(report.contains("| B2 stream, `NONE` appends, chunks of 1,000 closed by an `ACK` | 100 ± 0% | 10000.00 | 100 rec/s | 0.075 |"), report);
        assertTrue(report.contains("| limit: hash the words, 1 queue hop per sentence and thread, `HashMap` | 1,500 ± 33% |"), report);
        assertTrue(report.contains("| ≥ 2.00× stream `NONE` | 3.00×: pass |"), report);
        // 150 rec/CPU-s is 1.5× the stream; the slowest batch took 1.5 s
        assertTrue(report.contains("resume→processed p50 200 · max 1500 ms"), report);
        assertTrue(report.contains("| 1.50×: FAIL |"), report);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeBench.Settings.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> RuntimeBench.Settings.parse(new String[] {"--records"}));
        assertThrows(IllegalArgumentException.class, () -> RuntimeBench.Settings.parse(new String[] {"--reps", "0"}));
        assertThrows(IllegalArgumentException.class, () -> new QueueHopLimit(4, 3, false));
    }
}
