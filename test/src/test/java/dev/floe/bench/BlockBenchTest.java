package dev.floe.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link BlockBench} honest without timing anything: every state's setup runs (it fails
 * unless both sides of each pair compute the same result) and every benchmark is half of a pair.
 */
class BlockBenchTest {

    @Test
    void setupsCheckThatBothSidesAgree() {
        new BlockBench.Words().setup();
        new BlockBench.Numbers().setup();
    }

    @Test
    void everyBenchmarkIsHalfOfAPair() {
        assertEquals(new TreeSet<>(List.of("numbers", "wordCount")), PathsBenchTest.pairs(BlockBench.class));
    }

    @Test
    void aReportWithoutTargetOnlyReportsRatios() {
        String json = "[" + PathsBenchTest.result("numbers_floePrepared", 40, 1) + ","
                + PathsBenchTest.result("numbers_hand", 1000, 10) + "]";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        RatioReport.print((List<?>) Json.parse(json), Double.NaN, null, "Floe dataflow",
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String report = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.startsWith("Floe dataflow: JMH throughput"), report);
        assertTrue(report.contains("| numbers (Prepared) | 40 ± 3% | 1,000 ± 1% | 0.04 ± 0.00 | none | reported |"), report);
        assertTrue(report.contains("1 pair (no target set)"), report);
    }

    @Test
    void wordCountCountsOnlyWordsOfFourLettersOrMore() {
        BlockBench.Words w = new BlockBench.Words();
        w.setup();
        Object counts = new BlockBench().wordCount_floePrepared(w);
        for (Object k : ((java.util.Map<?, ?>) counts).keySet()) {
            assertTrue(((String) k).length() >= 4, k.toString());
        }
        long total = 0;
        for (Object v : ((java.util.Map<?, ?>) counts).values()) {
            total += (Long) v;
        }
        assertTrue(total > 0 && total < (long) BlockBench.SENTENCES * BlockBench.WORDS_PER_SENTENCE, "total " + total);
    }
}
