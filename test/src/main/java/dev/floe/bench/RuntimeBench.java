package dev.floe.bench;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The runtime word-count benchmarks (BENCHMARKS.md B2 and B3 in shape, on the in-process cluster
 * with its in-memory store): a driver program, not JMH, run by {@code bin/bench-runtime}.
 *
 * <p>Throughput is <b>records (sentences) per CPU-second of the whole process</b>
 * ({@code OperatingSystemMXBean#getProcessCpuTime}, every thread: task threads, client threads,
 * the driver, GC and JIT) over a fixed number of records after a warm-up (that clock ticks in 10 ms
 * on Linux, so every measurement is sized to take a second or more of CPU), for:
 * <ul>
 *   <li>the <b>limit</b>: the same words hashed and counted in {@code HashMap}s behind one in-JVM
 *       queue hop per sentence and thread ({@link QueueHopLimit}), and the limit with a depot hop
 *       in front;
 *   <li>Floe's <b>stream</b> word count with {@code NONE} appends (in chunks closed by an {@code ACK}
 *       append, and all at once), and with {@code APPEND_ACK} and {@code ACK} appends, a window of
 *       them in flight;
 *   <li>Floe's <b>microbatch</b> word count, free-running, and with the topology paused while
 *       {@code N} records are appended, then resumed (a sweep of microbatch sizes).
 * </ul>
 * Each throughput workload runs {@code reps} times, interleaved, and every Floe figure is divided
 * by the limit's figure of the same repetition. Then <b>append→ACK latency</b> is measured at a
 * fixed offered load (a fraction, by default half, of the {@code ACK} workload's own wall-clock
 * throughput in this run), every append timed from its scheduled send time, into an HdrHistogram.
 * At the end every count is compared with the model ({@link WordCorpus#model}); a mismatch fails
 * the run. Nothing here is a test of speed; {@code RuntimeBenchTest} runs it tiny in the build.
 *
 * <p>Usage: {@code RuntimeBench [--records N] [--warmup N] [--reps N] [--latency-seconds S]
 * [--latency-load F] [--batch-sizes 100,1000,10000] [--batch-records N] [--tasks N] [--threads N]
 * [--window N] [--none-chunk N] [--poll-millis N] [--limit-records N] [--out DIR]}.
 */
public final class RuntimeBench {
    static final String LIMIT = "limit";
    static final String LIMIT_DEPOT = "limit+depot";
    static final String STREAM_NONE = "stream NONE";
    static final String STREAM_NONE_UNTHROTTLED = "stream NONE at once";
    static final String STREAM_APPEND_ACK = "stream APPEND_ACK";
    static final String STREAM_ACK = "stream ACK";
    static final String MICROBATCH_FREE = "microbatch";
    static final String LATENCY = "stream ACK latency";

    /** The B2 latency targets (BENCHMARKS.md), in milliseconds. */
    static final double P50_TARGET_MS = 2;
    static final double P99_TARGET_MS = 10;
    /** The B3 targets: at least this many times Floe's own stream mode; microbatch time p50/p99. */
    static final double MICROBATCH_OVER_STREAM_TARGET = 2;
    static final double BATCH_P50_TARGET_MS = 300;
    static final double BATCH_P99_TARGET_MS = 1000;

    private RuntimeBench() {}

    /** What one run does. */
    static final class Settings {
        int records = 60_000;
        /** The limit runs this many records per measurement: it is fast, and the CPU clock ticks in 10 ms on Linux. */
        int limitRecords = 400_000;
        int warmupRecords = 20_000;
        int reps = 5;
        double latencySeconds = 20;
        double latencyLoad = 0.5;
        int[] batchSizes = {100, 1_000, 10_000};
        /** Each batch size runs {@code max(3, batchRecords / size)} times. */
        int batchRecords = 40_000;
        int tasks = 4;
        int threads = 2;
        int window = 256;
        int noneChunk = 1_000;
        long pollMillis = 10;
        int vocabulary = 1_024;
        int wordsPerSentence = 8;
        int distinctSentences = 8_192;
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
                    case "--records" -> s.records = Integer.parseInt(v);
                    case "--limit-records" -> s.limitRecords = Integer.parseInt(v);
                    case "--warmup" -> s.warmupRecords = Integer.parseInt(v);
                    case "--reps" -> s.reps = Integer.parseInt(v);
                    case "--latency-seconds" -> s.latencySeconds = Double.parseDouble(v);
                    case "--latency-load" -> s.latencyLoad = Double.parseDouble(v);
                    case "--batch-sizes" -> s.batchSizes = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--batch-records" -> s.batchRecords = Integer.parseInt(v);
                    case "--tasks" -> s.tasks = Integer.parseInt(v);
                    case "--threads" -> s.threads = Integer.parseInt(v);
                    case "--window" -> s.window = Integer.parseInt(v);
                    case "--none-chunk" -> s.noneChunk = Integer.parseInt(v);
                    case "--poll-millis" -> s.pollMillis = Long.parseLong(v);
                    case "--out" -> s.out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see RuntimeBench's Javadoc)");
                }
            }
            boolean positive = s.records > 0 && s.limitRecords > 0 && s.reps > 0 && s.warmupRecords >= 0
                    && s.latencySeconds > 0 && s.latencyLoad > 0 && s.batchSizes.length > 0
                    && Arrays.stream(s.batchSizes).allMatch(n -> n > 0) && s.window > 0 && s.noneChunk > 0 && s.pollMillis > 0;
            if (!positive) {
                throw new IllegalArgumentException("records, limit records, reps, latency seconds and load, batch sizes, "
                        + "window, chunk and poll interval must be positive (warm-up at least 0)");
            }
            return s;
        }

        int batchReps(int size) {
            return Math.max(3, batchRecords / size);
        }
    }

    /** One measured run of a workload. */
    record Sample(String workload, int rep, long records, long cpuNanos, long wallNanos) {
        double perCpuSecond() {
            return records / (cpuNanos / 1e9);
        }

        double perWallSecond() {
            return records / (wallNanos / 1e9);
        }
    }

    /** Everything one run measured. */
    static final class Results {
        final Settings settings;
        final List<Sample> samples = new ArrayList<>();
        /** Microbatch size → one sample over all its repetitions (pause, appends, resume, processed), rep = how many. */
        final Map<Integer, Sample> batchSamples = new LinkedHashMap<>();
        /** Microbatch size → nanoseconds from resume to processed, per repetition. */
        final Map<Integer, List<Long>> batchNanos = new LinkedHashMap<>();
        /** Append→ACK latencies of the latency run, in microseconds. */
        final Histogram latencyMicros = new Histogram(60_000_000L, 3);
        Sample latencyRun;
        double offeredPerSecond;
        String started;
        /** What was checked against the model at the end. */
        final List<String> verified = new ArrayList<>();

        Results(Settings settings) {
            this.settings = settings;
        }

        List<Sample> of(String workload) {
            List<Sample> out = new ArrayList<>();
            for (Sample s : samples) {
                if (s.workload().equals(workload)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.parse(args);
        Results r = run(s, System.err);
        String report = report(r, machine());
        System.out.print(report);
        if (s.out != null) {
            writeRaw(r, s.out);
        }
    }

    /** Runs every workload; progress goes to {@code log}. Fails if any count differs from the model. */
    static Results run(Settings s, PrintStream log) {
        Results r = new Results(s);
        r.started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        WordCorpus corpus = new WordCorpus(s.vocabulary, s.wordsPerSentence, s.distinctSentences, 42);
        long[] limitAppended = new long[2];
        try (QueueHopLimit limit = new QueueHopLimit(s.tasks, s.threads, false);
             QueueHopLimit limitDepot = new QueueHopLimit(s.tasks, s.threads, true);
             WordCountRig rig = new WordCountRig(corpus, s.tasks, s.threads, s.window, s.noneChunk, s.pollMillis)) {
            Map<String, IntConsumer> workloads = new LinkedHashMap<>();
            workloads.put(LIMIT, n -> {
                for (int i = 0; i < n; i++) {
                    limit.append(corpus.sentence(limitAppended[0]++));
                }
                limit.drain();
            });
            workloads.put(LIMIT_DEPOT, n -> {
                for (int i = 0; i < n; i++) {
                    limitDepot.append(corpus.sentence(limitAppended[1]++));
                }
                limitDepot.drain();
            });
            workloads.put(STREAM_NONE, rig::streamNone);
            workloads.put(STREAM_NONE_UNTHROTTLED, rig::streamNoneUnthrottled);
            workloads.put(STREAM_APPEND_ACK, rig::streamAppendAck);
            workloads.put(STREAM_ACK, rig::streamAck);
            workloads.put(MICROBATCH_FREE, rig::microbatchFreeRunning);

            if (s.warmupRecords > 0) {
                log.println("warm-up: " + s.warmupRecords + " sentences per workload");
                for (IntConsumer w : workloads.values()) {
                    w.accept(s.warmupRecords);
                }
                for (int size : s.batchSizes) {
                    rig.pauseMicrobatch();
                    rig.microbatchOfPaused(size);
                }
            }
            for (int rep = 0; rep < s.reps; rep++) {
                for (Map.Entry<String, IntConsumer> w : workloads.entrySet()) {
                    int n = w.getKey().equals(LIMIT) || w.getKey().equals(LIMIT_DEPOT) ? s.limitRecords : s.records;
                    Sample sample = measure(w.getKey(), rep, n, () -> w.getValue().accept(n));
                    r.samples.add(sample);
                    log.printf(Locale.ROOT, "rep %d %-20s %,10.0f rec/CPU-s %,10.0f rec/s%n", rep, w.getKey(),
                            sample.perCpuSecond(), sample.perWallSecond());
                }
            }

            double sustainable = median(r.of(STREAM_ACK).stream().mapToDouble(Sample::perWallSecond).toArray());
            r.offeredPerSecond = s.latencyLoad * sustainable;
            int n = (int) Math.max(1, Math.round(r.offeredPerSecond * s.latencySeconds));
            log.printf(Locale.ROOT, "latency: %,d ACK appends at %,.0f/s%n", n, r.offeredPerSecond);
            long[][] latencies = new long[1][];
            r.latencyRun = measure(LATENCY, 0, n, () -> latencies[0] = rig.streamAckLatencies(n, r.offeredPerSecond));
            for (long ns : latencies[0]) {
                r.latencyMicros.recordValue(Math.min(r.latencyMicros.getHighestTrackableValue(), Math.max(0, ns / 1_000)));
            }

            for (int size : s.batchSizes) {
                // one CPU measurement over every repetition (pauses included): the CPU clock ticks
                // in 10 ms, longer than a small microbatch takes
                int reps = s.batchReps(size);
                List<Long> times = new ArrayList<>();
                Sample sample = measure("microbatch of " + size, reps, (long) reps * size, () -> {
                    for (int rep = 0; rep < reps; rep++) {
                        rig.pauseMicrobatch();
                        times.add(rig.microbatchOfPaused(size));
                    }
                });
                r.batchSamples.put(size, sample);
                r.batchNanos.put(size, times);
                log.printf(Locale.ROOT, "microbatches of %,d: %,.0f rec/CPU-s, resume→processed p50 %.1f ms%n", size,
                        sample.perCpuSecond(), median(times.stream().mapToDouble(t -> t / 1e6).toArray()));
            }

            check(r, "limit", corpus.model(limitAppended[0]), limit.counts());
            check(r, "limit+depot", corpus.model(limitAppended[1]), limitDepot.counts());
            if (limitDepot.logged() != limitAppended[1]) {
                throw new IllegalStateException("limit+depot logged " + limitDepot.logged() + " of " + limitAppended[1] + " sentences");
            }
            check(r, "stream", corpus.model(rig.streamAppended()), rig.streamCounts());
            check(r, "microbatch", corpus.model(rig.microbatchAppended()), rig.microbatchCounts());
        }
        return r;
    }

    private static void check(Results r, String what, Map<String, Long> model, Map<String, Long> counts) {
        if (!model.equals(counts)) {
            List<String> wrong = new ArrayList<>();
            for (String w : model.keySet()) {
                if (!model.get(w).equals(counts.get(w))) {
                    wrong.add(w + " expected " + model.get(w) + " got " + counts.get(w));
                }
            }
            for (String w : counts.keySet()) {
                if (!model.containsKey(w)) {
                    wrong.add(w + " expected none got " + counts.get(w));
                }
            }
            throw new IllegalStateException(what + " word count differs from the model in " + wrong.size() + " words, e.g. "
                    + wrong.subList(0, Math.min(5, wrong.size())));
        }
        long words = model.values().stream().mapToLong(Long::longValue).sum();
        r.verified.add(what + " (" + model.size() + " words, " + words + " counted)");
    }

    /** Runs {@code work} after a GC, measuring this process's CPU time and the wall time. */
    static Sample measure(String workload, int rep, long records, Runnable work) {
        System.gc();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        work.run();
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return new Sample(workload, rep, records, Math.max(1, cpu), Math.max(1, wall));
    }

    static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] c = xs.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }

    // ------------------------------------------------------------------------------ report

    /** Machine, JVM and date, as BENCHMARKS.md asks every published run to print. */
    static String machine() {
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return String.format(Locale.ROOT, "%d cores; %s %s (%s); GC: %s; max heap %d MiB; JVM options: %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"), String.join(", ", gcs),
                Runtime.getRuntime().maxMemory() >> 20,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    /** The one Markdown table of a run, with what it ran on. */
    static String report(Results r, String machine) {
        Settings s = r.settings;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        o.printf(Locale.ROOT, "Floe runtime word count (B2/B3 shape): in-process cluster, %d tasks on %d task threads, 1 worker; "
                        + "sentences of %d words from %,d distinct words. Throughput in records (sentences) per CPU-second "
                        + "of the whole process, median of %d runs of %,d records (the limits %,d) ± half the range, after a warm-up "
                        + "of %,d; ratios are per run against the limit of the same run.%n%n",
                s.tasks, s.threads, s.wordsPerSentence, s.vocabulary, s.reps, s.records, s.limitRecords, s.warmupRecords);
        o.println("| workload | rec/CPU-s | CPU µs/rec | wall | Floe/limit | Floe/limit+depot | target | result |");
        o.println("|---|---:|---:|---|---:|---:|---|---|");
        row(o, r, LIMIT, "limit: hash the words, 1 queue hop per sentence and thread, `HashMap`", "", "");
        row(o, r, LIMIT_DEPOT, "limit+depot: sentence → depot thread (log) → 1 hop per sentence and thread", "", "");
        row(o, r, STREAM_NONE, String.format(Locale.ROOT, "B2 stream, `NONE` appends, chunks of %,d closed by an `ACK`", s.noneChunk),
                "≥ 1.5× Kafka Streams", "peer not run");
        row(o, r, STREAM_NONE_UNTHROTTLED, String.format(Locale.ROOT, "B2 stream, `NONE` appends, all %,d at once", s.records),
                "≥ 1.5× Kafka Streams", "peer not run");
        row(o, r, STREAM_APPEND_ACK, "B2 stream, `APPEND_ACK`, " + s.window + " in flight", "≥ 1.5× Kafka Streams", "peer not run");
        row(o, r, STREAM_ACK, "B2 stream, `ACK`, " + s.window + " in flight", "≥ 1.5× Kafka Streams", "peer not run");
        if (r.latencyRun != null) {
            Histogram h = r.latencyMicros;
            double p50 = h.getValueAtPercentile(50) / 1e3;
            double p99 = h.getValueAtPercentile(99) / 1e3;
            double p999 = h.getValueAtPercentile(99.9) / 1e3;
            double max = h.getMaxValue() / 1e3;
            boolean pass = p50 <= P50_TARGET_MS && p99 <= P99_TARGET_MS;
            o.printf(Locale.ROOT, "| B2 append→`ACK` latency, %,.0f rec/s offered (%.0f%% of `ACK` wall rate), %,d appends "
                            + "| %s | %s | p50 %s · p99 %s · p99.9 %s · max %s ms | | | p50 ≤ %s ms, p99 ≤ %s ms | %s |%n",
                    r.offeredPerSecond, s.latencyLoad * 100, h.getTotalCount(), count(r.latencyRun.perCpuSecond()),
                    micros(r.latencyRun), ms(p50), ms(p99), ms(p999), ms(max), ms(P50_TARGET_MS), ms(P99_TARGET_MS),
                    pass ? "pass" : "FAIL");
        }
        double streamNone = median(r.of(STREAM_NONE).stream().mapToDouble(Sample::perCpuSecond).toArray());
                double mb = median(r.of(MICROBATCH_FREE).stream().mapToDouble(Sample::perCpuSecond).toArray());
        row(o, r, MICROBATCH_FREE, "B3 microbatch, free-running, `NONE` appends",
                "≥ " + ratio(MICROBATCH_OVER_STREAM_TARGET) + "× stream `NONE`",
                ratio(mb / streamNone) + "×: " + (mb / streamNone >= MICROBATCH_OVER_STREAM_TARGET ? "pass" : "FAIL"));
        for (Map.Entry<Integer, Sample> e : r.batchSamples.entrySet()) {
            int size = e.getKey();
            Sample t = e.getValue();
            double[] times = r.batchNanos.get(size).stream().mapToDouble(n -> n / 1e6).toArray();
            double p50 = median(times);
            double max = Arrays.stream(times).max().orElse(Double.NaN); // at or above p99 with this few runs
            double over = t.perCpuSecond() / streamNone;
            boolean pass = over >= MICROBATCH_OVER_STREAM_TARGET && p50 <= BATCH_P50_TARGET_MS && max <= BATCH_P99_TARGET_MS;
            o.printf(Locale.ROOT, "| B3 microbatch of %,d records, paused, `NONE` appends, %d runs | %s | %s "
                            + "| resume→processed p50 %s · max %s ms | %s | %s | ≥ %s× stream `NONE`; p50 ≤ %s ms, p99 ≤ %s ms "
                            + "| %s×: %s |%n",
                    size, t.rep(), count(t.perCpuSecond()), micros(t), ms(p50), ms(max),
                    ratio(t.perCpuSecond() / limitMedian(r, LIMIT)), ratio(t.perCpuSecond() / limitMedian(r, LIMIT_DEPOT)),
                    ratio(MICROBATCH_OVER_STREAM_TARGET), ms(BATCH_P50_TARGET_MS), ms(BATCH_P99_TARGET_MS), ratio(over),
                    pass ? "pass" : "FAIL");
        }
        o.println();
        o.println("Machine: " + machine + ".");
        o.println("Durability: PStates and depots in memory (`MemoryPState`, `MemoryDepotLog`), no fsync, replication 1; "
                + "1 worker, so no value is serialized between tasks.");
        o.println("Peer (Kafka Streams): not run. Date: " + r.started + ".");
        o.println("Checked against the model after the run: " + String.join("; ", r.verified) + ".");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double limitMedian(Results r, String limit) {
        return median(r.of(limit).stream().mapToDouble(Sample::perCpuSecond).toArray());
    }

    private static void row(PrintStream o, Results r, String workload, String label, String target, String result) {
        List<Sample> samples = r.of(workload);
        if (samples.isEmpty()) {
            return;
        }
        double[] perCpu = samples.stream().mapToDouble(Sample::perCpuSecond).toArray();
        double med = median(perCpu);
        double spread = (Arrays.stream(perCpu).max().orElse(med) - Arrays.stream(perCpu).min().orElse(med)) / 2 / med;
        double wall = median(samples.stream().mapToDouble(Sample::perWallSecond).toArray());
        double cpuMicros = median(samples.stream().mapToDouble(x -> x.cpuNanos() / 1e3 / x.records()).toArray());
        o.printf(Locale.ROOT, "| %s | %s ± %.0f%% | %s | %s rec/s | %s | %s | %s | %s |%n", label, count(med), spread * 100,
                String.format(Locale.ROOT, "%.2f", cpuMicros), count(wall),
                ratio(perRunRatio(r, workload, LIMIT)), ratio(perRunRatio(r, workload, LIMIT_DEPOT)), target, result);
    }

    /** The median over repetitions of workload ÷ limit, each repetition against the limit of the same repetition. */
    static double perRunRatio(Results r, String workload, String limit) {
        List<Sample> w = r.of(workload);
        List<Sample> l = r.of(limit);
        double[] ratios = new double[Math.min(w.size(), l.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = w.get(i).perCpuSecond() / l.get(i).perCpuSecond();
        }
        return median(ratios);
    }

    private static String micros(Sample s) {
        return String.format(Locale.ROOT, "%.2f", s.cpuNanos() / 1e3 / s.records());
    }

    private static String count(double x) {
        return String.format(Locale.ROOT, "%,.0f", x);
    }

    private static String ratio(double x) {
        if (Double.isNaN(x)) {
            return "—";
        }
        return String.format(Locale.ROOT, x < 0.1 ? "%.3f" : "%.2f", x);
    }

    private static String ms(double x) {
        return String.format(Locale.ROOT, x < 10 ? "%.2f" : "%.0f", x);
    }

    /** Writes every sample, the microbatch times and the latency distribution under {@code dir}. */
    static void writeRaw(Results r, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder samples = new StringBuilder("workload\trep\trecords\tcpu_ns\twall_ns\trec_per_cpu_s\trec_per_wall_s\n");
        List<Sample> all = new ArrayList<>(r.samples);
        all.addAll(r.batchSamples.values());
        if (r.latencyRun != null) {
            all.add(r.latencyRun);
        }
        for (Sample s : all) {
            samples.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.1f\t%.1f%n", s.workload(), s.rep(), s.records(),
                    s.cpuNanos(), s.wallNanos(), s.perCpuSecond(), s.perWallSecond()));
        }
        Files.writeString(dir.resolve("samples.tsv"), samples);
        StringBuilder batches = new StringBuilder("batch_size\trep\tresume_to_processed_ns\n");
        for (Map.Entry<Integer, List<Long>> e : r.batchNanos.entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                batches.append(e.getKey()).append('\t').append(i).append('\t').append(e.getValue().get(i)).append('\n');
            }
        }
        Files.writeString(dir.resolve("batches.tsv"), batches);
        try (PrintStream p = new PrintStream(Files.newOutputStream(dir.resolve("latency-us.hgrm")), true, StandardCharsets.UTF_8)) {
            p.printf(Locale.ROOT, "append→ACK latency in microseconds, %,.0f appends/s offered%n", r.offeredPerSecond);
            r.latencyMicros.outputPercentileDistribution(p, 1.0);
        }
    }
}
