package dev.floe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JMH's {@code -rf json} output of a paired benchmark class into one table of ratios.
 *
 * <p>Benchmarks pair by method name: {@code <pair>_hand} is the hand-written baseline and every
 * {@code <pair>_floe<Variant>} is measured against it, as {@code Floe ops/s ÷ hand ops/s} from the
 * same run. The table (Markdown) has one row per Floe variant, with the target ratio and whether
 * it is met, preceded by the machine and run settings.
 *
 * <p>Usage: {@code RatioReport <jmh-result.json> [--target 0.5|none] [--started <text>] [--title <text>]}.
 */
public final class RatioReport {
    /** Default target: Floe at least half the throughput of the hand-written code. */
    static final double TARGET_DEFAULT = 0.5;
    static final String TITLE_DEFAULT = "Floe paths vs hand-written code";

    private RatioReport() {}

    /** One measured benchmark. */
    static final class Score {
        final String method;
        final double opsPerSecond;
        final double error;

        Score(String method, double opsPerSecond, double error) {
            this.method = method;
            this.opsPerSecond = opsPerSecond;
            this.error = error;
        }
    }

    /** One table row: a Floe variant against its pair's baseline (either may be missing). */
    static final class Row {
        final String label;
        final Score floe;
        final Score hand;

        Row(String label, Score floe, Score hand) {
            this.label = label;
            this.floe = floe;
            this.hand = hand;
        }

        /** Floe/hand, or NaN when a side is missing. */
        double ratio() {
            return floe == null || hand == null ? Double.NaN : floe.opsPerSecond / hand.opsPerSecond;
        }

        /** The ratio's error from both sides' 99.9% errors (relative errors added in quadrature). */
        double ratioError() {
            if (floe == null || hand == null || Double.isNaN(floe.error) || Double.isNaN(hand.error)) {
                return Double.NaN;
            }
            double rf = floe.error / floe.opsPerSecond;
            double rh = hand.error / hand.opsPerSecond;
            return ratio() * Math.sqrt(rf * rf + rh * rh);
        }
    }

    public static void main(String[] args) throws IOException {
        String file = null;
        double target = TARGET_DEFAULT;
        String started = null;
        String title = TITLE_DEFAULT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--title":
                    title = args[++i];
                    break;
                case "--target": {
                    String t = args[++i];
                    // "none": the ratios are reported, with no pass/fail
                    target = t.equals("none") ? Double.NaN : Double.parseDouble(t);
                    break;
                }
                case "--started":
                    started = args[++i];
                    break;
                default:
                    if (file != null) {
                        throw new IllegalArgumentException("usage: RatioReport <jmh-result.json> [--target 0.5] "
                                + "[--started <text>] [--title <text>]");
                    }
                    file = args[i];
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: RatioReport <jmh-result.json> [--target 0.5] [--started <text>] "
                    + "[--title <text>]");
        }
        List<?> results = (List<?>) Json.parse(new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8));
        print(results, target, started, title, System.out);
    }

    /** Prints the machine, the run settings and the ratio table for parsed JMH results. */
    static void print(List<?> results, double target, String started, PrintStream out) {
        print(results, target, started, TITLE_DEFAULT, out);
    }

    /** As {@link #print(List, double, String, PrintStream)}, with the report's first words. */
    static void print(List<?> results, double target, String started, String title, PrintStream out) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("the JMH result file holds no benchmark");
        }
        Map<?, ?> first = (Map<?, ?>) results.get(0);
        out.println(title + ": JMH throughput, ratio = Floe ops/s / hand-written ops/s "
                + "(both measured in this run)");
        out.println();
        out.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores (as the JVM sees them), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("- JDK: " + first.get("jdkVersion") + " (" + first.get("vmName") + " " + first.get("vmVersion") + ")");
        out.println("- GC: " + gcOf(first.get("jvmArgs")) + "; JVM args: " + first.get("jvmArgs"));
        out.println("- JMH " + first.get("jmhVersion") + ": " + (long) num(first.get("forks")) + " fork(s), "
                + (long) num(first.get("threads")) + " thread(s), warmup " + (long) num(first.get("warmupIterations")) + " x "
                + first.get("warmupTime") + ", measurement " + (long) num(first.get("measurementIterations")) + " x "
                + first.get("measurementTime"));
        if (started != null) {
            out.println("- run started: " + started);
        }
        out.println();
        out.println("| benchmark | Floe ops/s | hand-written ops/s | ratio (Floe/hand) | target | result |");
        out.println("|---|---:|---:|---:|---|---|");
        int pass = 0;
        int rows = 0;
        for (Row r : rows(results)) {
            double ratio = r.ratio();
            boolean ok = ratio >= target;
            rows++;
            pass += ok ? 1 : 0;
            String verdict = Double.isNaN(ratio) ? "missing" : Double.isNaN(target) ? "reported" : ok ? "pass" : "FAIL";
            out.println("| " + r.label + " | " + ops(r.floe) + " | " + ops(r.hand) + " | "
                    + (Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio)
                    + (Double.isNaN(r.ratioError()) ? "" : String.format(Locale.ROOT, " ± %.2f", r.ratioError())))
                    + " | " + (Double.isNaN(target) ? "none" : ">= " + target) + " | " + verdict + " |");
        }
        out.println();
        out.println((Double.isNaN(target) ? rows + (rows == 1 ? " pair" : " pairs") + " (no target set)" : pass + " of " + rows + " pairs meet the target")
                + ". ± is the 99.9% confidence error JMH reports (combined for the ratio); one run on a shared machine.");
    }

    /** Pairs the results into rows, in the order the pairs first appear. */
    static List<Row> rows(List<?> results) {
        Map<String, Score> hand = new LinkedHashMap<>();
        Map<String, Map<String, Score>> floe = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            String name = (String) r.get("benchmark");
            String method = name.substring(name.lastIndexOf('.') + 1);
            int sep = method.lastIndexOf('_');
            if (sep <= 0) {
                throw new IllegalArgumentException("benchmark " + name + " is not named <pair>_floe… or <pair>_hand");
            }
            String pair = method.substring(0, sep);
            String side = method.substring(sep + 1);
            Map<?, ?> metric = (Map<?, ?>) r.get("primaryMetric");
            if (!"ops/s".equals(metric.get("scoreUnit"))) {
                throw new IllegalArgumentException(name + " is in " + metric.get("scoreUnit") + "; run with -tu s "
                        + "in throughput mode");
            }
            Score s = new Score(method, num(metric.get("score")), num(metric.get("scoreError")));
            if (!order.contains(pair)) {
                order.add(pair);
            }
            if (side.equals("hand")) {
                hand.put(pair, s);
            } else if (side.startsWith("floe")) {
                floe.computeIfAbsent(pair, k -> new LinkedHashMap<>()).put(side.substring("floe".length()), s);
            } else {
                throw new IllegalArgumentException("benchmark " + name + " is neither _floe… nor _hand");
            }
        }
        List<Row> out = new ArrayList<>();
        for (String pair : order) {
            Map<String, Score> variants = floe.getOrDefault(pair, Map.of("", new Score(pair, Double.NaN, Double.NaN)));
            for (Map.Entry<String, Score> v : variants.entrySet()) {
                Score f = Double.isNaN(v.getValue().opsPerSecond) ? null : v.getValue();
                out.add(new Row(v.getKey().isEmpty() ? pair : pair + " (" + v.getKey() + ")", f, hand.get(pair)));
            }
        }
        return out;
    }

    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use(\\w+)GC");

    /**
     * The collector the forks ran: the one named in their JVM arguments, or else this JVM's, which
     * bin/bench-paths starts with the same arguments.
     */
    static String gcOf(Object jvmArgs) {
        if (jvmArgs instanceof List) {
            for (Object a : (List<?>) jvmArgs) {
                Matcher m = GC_FLAG.matcher(String.valueOf(a));
                if (m.matches()) {
                    return m.group(1) + " (set in the JVM args)";
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(gc.getName());
        }
        return sb + " (the JVM's default here)";
    }

    /** A JSON number (JMH writes NaN as the string "NaN"). */
    private static double num(Object o) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        return o == null ? Double.NaN : Double.parseDouble(String.valueOf(o));
    }

    private static String ops(Score s) {
        if (s == null) {
            return "-";
        }
        String v = String.format(Locale.ROOT, "%,.0f", s.opsPerSecond);
        if (Double.isNaN(s.error)) {
            return v;
        }
        return v + String.format(Locale.ROOT, " ± %.0f%%", 100 * s.error / s.opsPerSecond);
    }
}
