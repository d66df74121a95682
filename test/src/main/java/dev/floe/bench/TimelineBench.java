package dev.floe.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The Mastodon-style fanout benchmark (BENCHMARKS.md B5 in shape, on the in-process cluster): a
 * driver program, not JMH.
 *
 * <p>A skewed follower graph ({@link TimelineFanoutRig.Graph}) is loaded into
 * {@link TimelineFanoutRig.FanoutModule}; then posts by uniformly random authors are appended at
 * a <b>constant rate</b> (open loop) while the microbatch topology fans them out in chunks into
 * bounded home timelines. Measured per repetition: <b>timeline deliveries</b> (a post's followers
 * plus its author) <b>per CPU-second of the whole process</b> and per wall-clock second, and
 * <b>post→timeline latency</b> (from a post's scheduled send to the moment the topology's
 * processed count reached it, so a close approximation), into an HdrHistogram. The <b>baseline</b>,
 * measured in the same run, is a single loop appending post numbers to one in-memory ring per
 * account ({@link TimelineFanoutRig.RingBaseline}); every Floe figure is divided by its
 * deliveries per CPU-second. Floe runs with depots and PStates in memory ({@code memory}) and on
 * disk in RocksDB ({@code rocksdb}). At the end of each store's runs every sampled account's
 * timeline is compared with the baseline's ring fed the same posts; a difference fails the run.
 *
 * <p>Run it from module {@code test}'s runtime classpath, e.g. {@code java -cp … dev.floe.bench.TimelineBench
 * --posts 2000 --reps 1} (the other rigs' {@code bin/bench-*} scripts show how to copy the
 * classpath first). Usage: {@code TimelineBench [--accounts N] [--avg-fanout F] [--skew S]
 * [--posts N] [--warmup N] [--reps N] [--rate POSTS_PER_S] [--chunk N] [--timeline-max N]
 * [--tasks N] [--threads N] [--window N] [--stores memory,rocksdb] [--baseline-posts N]
 * [--check-accounts N] [--seed N] [--out DIR]}.
 */
public final class TimelineBench {
    static final String BASELINE = "single loop into rings";
    /** B5's target for in-memory timelines, deliveries per second on the 2-core box. */
    static final double MEMORY_TARGET_PER_S = 150_000;

    private TimelineBench() {}

    /** What one run does. */
    static final class Settings {
        int accounts = 2_000;
        double avgFanout = 400;
        double skew = 0.8;
        int posts = 2_000;
        int warmupPosts = 500;
        int reps = 3;
        double rate = 200;
        long chunk = 500;
        int timelineMax = 800;
        int tasks = 4;
        int threads = 2;
        int window = 256;
        List<String> stores = List.of("memory", "rocksdb");
        int baselinePosts = 1_000_000;
        int checkAccounts = 200;
        long seed = 42;
        Path out;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--accounts" -> s.accounts = Integer.parseInt(v);
                    case "--avg-fanout" -> s.avgFanout = Double.parseDouble(v);
                    case "--skew" -> s.skew = Double.parseDouble(v);
                    case "--posts" -> s.posts = Integer.parseInt(v);
                    case "--warmup" -> s.warmupPosts = Integer.parseInt(v);
                    case "--reps" -> s.reps = Integer.parseInt(v);
                    case "--rate" -> s.rate = Double.parseDouble(v);
                    case "--chunk" -> s.chunk = Long.parseLong(v);
                    case "--timeline-max" -> s.timelineMax = Integer.parseInt(v);
                    case "--tasks" -> s.tasks = Integer.parseInt(v);
                    case "--threads" -> s.threads = Integer.parseInt(v);
                    case "--window" -> s.window = Integer.parseInt(v);
                    case "--stores" -> s.stores = List.of(v.split(","));
                    case "--baseline-posts" -> s.baselinePosts = Integer.parseInt(v);
                    case "--check-accounts" -> s.checkAccounts = Integer.parseInt(v);
                    case "--seed" -> s.seed = Long.parseLong(v);
                    case "--out" -> s.out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see TimelineBench's Javadoc)");
                }
            }
            boolean valid = s.accounts >= 2 && s.avgFanout >= 0 && s.skew >= 0 && s.posts > 0 && s.warmupPosts >= 0
                    && s.reps > 0 && s.rate > 0 && s.chunk > 0 && s.timelineMax > 0 && s.tasks > 0 && s.threads > 0
                    && s.window > 0 && s.baselinePosts > 0 && s.checkAccounts >= 0
                    && s.stores.stream().allMatch(x -> x.equals("memory") || x.equals("rocksdb"));
            if (!valid) {
                throw new IllegalArgumentException("positive sizes and rates (warm-up, skew, fanout and checked accounts "
                        + "at least 0), at least 2 accounts, stores among memory and rocksdb");
            }
            return s;
        }
    }

    /** Everything one run measured; samples count deliveries. */
    static final class Results {
        final Settings settings;
        final List<RuntimeBench.Sample> samples = new ArrayList<>();
        /** Store → post→timeline latencies in microseconds, over every repetition. */
        final Map<String, Histogram> latencyMicros = new LinkedHashMap<>();
        final List<String> verified = new ArrayList<>();
        double actualAvgFanout;
        int maxFanout;
        String started;

        Results(Settings settings) {
            this.settings = settings;
        }

        List<RuntimeBench.Sample> of(String workload) {
            return samples.stream().filter(x -> x.workload().equals(workload)).toList();
        }
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.parse(args);
        Results r = run(s, System.err);
        String report = report(r, RuntimeBench.machine());
        System.out.print(report);
        if (s.out != null) {
            Files.createDirectories(s.out);
            StringBuilder tsv = new StringBuilder("workload\trep\tdeliveries\tcpu_ns\twall_ns\n");
            for (RuntimeBench.Sample x : r.samples) {
                tsv.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d%n", x.workload(), x.rep(), x.records(),
                        x.cpuNanos(), x.wallNanos()));
            }
            Files.writeString(s.out.resolve("samples.tsv"), tsv);
            Files.writeString(s.out.resolve("report.md"), report);
        }
    }

    static String floeWorkload(String store) {
        return "Floe fanout, " + store;
    }

    /** Runs the baseline and every store; progress goes to {@code log}. Fails if a timeline differs from the baseline's. */
    static Results run(Settings s, PrintStream log) {
        Results r = new Results(s);
        r.started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        TimelineFanoutRig.Graph graph = new TimelineFanoutRig.Graph(s.accounts, s.avgFanout, s.skew, s.seed);
        r.actualAvgFanout = (double) graph.edges / s.accounts;
        for (int[] f : graph.followersOf) {
            r.maxFanout = Math.max(r.maxFanout, f.length);
        }
        int totalPosts = s.warmupPosts + s.reps * s.posts;
        int[] authors = new Random(s.seed + 1).ints(Math.max(totalPosts, s.baselinePosts), 0, s.accounts).toArray();
        log.printf(Locale.ROOT, "graph: %,d accounts, %,d follows (average fanout %.1f, max %,d)%n", s.accounts,
                graph.edges, r.actualAvgFanout, r.maxFanout);

        TimelineFanoutRig.RingBaseline baseline = new TimelineFanoutRig.RingBaseline(graph, s.timelineMax);
        long[] baselinePosted = {0};
        Runnable baselineRun = () -> {
            for (int i = 0; i < s.baselinePosts; i++) {
                long k = baselinePosted[0]++;
                baseline.post(authors[(int) (k % authors.length)], k);
            }
        };
        baselineRun.run();   // warm-up
        for (int rep = 0; rep < s.reps; rep++) {
            long before = deliveries(graph, authors, baselinePosted[0], s.baselinePosts);
            RuntimeBench.Sample x = RuntimeBench.measure(BASELINE, rep, before, baselineRun);
            r.samples.add(x);
            log.printf(Locale.ROOT, "rep %d %-24s %,12.0f deliveries/CPU-s%n", rep, BASELINE, x.perCpuSecond());
        }

        for (String store : s.stores) {
            Histogram h = new Histogram(600_000_000L, 3);
            r.latencyMicros.put(store, h);
            log.println("loading the graph into a cluster (" + store + ") ...");
            try (TimelineFanoutRig rig = new TimelineFanoutRig(graph, authors, s.chunk, s.timelineMax, s.tasks, s.threads,
                    store.equals("memory"), s.window)) {
                if (s.warmupPosts > 0) {
                    rig.postAtRate(s.warmupPosts, s.rate, null);
                }
                for (int rep = 0; rep < s.reps; rep++) {
                    long[] latencies = new long[s.posts];
                    long[] delivered = new long[1];
                    RuntimeBench.Sample x = RuntimeBench.measure(floeWorkload(store), rep,
                            deliveries(graph, authors, rig.posted(), s.posts),
                            () -> delivered[0] = rig.postAtRate(s.posts, s.rate, latencies));
                    if (delivered[0] != x.records()) {
                        throw new IllegalStateException("deliveries counted twice differ: " + delivered[0] + " vs " + x.records());
                    }
                    for (long ns : latencies) {
                        h.recordValue(Math.min(h.getHighestTrackableValue(), Math.max(0, ns / 1_000)));
                    }
                    r.samples.add(x);
                    log.printf(Locale.ROOT, "rep %d %-24s %,12.0f deliveries/CPU-s %,12.0f deliveries/s%n", rep,
                            floeWorkload(store), x.perCpuSecond(), x.perWallSecond());
                }
                r.verified.add(check(rig, graph, authors, s, store));
            }
        }
        return r;
    }

    /** Deliveries of posts {@code from … from + n - 1}. */
    static long deliveries(TimelineFanoutRig.Graph graph, int[] authors, long from, int n) {
        long total = 0;
        for (long k = from; k < from + n; k++) {
            total += graph.deliveries(authors[(int) (k % authors.length)]);
        }
        return total;
    }

    /** Compares sampled timelines (the most followed accounts and random ones) with rings fed the same posts. */
    static String check(TimelineFanoutRig rig, TimelineFanoutRig.Graph graph, int[] authors, Settings s, String store) {
        TimelineFanoutRig.RingBaseline model = new TimelineFanoutRig.RingBaseline(graph, s.timelineMax);
        for (long k = 0; k < rig.posted(); k++) {
            model.post(authors[(int) (k % authors.length)], k);
        }
        List<Integer> accounts = new ArrayList<>();
        Random random = new Random(s.seed + 2);
        for (int i = 0; i < Math.min(s.checkAccounts, s.accounts); i++) {
            accounts.add(i < s.checkAccounts / 2 ? i : random.nextInt(s.accounts));
        }
        for (int a : accounts) {
            List<Long> expected = model.timeline(a);
            List<Long> actual = rig.timeline(a);
            if (!expected.equals(actual)) {
                throw new IllegalStateException(store + ": the home timeline of " + TimelineFanoutRig.Graph.name(a)
                        + " differs from the baseline's ring: expected " + expected + ", got " + actual);
            }
        }
        return store + ": " + accounts.size() + " home timelines equal the baseline's rings after " + rig.posted() + " posts";
    }

    static String report(Results r, String machine) {
        Settings s = r.settings;
        StringBuilder o = new StringBuilder();
        o.append(String.format(Locale.ROOT, "## Timeline fanout (B5 shape), %s%n%n", r.started));
        o.append(String.format(Locale.ROOT, "%,d accounts, average fanout %.1f (requested %.0f, skew %.2f, max %,d); "
                + "posts at %.0f/s (%,d per repetition, %d repetitions, %,d warm-up); chunks of %d, timelines of %d; "
                + "%d tasks on %d threads.%n%n", s.accounts, r.actualAvgFanout, s.avgFanout, s.skew, r.maxFanout, s.rate,
                s.posts, s.reps, s.warmupPosts, s.chunk, s.timelineMax, s.tasks, s.threads));
        o.append("| workload | deliveries/CPU-s | deliveries/s (wall) | ÷ baseline (CPU) | post→timeline p50 | p99 | B5 target |\n");
        o.append("|---|---:|---:|---:|---:|---:|---|\n");
        double base = median(r.of(BASELINE), true);
        o.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | 1.00 | | | |%n", BASELINE, base, median(r.of(BASELINE), false)));
        for (String store : s.stores) {
            List<RuntimeBench.Sample> xs = r.of(floeWorkload(store));
            double cpu = median(xs, true);
            double wall = median(xs, false);
            Histogram h = r.latencyMicros.get(store);
            String target = store.equals("memory")
                    ? String.format(Locale.ROOT, "≥ %,.0f/s", MEMORY_TARGET_PER_S)
                    : String.format(Locale.ROOT, "≥ %,.0f/s (⅓ of in-memory)", MEMORY_TARGET_PER_S / 3);
            o.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3g | %.1f ms | %.1f ms | %s |%n", floeWorkload(store),
                    cpu, wall, cpu / base, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, target));
        }
        o.append(String.format(Locale.ROOT, "%nWall-clock deliveries/s is bounded by the offered post rate (%.0f posts/s × the "
                + "average deliveries per post); raise --rate to find the saturation point. \"memory\" keeps depots and "
                + "PStates in Floe's in-memory store (not task-global rings); \"rocksdb\" is PState-backed on disk.%n%n", s.rate));
        for (String v : r.verified) {
            o.append("- checked: ").append(v).append('\n');
        }
        o.append("- machine: ").append(machine).append('\n');
        return o.toString();
    }

    private static double median(List<RuntimeBench.Sample> xs, boolean cpu) {
        return RuntimeBench.median(xs.stream().mapToDouble(x -> cpu ? x.perCpuSecond() : x.perWallSecond()).toArray());
    }
}
