package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.bench.RuntimeBench.Sample;
import dev.floe.store.FileDepotLog;
import dev.floe.store.FsyncPolicy;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * The storage benchmarks (BENCHMARKS.md B1 and B4): a driver program, not JMH, run by
 * {@code bin/bench-storage}. Every Floe figure is divided by a limit measured in the same run.
 *
 * <ul>
 *   <li><b>B1 depot append</b> ({@link DepotAppendRig}): 100-byte records into 4 partitions, one
 *       thread, batches of 1/10/100/1000 records per sync, under {@code NEVER} (no force) and
 *       {@code GROUP} (a sync per batch): Floe's {@code FileDepotLog} against {@code FileChannel}
 *       writes of the same frames and a {@code force(false)} per batch. Unit: records per
 *       CPU-second of the process without fsync, records per second (wall) with it (a force
 *       waits for the device, not the CPU). Then {@code APPEND_ACK} through a durable
 *       {@code InProcessCluster} ({@link StorageClusterRig}) per cluster fsync policy: saturated
 *       throughput with a window of appends in flight, then latency open loop at a fraction
 *       (default half) of it, into an HdrHistogram.
 *   <li><b>B4 PState reads</b> ({@link PStateReadRig}): point gets and 100-entry range reads of a
 *       map PState and of a subindexed sorted map through {@code RocksPState.selectCommitted},
 *       against {@code RocksDB.get} and a {@code RocksIterator} on the same entries in a plain
 *       RocksDB with the same options; reads per CPU-second, the same random positions on both
 *       sides. Then client {@code select} through the cluster: saturated, then open-loop latency.
 * </ul>
 *
 * Each storage row runs {@code reps} times, the limit then Floe, and the ratio is the median of
 * the per-repetition ratios. At the end every read kind is run once more on both sides at the
 * same positions and the results compared; B1's runs check what they wrote (record counts, file
 * sizes, durable offsets), and the cluster rows check every answer. Nothing here is a test of
 * speed; {@code StorageBenchTest} runs it tiny in the build.
 *
 * <p>Usage: {@code StorageBench [--only b1,b4] [--reps N] [--partitions N] [--record-bytes N]
 * [--batch-sizes 1,10,100,1000] [--policies NEVER,GROUP] [--append-seconds S]
 * [--cluster-policies NEVER,GROUP,EVERY_APPEND] [--saturate-seconds S] [--latency-seconds S]
 * [--latency-loads 0.5,0.1] [--tasks N] [--threads N] [--window N] [--keys N] [--outer-keys N]
 * [--range N] [--read-seconds S] [--cluster-keys N] [--warmup-seconds S] [--dir DIR] [--out DIR]}.
 */
public final class StorageBench {
    /** B1: Floe's append throughput at least this fraction of the limit's. */
    static final double APPEND_TARGET = 0.5;
    /** B1: local APPEND_ACK p99, milliseconds. */
    static final double APPEND_ACK_P99_TARGET_MS = 2;
    /** B4: point get and range scan, fractions of raw RocksDB. */
    static final double GET_TARGET = 0.5;
    static final double RANGE_TARGET = 0.3;
    /** B4: client select p99, milliseconds. */
    static final double SELECT_P99_TARGET_MS = 1;

    static final String MAP_GET = "map get";
    static final String MAP_GET_COMPILED = "map get, path compiled per read";
    static final String SORTED_GET = "subindexed get";
    static final String MAP_RANGE = "map range";
    static final String SORTED_RANGE = "subindexed range";
    static final List<String> READS = List.of(MAP_GET, MAP_GET_COMPILED, SORTED_GET, MAP_RANGE, SORTED_RANGE);
    /** Read positions drawn per read kind (cycled). */
    static final int POSITIONS = 1 << 16;

    private StorageBench() {}

    /** What one run does. */
    static final class Settings {
        boolean b1 = true;
        boolean b4 = true;
        int reps = 3;
        int partitions = 4;
        int recordBytes = 100;
        int[] batchSizes = {1, 10, 100, 1_000};
        List<FsyncPolicy> policies = List.of(FsyncPolicy.NEVER, FsyncPolicy.GROUP);
        double appendSeconds = 1;
        List<FsyncPolicy> clusterPolicies = List.of(FsyncPolicy.NEVER, FsyncPolicy.GROUP, FsyncPolicy.EVERY_APPEND);
        double saturateSeconds = 3;
        double latencySeconds = 8;
        /** Open-loop loads, fractions of the saturated rate; the first is the one the targets are checked at. */
        double[] latencyLoads = {0.5, 0.1};
        int tasks = 4;
        int threads = 2;
        int window = 256;
        int keys = 100_000;
        int outerKeys = 10;
        int range = 100;
        double readSeconds = 1;
        int clusterKeys = 100_000;
        double warmupSeconds = 0.3;
        java.nio.file.Path dir;
        java.nio.file.Path out;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--only" -> {
                        List<String> only = List.of(v.toLowerCase(Locale.ROOT).split(","));
                        s.b1 = only.contains("b1");
                        s.b4 = only.contains("b4");
                    }
                    case "--reps" -> s.reps = Integer.parseInt(v);
                    case "--partitions" -> s.partitions = Integer.parseInt(v);
                    case "--record-bytes" -> s.recordBytes = Integer.parseInt(v);
                    case "--batch-sizes" -> s.batchSizes = ints(v);
                    case "--policies" -> s.policies = policies(v);
                    case "--append-seconds" -> s.appendSeconds = Double.parseDouble(v);
                    case "--cluster-policies" -> s.clusterPolicies = policies(v);
                    case "--saturate-seconds" -> s.saturateSeconds = Double.parseDouble(v);
                    case "--latency-seconds" -> s.latencySeconds = Double.parseDouble(v);
                    case "--latency-loads" -> s.latencyLoads = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
                    case "--tasks" -> s.tasks = Integer.parseInt(v);
                    case "--threads" -> s.threads = Integer.parseInt(v);
                    case "--window" -> s.window = Integer.parseInt(v);
                    case "--keys" -> s.keys = Integer.parseInt(v);
                    case "--outer-keys" -> s.outerKeys = Integer.parseInt(v);
                    case "--range" -> s.range = Integer.parseInt(v);
                    case "--read-seconds" -> s.readSeconds = Double.parseDouble(v);
                    case "--cluster-keys" -> s.clusterKeys = Integer.parseInt(v);
                    case "--warmup-seconds" -> s.warmupSeconds = Double.parseDouble(v);
                    case "--dir" -> s.dir = java.nio.file.Path.of(v);
                    case "--out" -> s.out = java.nio.file.Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see StorageBench's Javadoc)");
                }
            }
            boolean positive = s.reps > 0 && s.partitions > 0 && s.recordBytes > 0 && s.batchSizes.length > 0
                    && Arrays.stream(s.batchSizes).allMatch(n -> n > 0) && s.appendSeconds > 0 && s.saturateSeconds > 0
                    && s.latencySeconds > 0 && s.latencyLoads.length > 0 && Arrays.stream(s.latencyLoads).allMatch(x -> x > 0) && s.window > 0 && s.keys > 0 && s.range > 0
                    && s.readSeconds > 0 && s.clusterKeys > 0 && s.warmupSeconds >= 0;
            if (!positive || !(s.b1 || s.b4)) {
                throw new IllegalArgumentException("sizes, times, reps, window and load must be positive (warm-up at least 0),"
                        + " and --only must name b1 or b4");
            }
            return s;
        }

        private static int[] ints(String v) {
            return Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        }

        private static List<FsyncPolicy> policies(String v) {
            List<FsyncPolicy> out = new ArrayList<>();
            for (String p : v.split(",")) {
                out.add(FsyncPolicy.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            }
            return List.copyOf(out);
        }
    }

    /** A latency measurement: saturated throughput, then open-loop runs at fractions of it. */
    static final class LatencyRow {
        final String label;
        final double p99TargetMs;
        Sample saturated;
        final List<LoadRun> runs = new ArrayList<>();

        LatencyRow(String label, double p99TargetMs) {
            this.label = label;
            this.p99TargetMs = p99TargetMs;
        }
    }

    /** One open-loop run: the fraction of the saturated rate offered, the rate, and the latencies. */
    static final class LoadRun {
        final double load;
        final double offeredPerSecond;
        Sample run;
        final Histogram micros = new Histogram(60_000_000L, 3);
        /** How late the sender really sent each call (its own stalls), microseconds. */
        final Histogram lateMicros = new Histogram(60_000_000L, 3);
        /** Garbage collections during the run, and their total time. */
        long gcCount;
        long gcMillis;

        LoadRun(double load, double offeredPerSecond) {
            this.load = load;
            this.offeredPerSecond = offeredPerSecond;
        }
    }

    /** Everything one run measured. */
    static final class Results {
        final Settings settings;
        final List<Sample> samples = new ArrayList<>();
        final Map<String, LatencyRow> latencies = new LinkedHashMap<>();
        final List<String> verified = new ArrayList<>();
        String started;
        /** Mean stored key and value sizes of B4, {Floe key, Floe value, limit key, limit value}. */
        double[] mapSizes;
        double[] sortedSizes;
        long loadMillis;

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
        String report = report(r, RuntimeBench.machine());
        System.out.print(report);
        if (s.out != null) {
            writeRaw(r, s.out);
        }
    }

    static String appendWorkload(String side, FsyncPolicy p, int batch) {
        return "B1 " + side + " " + p + " batch " + batch;
    }

    static String readWorkload(String side, String read) {
        return "B4 " + side + " " + read;
    }

    /** Runs every benchmark of the settings; progress goes to {@code log}. Fails if any check fails. */
    static Results run(Settings s, PrintStream log) throws IOException {
        Results r = new Results(s);
        r.started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        java.nio.file.Path dir = s.dir != null ? s.dir : Files.createTempDirectory("floe-bench-storage");
        Files.createDirectories(dir);
        try {
            if (s.b1) {
                runAppends(s, r, dir.resolve("b1"), log);
                runAppendAcks(s, r, dir.resolve("b1"), log);
            }
            if (s.b4) {
                runReads(s, r, dir.resolve("b4"), log);
                runSelects(s, r, log);
            }
        } finally {
            if (s.dir == null) {
                DepotAppendRig.delete(dir);
            }
        }
        return r;
    }

    // ------------------------------------------------------------------------------ B1

    private static void runAppends(Settings s, Results r, java.nio.file.Path dir, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        long[] checked = new long[2];
        for (FsyncPolicy policy : s.policies) {
            DepotAppendRig rig = new DepotAppendRig(dir, s.partitions, s.recordBytes, policy);
            long frame = DepotAppendRig.FRAME_HEADER_BYTES + rig.recordBytes;
            for (int batch : s.batchSizes) {
                if (s.warmupSeconds > 0) {
                    rig.limit(batch, s.warmupSeconds, null);
                    rig.floe(batch, s.warmupSeconds, null);
                }
                for (int rep = 0; rep < s.reps; rep++) {
                    DepotAppendRig.Run[] limitRun = new DepotAppendRig.Run[1];
                    Sample limit = measure(appendWorkload("limit", policy, batch), rep, () -> {
                        limitRun[0] = rig.limit(batch, s.appendSeconds, files -> {
                            long bytes = 0;
                            for (java.nio.file.Path f : files) {
                                bytes += size(f);
                            }
                            checked[0] = bytes;
                        });
                        return limitRun[0].records();
                    });
                    if (checked[0] != limitRun[0].records() * frame) {
                        throw new IllegalStateException("the limit wrote " + checked[0] + " bytes for " + limitRun[0].records()
                                + " records of " + frame + " bytes");
                    }
                    DepotAppendRig.Run[] floeRun = new DepotAppendRig.Run[1];
                    Sample floe = measure(appendWorkload("floe", policy, batch), rep, () -> {
                        floeRun[0] = rig.floe(batch, s.appendSeconds, logs -> {
                            long end = 0;
                            long durable = 0;
                            for (FileDepotLog l : logs) {
                                end += l.endOffset();
                                durable += l.durableEndOffset();
                            }
                            checked[0] = end;
                            checked[1] = durable;
                        });
                        return floeRun[0].records();
                    });
                    if (checked[0] != floeRun[0].records()
                            || policy == FsyncPolicy.GROUP && checked[1] != floeRun[0].records()) {
                        throw new IllegalStateException("Floe's logs end at " + checked[0] + " (durable " + checked[1]
                                + ") after " + floeRun[0].records() + " appends under " + policy);
                    }
                    r.samples.add(limit);
                    r.samples.add(floe);
                    log.printf(Locale.ROOT, "B1 %s batch %,d rep %d: limit %,.0f rec/s %,.0f rec/CPU-s; Floe %,.0f rec/s %,.0f rec/CPU-s%n",
                            policy, batch, rep, limit.perWallSecond(), limit.perCpuSecond(), floe.perWallSecond(),
                            floe.perCpuSecond());
                }
            }
        }
        r.verified.add("B1: every run's record count against the limit's file sizes and Floe's end offsets "
                + "(and durable end offsets under GROUP)");
    }

    private static long size(java.nio.file.Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void runAppendAcks(Settings s, Results r, java.nio.file.Path dir, PrintStream log) {
        DepotAppendRig records = new DepotAppendRig(dir, 1, s.recordBytes, FsyncPolicy.NEVER);
        long appends = 0;
        for (FsyncPolicy policy : s.clusterPolicies) {
            LatencyRow row = new LatencyRow("B1 `APPEND_ACK`, cluster depotFsync " + policy, APPEND_ACK_P99_TARGET_MS);
            try (StorageClusterRig rig = new StorageClusterRig(policy, s.tasks, s.threads, s.window)) {
                Depot depot = rig.records();
                long[] seq = {0};
                if (s.warmupSeconds > 0) {
                    seq[0] += rig.saturated(Long.MAX_VALUE, s.warmupSeconds * 3,
                            i -> depot.appendAsync(records.record(i), AckLevel.APPEND_ACK), (i, a) -> { });
                }
                row.saturated = measure("B1 cluster APPEND_ACK saturated " + policy, 0, () -> {
                    long first = seq[0];
                    long n = rig.saturated(Long.MAX_VALUE, s.saturateSeconds,
                            i -> depot.appendAsync(records.record(first + i), AckLevel.APPEND_ACK), (i, a) -> { });
                    seq[0] += n;
                    return n;
                });
                log.printf(Locale.ROOT, "B1 cluster %s: APPEND_ACK saturated %,.0f/s%n", policy, row.saturated.perWallSecond());
                for (double load : s.latencyLoads) {
                    LoadRun run = new LoadRun(load, load * row.saturated.perWallSecond());
                    int n = (int) Math.max(1, Math.round(run.offeredPerSecond * s.latencySeconds));
                    long[][] lat = new long[1][];
                    long[] late = new long[n];
                    long[] gc0 = gc();
                    run.run = measure("B1 cluster APPEND_ACK latency " + policy + " at " + load, 0, () -> {
                        long first = seq[0];
                        lat[0] = rig.openLoop(n, run.offeredPerSecond,
                                i -> depot.appendAsync(records.record(first + i), AckLevel.APPEND_ACK), (i, a) -> { }, late);
                        seq[0] += n;
                        return n;
                    });
                    finish(run, gc0, lat[0], late);
                    row.runs.add(run);
                    log.printf(Locale.ROOT, "B1 cluster %s: %,d appends at %,.0f/s: p50 %.2f p99 %.2f ms, sender late p99 "
                                    + "%.2f ms, GC %d in %d ms%n", policy, n, run.offeredPerSecond,
                            run.micros.getValueAtPercentile(50) / 1e3, run.micros.getValueAtPercentile(99) / 1e3,
                            run.lateMicros.getValueAtPercentile(99) / 1e3, run.gcCount, run.gcMillis);
                }
                appends += seq[0];
            }
            r.latencies.put(row.label, row);
        }
        r.verified.add("B1 cluster: " + String.format(Locale.ROOT, "%,d", appends) + " APPEND_ACK appends all acknowledged");
    }

    // ------------------------------------------------------------------------------ B4

    private static void runReads(Settings s, Results r, java.nio.file.Path dir, PrintStream log) {
        long t0 = System.nanoTime();
        log.printf(Locale.ROOT, "B4: loading %,d entries into each PState, on both sides%n", s.keys);
        try (PStateReadRig rig = new PStateReadRig(dir, s.keys, s.outerKeys, s.range)) {
            r.loadMillis = (System.nanoTime() - t0) / 1_000_000;
            r.mapSizes = rig.mapSizes;
            r.sortedSizes = rig.sortedSizes;
            int[] keyPos = PStateReadRig.positions(POSITIONS, s.keys, 1);
            int[] mapRangePos = PStateReadRig.positions(POSITIONS, s.keys - s.range, 2);
            int[] outerPos = PStateReadRig.positions(POSITIONS, s.outerKeys, 3);
            int[] innerPos = PStateReadRig.positions(POSITIONS, rig.perOuter, 4);
            int[] innerRangePos = PStateReadRig.positions(POSITIONS, rig.perOuter - s.range + 1, 5);
            Map<String, IntToLongFunction> floe = new LinkedHashMap<>();
            Map<String, IntToLongFunction> limit = new LinkedHashMap<>();
            int mask = POSITIONS - 1;
            floe.put(MAP_GET, j -> rig.floeMapGet(keyPos[j & mask]));
            limit.put(MAP_GET, j -> rig.limitMapGet(keyPos[j & mask]));
            floe.put(MAP_GET_COMPILED, j -> rig.floeMapGetCompiled(keyPos[j & mask]));
            limit.put(MAP_GET_COMPILED, j -> rig.limitMapGet(keyPos[j & mask]));
            floe.put(SORTED_GET, j -> rig.floeSortedGet(outerPos[j & mask], innerPos[j & mask]));
            limit.put(SORTED_GET, j -> rig.limitSortedGet(outerPos[j & mask], innerPos[j & mask]));
            floe.put(MAP_RANGE, j -> ((java.util.Map<?, ?>) rig.floeMapRange(mapRangePos[j & mask])).size());
            limit.put(MAP_RANGE, j -> rig.limitMapRange(mapRangePos[j & mask]).length);
            floe.put(SORTED_RANGE, j -> ((java.util.Map<?, ?>) rig.floeSortedRange(outerPos[j & mask], innerRangePos[j & mask])).size());
            limit.put(SORTED_RANGE, j -> rig.limitSortedRange(outerPos[j & mask], innerRangePos[j & mask]).length);

            for (String read : READS) {
                if (s.warmupSeconds > 0) {
                    timedReads(limit.get(read), s.warmupSeconds);
                    timedReads(floe.get(read), s.warmupSeconds);
                }
                for (int rep = 0; rep < s.reps; rep++) {
                    Sample l = measure(readWorkload("limit", read), rep, () -> timedReads(limit.get(read), s.readSeconds));
                    Sample f = measure(readWorkload("floe", read), rep, () -> timedReads(floe.get(read), s.readSeconds));
                    r.samples.add(l);
                    r.samples.add(f);
                    log.printf(Locale.ROOT, "B4 %s rep %d: limit %,.0f reads/CPU-s; Floe %,.0f reads/CPU-s%n", read, rep,
                            l.perCpuSecond(), f.perCpuSecond());
                }
            }
            int checks = Math.min(POSITIONS, 2_000);
            for (int j = 0; j < checks; j++) {
                checkSame(MAP_GET, j, rig.floeMapGet(keyPos[j]), rig.limitMapGet(keyPos[j]));
                checkSame(MAP_GET_COMPILED, j, rig.floeMapGetCompiled(keyPos[j]), rig.limitMapGet(keyPos[j]));
                checkSame(SORTED_GET, j, rig.floeSortedGet(outerPos[j], innerPos[j]),
                        rig.limitSortedGet(outerPos[j], innerPos[j]));
                checkSame(MAP_RANGE, j, PStateReadRig.flatten(rig.floeMapRange(mapRangePos[j]), false),
                        rig.limitMapRange(mapRangePos[j]));
                checkSame(SORTED_RANGE, j, PStateReadRig.flatten(rig.floeSortedRange(outerPos[j], innerRangePos[j]), true),
                        rig.limitSortedRange(outerPos[j], innerRangePos[j]));
            }
            r.verified.add("B4: " + checks + " reads of each kind equal on both sides (values, and range keys)");
        }
    }

    static void checkSame(String read, int j, long floe, long limit) {
        if (floe != limit) {
            throw new IllegalStateException(read + " #" + j + ": Floe read " + floe + ", the limit " + limit);
        }
    }

    static void checkSame(String read, int j, long[] floe, long[] limit) {
        if (!Arrays.equals(floe, limit)) {
            throw new IllegalStateException(read + " #" + j + ": Floe read " + Arrays.toString(floe) + ", the limit "
                    + Arrays.toString(limit));
        }
    }

    /** Reads in chunks of 1,024 until {@code seconds} have passed; returns the number of reads. */
    static long timedReads(IntToLongFunction read, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long sum = 0;
        int j = 0;
        do {
            for (int k = 0; k < 1024; k++) {
                sum += read.applyAsLong(j++);
            }
        } while (System.nanoTime() < deadline);
        SINK[0] += sum;
        return j;
    }

    /** Where read results go so the JIT keeps the reads. */
    static final long[] SINK = new long[1];

    private static void runSelects(Settings s, Results r, PrintStream log) {
        LatencyRow row = new LatencyRow("B4 client `select` of `Path.key(k)`, `$$map` of " + String.format(Locale.ROOT,
                "%,d", s.clusterKeys) + " keys", SELECT_P99_TARGET_MS);
        try (StorageClusterRig rig = new StorageClusterRig(FsyncPolicy.NEVER, s.tasks, s.threads, s.window)) {
            log.printf(Locale.ROOT, "B4 cluster: loading %,d keys through a stream topology%n", s.clusterKeys);
            rig.loadKeys(s.clusterKeys);
            PState map = rig.map();
            int[] pos = PStateReadRig.positions(POSITIONS, s.clusterKeys, 6);
            int mask = POSITIONS - 1;
            StorageClusterRig.Mismatches wrong = new StorageClusterRig.Mismatches();
            java.util.function.LongFunction<java.util.concurrent.CompletableFuture<Long>> select =
                    i -> map.selectOneAsync(Path.key(PStateReadRig.mapKey(pos[(int) (i & mask)])));
            java.util.function.BiConsumer<Long, Long> check = (i, v) -> {
                int k = pos[(int) (i & mask)];
                wrong.expect(PStateReadRig.value(k), v, "select of key " + PStateReadRig.mapKey(k));
            };
            if (s.warmupSeconds > 0) {
                rig.saturated(Long.MAX_VALUE, s.warmupSeconds * 3, select, check);
            }
            row.saturated = measure("B4 cluster select saturated", 0,
                    () -> rig.saturated(Long.MAX_VALUE, s.saturateSeconds, select, check));
            log.printf(Locale.ROOT, "B4 cluster: select saturated %,.0f/s%n", row.saturated.perWallSecond());
            for (double load : s.latencyLoads) {
                LoadRun run = new LoadRun(load, load * row.saturated.perWallSecond());
                int n = (int) Math.max(1, Math.round(run.offeredPerSecond * s.latencySeconds));
                long[][] lat = new long[1][];
                long[] late = new long[n];
                long[] gc0 = gc();
                run.run = measure("B4 cluster select latency at " + load, 0, () -> {
                    lat[0] = rig.openLoop(n, run.offeredPerSecond, select, check, late);
                    return n;
                });
                finish(run, gc0, lat[0], late);
                row.runs.add(run);
                log.printf(Locale.ROOT, "B4 cluster: %,d selects at %,.0f/s: p50 %.2f p99 %.2f ms, sender late p99 %.2f ms, "
                                + "GC %d in %d ms%n", n, run.offeredPerSecond, run.micros.getValueAtPercentile(50) / 1e3,
                        run.micros.getValueAtPercentile(99) / 1e3, run.lateMicros.getValueAtPercentile(99) / 1e3,
                        run.gcCount, run.gcMillis);
            }
            wrong.check("B4 cluster selects");
            r.verified.add("B4 cluster: every select answered the key's value");
        }
        r.latencies.put(row.label, row);
    }

    // ------------------------------------------------------------------------------ measuring

    /** Runs {@code work} (which returns how many operations it did) after a GC, measuring process CPU and wall time. */
    static Sample measure(String workload, int rep, LongSupplier work) {
        System.gc();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long n = work.getAsLong();
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return new Sample(workload, rep, n, Math.max(1, cpu), Math.max(1, wall));
    }

    /** Collections and collection milliseconds so far, over every collector. */
    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static void finish(LoadRun run, long[] gc0, long[] latencies, long[] late) {
        long[] gc1 = gc();
        run.gcCount = gc1[0] - gc0[0];
        run.gcMillis = gc1[1] - gc0[1];
        record(run.micros, latencies);
        record(run.lateMicros, late);
    }

    private static void record(Histogram h, long[] nanos) {
        for (long ns : nanos) {
            h.recordValue(Math.min(h.getHighestTrackableValue(), Math.max(0, ns / 1_000)));
        }
    }

    // ------------------------------------------------------------------------------ report

    /** Whether a row's figure is records per wall-clock second (a force waits for the device) or per CPU-second. */
    static boolean wallClock(FsyncPolicy p) {
        return p != FsyncPolicy.NEVER;
    }

    /** The one Markdown table of a run, with what it ran on. */
    static String report(Results r, String machine) {
        Settings s = r.settings;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        o.printf(Locale.ROOT, "Floe storage (B1 depot append, B4 PState reads). Each storage row: median of %d runs of "
                        + "%.1f s (appends) / %.1f s (reads) per side after a warm-up of %.1f s, ± half the range; the ratio is "
                        + "the median of the per-run ratios, each Floe run against the limit run just before it.%n%n",
                s.reps, s.appendSeconds, s.readSeconds, s.warmupSeconds);
        o.println("| row | unit | Floe | limit | Floe/limit | target | result |");
        o.println("|---|---|---:|---:|---:|---|---|");
        if (s.b1) {
            for (FsyncPolicy p : s.policies) {
                for (int batch : s.batchSizes) {
                    String label = String.format(Locale.ROOT, "B1 append, %d partitions, %d-byte records, %s, batch of %,d "
                            + "then `sync()`", s.partitions, s.recordBytes, p == FsyncPolicy.NEVER ? "`NEVER` (no force)"
                            : "`" + p + "` (a force per batch)", batch);
                    ratioRow(o, r, label, appendWorkload("floe", p, batch), appendWorkload("limit", p, batch),
                            wallClock(p), "rec", APPEND_TARGET);
                }
            }
        }
        for (LatencyRow row : r.latencies.values()) {
            if (row.label.startsWith("B1")) {
                latencyRows(o, row, "appends", s.window);
            }
        }
        if (s.b4) {
            for (String read : READS) {
                boolean range = read.equals(MAP_RANGE) || read.equals(SORTED_RANGE);
                String label = switch (read) {
                    case MAP_GET -> "B4 point get, `$$map` {String → Long}, `Path.key(\"*k\")` bound per read (as `localSelect`)";
                    case MAP_GET_COMPILED -> "B4 point get, `$$map`, `Path.key(k)` compiled per read (as a client `select` on its task)";
                    case SORTED_GET -> "B4 point get, `$$sorted` {Long → {Long → Long} subindexed}, `Path.key(\"*o\", \"*i\")`";
                    case MAP_RANGE -> String.format(Locale.ROOT, "B4 range of %d, `$$map`, `sortedMapRange(from, to)`", s.range);
                    default -> String.format(Locale.ROOT, "B4 range of %d, `$$sorted`, `Path.key(\"*o\").sortedMapRange(from, to)`",
                            s.range);
                };
                ratioRow(o, r, label, readWorkload("floe", read), readWorkload("limit", read), false, "reads",
                        range ? RANGE_TARGET : GET_TARGET);
            }
        }
        for (LatencyRow row : r.latencies.values()) {
            if (row.label.startsWith("B4")) {
                latencyRows(o, row, "selects", s.window);
            }
        }
        o.println();
        o.println("Machine: " + machine + ".");
        if (s.b1) {
            o.printf(Locale.ROOT, "B1 storage rows: one thread, %d `FileDepotLog`s (Floe's codec; a `byte[]` encoded into %d bytes, "
                            + "frames of %d bytes) against %d `FileChannel`s writing the same frames; round robin, a batch per "
                            + "partition; `GROUP`: `sync()` per batch = one `force(false)` (fdatasync) per batch on both sides; "
                            + "figures per CPU-second under `NEVER`, per wall second with a force. Cluster rows: `InProcessCluster` "
                            + "(durable, temporary directory), %d tasks on %d threads, 1 worker, a depot with no topology, "
                            + "`Depot.random()`, %d appends in flight when saturated.%n",
                    s.partitions, s.recordBytes, s.recordBytes + DepotAppendRig.FRAME_HEADER_BYTES, s.partitions, s.tasks,
                    s.threads, s.window);
        }
        if (s.b4) {
            o.printf(Locale.ROOT, "B4 storage rows: %,d entries in each PState (`$$sorted`: %d outer keys of %,d entries), loaded "
                            + "in %,d ms; mean stored key/value bytes: `$$map` Floe %.1f/%.1f, limit %.1f/%.1f; `$$sorted` Floe "
                            + "%.1f/%.1f, limit %.1f/%.1f; both RocksDBs: LZ4, 10-bit Bloom filter, 32 MiB LRU block cache, "
                            + "reopened after loading (entries in SST files), warmed by a read of every key; uniformly random "
                            + "keys, the same on both sides. Cluster row: `$$map` filled by a stream topology, %d tasks on %d "
                            + "threads, `selectOneAsync`, %d in flight when saturated. PState commits not fsynced.%n",
                    s.keys, s.outerKeys, s.keys / s.outerKeys, r.loadMillis,
                    r.mapSizes[0], r.mapSizes[1], r.mapSizes[2], r.mapSizes[3],
                    r.sortedSizes[0], r.sortedSizes[1], r.sortedSizes[2], r.sortedSizes[3], s.tasks, s.threads, s.window);
        }
        o.println("Replication 1. Peer (Kafka): not run. Date: " + r.started + ".");
        o.println("Checked: " + String.join("; ", r.verified) + ".");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void ratioRow(PrintStream o, Results r, String label, String floeWorkload, String limitWorkload,
            boolean wall, String what, double target) {
        List<Sample> f = r.of(floeWorkload);
        List<Sample> l = r.of(limitWorkload);
        if (f.isEmpty() || l.isEmpty()) {
            return;
        }
        double[] fr = rates(f, wall);
        double[] lr = rates(l, wall);
        double[] ratios = new double[Math.min(fr.length, lr.length)];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = fr[i] / lr[i];
        }
        double ratio = RuntimeBench.median(ratios);
        double spread = (Arrays.stream(ratios).max().orElse(ratio) - Arrays.stream(ratios).min().orElse(ratio)) / 2;
        o.printf(Locale.ROOT, "| %s | %s/%s | %s | %s | %s ± %s | ≥ %s | %s |%n", label, what, wall ? "s" : "CPU-s",
                withSpread(fr), withSpread(lr), ratio(ratio),
                String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : "%.2f", spread), ratio(target), ratio >= target ? "pass" : "FAIL");
    }

    private static double[] rates(List<Sample> samples, boolean wall) {
        return samples.stream().mapToDouble(x -> wall ? x.perWallSecond() : x.perCpuSecond()).toArray();
    }

    private static String withSpread(double[] xs) {
        double med = RuntimeBench.median(xs);
        double spread = (Arrays.stream(xs).max().orElse(med) - Arrays.stream(xs).min().orElse(med)) / 2 / med;
        return String.format(Locale.ROOT, "%,.0f ± %.0f%%", med, spread * 100);
    }

    private static void latencyRows(PrintStream o, LatencyRow row, String what, int window) {
        Sample sat = row.saturated;
        o.printf(Locale.ROOT, "| %s, saturated (%,d in flight), %,d %s | %s/s · CPU µs per call | %,.0f · %.1f µs | | | | |%n",
                row.label, window, sat.records(), what, what, sat.perWallSecond(), sat.cpuNanos() / 1e3 / sat.records());
        boolean first = true;
        for (LoadRun run : row.runs) {
            Histogram h = run.micros;
            double p50 = h.getValueAtPercentile(50) / 1e3;
            double p99 = h.getValueAtPercentile(99) / 1e3;
            double p999 = h.getValueAtPercentile(99.9) / 1e3;
            double max = h.getMaxValue() / 1e3;
            String target = "p99 ≤ " + ms(row.p99TargetMs) + " ms" + (first ? "" : " (at " + pct(run.load) + ": reported)");
            String result = !first ? "" : p99 <= row.p99TargetMs ? "pass" : "FAIL";
            o.printf(Locale.ROOT, "| %s, latency at %,.0f/s offered (%s of saturated), %,d %s | ms | p50 %s · p99 %s · "
                            + "p99.9 %s · max %s (sender late: p99 %s · max %s; GC: %d in %,d ms) | | | %s | %s |%n",
                    row.label, run.offeredPerSecond, pct(run.load), h.getTotalCount(), what, ms(p50), ms(p99), ms(p999),
                    ms(max), ms(run.lateMicros.getValueAtPercentile(99) / 1e3), ms(run.lateMicros.getMaxValue() / 1e3),
                    run.gcCount, run.gcMillis, target, result);
            first = false;
        }
    }

    private static String pct(double load) {
        return String.format(Locale.ROOT, "%.0f%%", load * 100);
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

    /** Writes every sample and each latency distribution under {@code dir}. */
    static void writeRaw(Results r, java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder samples = new StringBuilder("workload\trep\tops\tcpu_ns\twall_ns\tops_per_cpu_s\tops_per_wall_s\n");
        List<Sample> all = new ArrayList<>(r.samples);
        for (LatencyRow row : r.latencies.values()) {
            all.add(row.saturated);
            for (LoadRun run : row.runs) {
                all.add(run.run);
            }
        }
        for (Sample s : all) {
            samples.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.1f\t%.1f%n", s.workload(), s.rep(), s.records(),
                    s.cpuNanos(), s.wallNanos(), s.perCpuSecond(), s.perWallSecond()));
        }
        Files.writeString(dir.resolve("samples.tsv"), samples);
        int i = 0;
        for (LatencyRow row : r.latencies.values()) {
            for (LoadRun run : row.runs) {
                java.nio.file.Path f = dir.resolve(String.format(Locale.ROOT, "latency-%d-us.hgrm", i++));
                try (PrintStream p = new PrintStream(Files.newOutputStream(f), true, StandardCharsets.UTF_8)) {
                    p.printf(Locale.ROOT, "%s: latency in microseconds, %,.0f/s offered (%s of saturated)%n", row.label,
                            run.offeredPerSecond, pct(run.load));
                    run.micros.outputPercentileDistribution(p, 1.0);
                }
            }
        }
    }
}
