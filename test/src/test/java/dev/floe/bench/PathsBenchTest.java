package dev.floe.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmarks honest without running them (nothing here is timed): every pair's two sides
 * return equal values (each state's setup checks its pairs), every benchmark belongs to a pair, and
 * the report pairs JMH results as documented.
 */
class PathsBenchTest {
    @Test
    void everyPairReturnsEqualValues() {
        // each setup throws when a Floe side and its hand-written side disagree
        new PathsBench.Nested().setup();
        new PathsBench.LateBound().setup();
        new PathsBench.Vec().setup();
        new PathsBench.FlatMap().setup();
        new PathsBench.Sorted().setup();
        new PathsBench.Clj().setup();
    }

    @Test
    void everyBenchmarkIsHalfOfAPair() {
        TreeSet<String> pairs = pairs(PathsBench.class);
        assertTrue(pairs.containsAll(List.of("keypathClj", "keypathHashMap", "allPred", "mapValsInc", "srangeSetval",
                "sortedRangeClj", "sortedRangeTreeMap", "lateBoundKey", "cljSelect")), pairs.toString());
    }

    /** The pairs of a benchmark class, checking that every benchmark is named {@code <pair>_floe…} or {@code <pair>_hand} and has its other half. */
    static TreeSet<String> pairs(Class<?> bench) {
        TreeSet<String> hand = new TreeSet<>();
        TreeSet<String> floe = new TreeSet<>();
        for (Method m : bench.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
                continue;
            }
            String name = m.getName();
            int sep = name.lastIndexOf('_');
            assertTrue(sep > 0, name + " is not named <pair>_floe… or <pair>_hand");
            String side = name.substring(sep + 1);
            assertTrue(side.equals("hand") || side.startsWith("floe"), name);
            (side.equals("hand") ? hand : floe).add(name.substring(0, sep));
        }
        assertEquals(hand, floe);
        return hand;
    }

    @Test
    void reportPairsVariantsWithTheirBaseline() {
        String json = "[" + result("keypathClj_floe", 900, 90) + "," + result("keypathClj_hand", 1000, 10) + ","
                + result("lateBoundKey_floeTemplate", 100, 1) + "," + result("lateBoundKey_floeJavaPath", 600, 6) + ","
                + result("lateBoundKey_hand", 1000, 10) + "]";
        List<?> results = (List<?>) Json.parse(json);
        List<RatioReport.Row> rows = RatioReport.rows(results);
        List<String> labels = new ArrayList<>();
        for (RatioReport.Row r : rows) {
            labels.add(r.label);
        }
        assertEquals(List.of("keypathClj", "lateBoundKey (Template)", "lateBoundKey (JavaPath)"), labels);
        assertEquals(0.9, rows.get(0).ratio(), 1e-9);
        assertEquals(0.1, rows.get(1).ratio(), 1e-9);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RatioReport.print(results, 0.5, "today", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("| keypathClj | 900 ± 10% | 1,000 ± 1% | 0.90 ± 0.09 | >= 0.5 | pass |"), report);
        assertTrue(report.contains("| lateBoundKey (Template) | 100 ± 1% | 1,000 ± 1% | 0.10 ± 0.00 | >= 0.5 | FAIL |"),
                report);
        assertTrue(report.contains("2 of 3 pairs meet the target"), report);
    }

    @Test
    void jsonReaderReadsWhatJmhWrites() {
        Object v = Json.parse("{\"a\": [1, 2.5e3, \"NaN\", true, null], \"b\": {\"c\": \"x\\\"y\\u0041\"}}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1.0, 2500.0, "NaN", true), ((List<?>) m.get("a")).subList(0, 4));
        assertEquals("x\"yA", ((Map<?, ?>) m.get("b")).get("c"));
    }

    static String result(String method, double score, double error) {
        return "{\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.floe.bench.PathsBench." + method + "\", "
                + "\"mode\": \"thrpt\", \"threads\": 1, \"forks\": 1, \"jvmArgs\": [\"-XX:+UseParallelGC\"], "
                + "\"jdkVersion\": \"17\", \"vmName\": \"OpenJDK\", \"vmVersion\": \"17\", \"warmupIterations\": 3, "
                + "\"warmupTime\": \"1 s\", \"measurementIterations\": 5, \"measurementTime\": \"1 s\", "
                + "\"primaryMetric\": {\"score\": " + score + ", \"scoreError\": " + error
                + ", \"scoreUnit\": \"ops/s\", \"rawData\": [[1.0, 2.0]]}, \"secondaryMetrics\": {}}";
    }
}
