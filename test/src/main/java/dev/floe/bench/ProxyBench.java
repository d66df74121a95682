package dev.floe.bench;

import dev.floe.Path;
import dev.floe.ProxyState;
import dev.floe.bench.RuntimeBench.Sample;
import dev.floe.bench.StorageBench.LoadRun;
import dev.floe.codec.FloeCodec;
import dev.floe.diffs.Diff;
import dev.floe.diffs.Diffs;
import dev.floe.runtime.Codec;
import dev.floe.runtime.JavaCodec;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The reactive-proxy benchmark (BENCHMARKS.md B6): a driver program, not JMH, run by
 * {@code bin/bench-proxies}, on a durable in-process cluster ({@link ProxyRig}: PStates in
 * RocksDB in a temporary directory, a stream topology depot → {@code hashPartition} →
 * {@code localTransform}).
 *
 * <ul>
 *   <li><b>Proxies on keys</b>: for each count {@code N} (default 1,000, 10,000, 100,000), {@code N}
 *       proxies on {@code N} keys of the map PState {@code $$latest}, one per key; updates pick a
 *       key uniformly at random and set it to the update's number. First <b>saturated</b>: a
 *       window of {@code ACK} appends in flight for a few seconds, until every callback has run:
 *       updates per second (wall) and <b>diffs delivered per CPU-second</b> of the whole process
 *       (task threads, client threads, the driver, GC, JIT). Then <b>open loop</b> at a fraction
 *       (default half) of that update rate: each update is timed from its <em>scheduled</em> send
 *       time to the callback that sees its value, into an HdrHistogram (also: scheduled →
 *       {@code ACK}, and how late the sender itself sent). Then every proxy's value is compared
 *       with a fresh {@code select} of its key.
 *   <li><b>Fan-out</b>: {@code F} proxies on each of {@code K} keys (default 16 × 1,000), saturated:
 *       each update makes {@code F} diffs, so the per-diff cost shows apart from the per-update
 *       cost of the stream topology.
 *   <li><b>Limit</b> ({@link DiffHopLimit}): the same diffs, serialized beforehand with the cluster
 *       codec, handed through an in-JVM queue to a consumer thread — diffs per CPU-second, and
 *       open-loop latency at the same rate as Floe's latency run.
 *   <li><b>Diff bytes</b>: a proxy on a value of 10,000 entries (a subindexed map in {@code $$big}
 *       and a map stored whole in {@code $$plain}); each update changes one entry. Bytes of each
 *       diff the callback received against bytes of the full value, both with the cluster codec
 *       ({@link JavaCodec}, what pushes are serialized with) and with Floe's storage codec
 *       ({@link FloeCodec}).
 * </ul>
 *
 * Every callback checks that its diff applied to the old value gives the new value and that it
 * belongs to the proxy's key; a mismatch, a proxy that differs from a select after quiescence, or
 * a wrong byte count in the limit fails the run. Nothing here is a test of speed;
 * {@code ProxyBenchTest} runs it tiny in the build.
 *
 * <p>Usage: {@code ProxyBench [--proxies 1000,10000,100000] [--fanout F] [--fanout-keys K]
 * [--saturate-seconds S] [--latency-seconds S] [--latency-load F] [--limit-seconds S]
 * [--limit-diffs N] [--warmup-seconds S] [--tasks N] [--threads N] [--window N]
 * [--large-entries N] [--edits N] [--out DIR]}.
 */
public final class ProxyBench {
    /** B6: stream→callback p99 at half load, milliseconds. */
    static final double P99_TARGET_MS = 10;
    /** B6: diffs delivered per CPU-second (per core). */
    static final double DIFFS_PER_CORE_TARGET = 100_000;
    /** B6: diff bytes at most this fraction of the full value's, for small edits of large values. */
    static final double BYTES_TARGET = 0.10;
    /** Saturated runs stop after this many updates, whatever the time. */
    static final int SATURATED_MAX = 2_000_000;
    /** Runs of the limit's throughput per row (the median is reported). */
    static final int LIMIT_REPS = 3;

    private ProxyBench() {}

    /** What one run does. */
    static final class Settings {
        int[] proxyCounts = {1_000, 10_000, 100_000};
        int fanout = 16;
        int fanoutKeys = 1_000;
        double saturateSeconds = 3;
        double latencySeconds = 8;
        double latencyLoad = 0.5;
        double limitSeconds = 2;
        long limitDiffs = 4_000_000;
        double warmupSeconds = 3;
        int tasks = 4;
        int threads = 2;
        int window = 256;
        int largeEntries = 10_000;
        int edits = 200;
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
                    case "--proxies" -> s.proxyCounts = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--fanout" -> s.fanout = Integer.parseInt(v);
                    case "--fanout-keys" -> s.fanoutKeys = Integer.parseInt(v);
                    case "--saturate-seconds" -> s.saturateSeconds = Double.parseDouble(v);
                    case "--latency-seconds" -> s.latencySeconds = Double.parseDouble(v);
                    case "--latency-load" -> s.latencyLoad = Double.parseDouble(v);
                    case "--limit-seconds" -> s.limitSeconds = Double.parseDouble(v);
                    case "--limit-diffs" -> s.limitDiffs = Long.parseLong(v);
                    case "--warmup-seconds" -> s.warmupSeconds = Double.parseDouble(v);
                    case "--tasks" -> s.tasks = Integer.parseInt(v);
                    case "--threads" -> s.threads = Integer.parseInt(v);
                    case "--window" -> s.window = Integer.parseInt(v);
                    case "--large-entries" -> s.largeEntries = Integer.parseInt(v);
                    case "--edits" -> s.edits = Integer.parseInt(v);
                    case "--out" -> s.out = java.nio.file.Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see ProxyBench's Javadoc)");
                }
            }
            boolean positive = s.proxyCounts.length > 0 && Arrays.stream(s.proxyCounts).allMatch(n -> n > 0) && s.fanout >= 0
                    && s.fanoutKeys > 0 && s.saturateSeconds > 0 && s.latencySeconds > 0 && s.latencyLoad > 0
                    && s.limitSeconds > 0 && s.limitDiffs > 0 && s.warmupSeconds >= 0 && s.tasks > 0 && s.threads > 0
                    && s.window > 0 && s.largeEntries > 0 && s.edits > 0;
            if (!positive) {
                throw new IllegalArgumentException("proxy counts, sizes, times, load and window must be positive "
                        + "(fan-out and warm-up at least 0)");
            }
            return s;
        }
    }

    /** One set of proxies on {@code $$latest}: saturated, and (unless fan-out) open loop. */
    static final class ProxyRow {
        final String label;
        final int keys;
        final int perKey;
        long subscribeNanos;
        /** Records = diffs delivered. */
        Sample saturated;
        long updates;
        /** The limit at the same time: records = diffs published. */
        Sample limit;
        LoadRun latency;
        final Histogram ackMicros = new Histogram(60_000_000L, 3);
        final Histogram limitMicros = new Histogram(60_000_000L, 3);
        long resyncs;
        long undelivered;

        ProxyRow(String label, int keys, int perKey) {
            this.label = label;
            this.keys = keys;
            this.perKey = perKey;
        }

        long proxies() {
            return (long) keys * perKey;
        }

        double updatesPerSecond() {
            return updates / (saturated.wallNanos() / 1e9);
        }
    }

    /** Diff bytes against full-value bytes for one kind of large value. */
    static final class BytesRow {
        final String label;
        final int entries;
        final List<Long> diffJava = new ArrayList<>();
        final List<Long> diffFloe = new ArrayList<>();
        long fullJava;
        long fullFloe;
        /** The edits, from the first append to the last callback: records = edits. */
        Sample edits;
        final Map<String, Integer> kinds = new TreeMap<>();

        BytesRow(String label, int entries) {
            this.label = label;
            this.entries = entries;
        }
    }

    /** Everything one run measured. */
    static final class Results {
        final Settings settings;
        final List<ProxyRow> rows = new ArrayList<>();
        final List<BytesRow> bytes = new ArrayList<>();
        final List<String> verified = new ArrayList<>();
        double limitDiffBytes;
        String started;

        Results(Settings settings) {
            this.settings = settings;
        }
    }

    public static void main(String[] args) throws IOException {
        Settings s = Settings.parse(args);
        Results r = run(s, System.err);
        System.out.print(report(r, RuntimeBench.machine()));
        if (s.out != null) {
            writeRaw(r, s.out);
        }
    }

    /** The cluster codec of an {@code InProcessCluster} without custom serializations. */
    static Codec clusterCodec() {
        return new JavaCodec(List.of(), Thread.currentThread().getContextClassLoader());
    }

    /** Runs every row; progress goes to {@code log}. Fails if any check fails. */
    static Results run(Settings s, PrintStream log) {
        Results r = new Results(s);
        r.started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        Codec codec = clusterCodec();
        long[] base = {0};
        try (ProxyRig rig = new ProxyRig(s.tasks, s.threads, s.window); DiffHopLimit limit = new DiffHopLimit(codec)) {
            r.limitDiffBytes = limit.meanBytes;
            if (s.warmupSeconds > 0) {
                log.printf(Locale.ROOT, "warm-up: %.1f s saturated on 1,000 proxies, and the limit%n", s.warmupSeconds);
                try (ProxyRig.ProxySet warm = rig.proxySet("warm", Math.min(1_000, s.proxyCounts[0]), 1)) {
                    warm.subscribe();
                    saturate(rig, warm, s.warmupSeconds, base, new Random(1));
                }
                limit.publish(s.limitDiffs / 4);
            }
            for (int n : s.proxyCounts) {
                ProxyRow row = new ProxyRow(String.format(Locale.ROOT, "%,d proxies, one per key", n), n, 1);
                proxyRow(s, r, rig, limit, row, "p" + n, true, base, log);
            }
            if (s.fanout > 0) {
                ProxyRow row = new ProxyRow(String.format(Locale.ROOT, "fan-out: %,d proxies, %d on each of %,d keys",
                        (long) s.fanout * s.fanoutKeys, s.fanout, s.fanoutKeys), s.fanoutKeys, s.fanout);
                proxyRow(s, r, rig, limit, row, "f" + s.fanout, false, base, log);
            }
            for (boolean big : new boolean[] {true, false}) {
                r.bytes.add(bytesRow(s, r, rig, big, log));
            }
        }
        return r;
    }

    /** One saturated run of a proxy set: returns {updates, diffs delivered}. */
    private static long[] saturate(ProxyRig rig, ProxyRig.ProxySet set, double seconds, long[] base, Random random) {
        ProxyRig.Run run = new ProxyRig.Run(base[0], SATURATED_MAX, keys(SATURATED_MAX, set.keys, random));
        base[0] += SATURATED_MAX;
        long delivered0 = set.changes.get();
        int sent = rig.saturated(set, run, seconds);
        set.awaitDelivered(run, sent);
        set.run = null;
        return new long[] {sent, set.changes.get() - delivered0};
    }

    private static int[] keys(int n, int keys, Random random) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(keys);
        }
        return out;
    }

    private static void proxyRow(Settings s, Results r, ProxyRig rig, DiffHopLimit limit, ProxyRow row, String name,
            boolean latency, long[] base, PrintStream log) {
        try (ProxyRig.ProxySet set = rig.proxySet(name, row.keys, row.perKey)) {
            set.subscribe();
            row.subscribeNanos = set.subscribeNanos;
            log.printf(Locale.ROOT, "%s: subscribed in %,d ms%n", row.label, row.subscribeNanos / 1_000_000);
            Random random = new Random(row.proxies());
            long[] counts = new long[2];
            row.saturated = StorageBench.measure("B6 saturated " + row.label, 0, () -> {
                long[] c = saturate(rig, set, s.saturateSeconds, base, random);
                counts[0] = c[0];
                counts[1] = c[1];
                return c[1];
            });
            row.updates = counts[0];
            // the limit's CPU is small (the CPU clock ticks in 10 ms) and the cluster's background
            // threads (RocksDB, checkpoint flushes) tick meanwhile: the median of three runs
            Sample[] limits = new Sample[LIMIT_REPS];
            for (int rep = 0; rep < LIMIT_REPS; rep++) {
                limits[rep] = StorageBench.measure("B6 limit " + row.label, rep, () -> limit.publish(s.limitDiffs));
            }
            Arrays.sort(limits, java.util.Comparator.comparingDouble(Sample::perCpuSecond));
            row.limit = limits[LIMIT_REPS / 2];
            log.printf(Locale.ROOT, "%s: saturated %,.0f updates/s, %,.0f diffs/CPU-s (limit %,.0f diffs/CPU-s)%n", row.label,
                    row.updatesPerSecond(), row.saturated.perCpuSecond(), row.limit.perCpuSecond());
            if (latency) {
                double rate = s.latencyLoad * row.updatesPerSecond();
                int n = (int) Math.max(1, Math.round(rate * s.latencySeconds));
                ProxyRig.Run run = new ProxyRig.Run(base[0], n, keys(n, row.keys, random));
                base[0] += n;
                long[] late = new long[n];
                long[] ack = new long[n];
                LoadRun load = new LoadRun(s.latencyLoad, rate);
                long[] gc0 = StorageBench.gc();
                load.run = StorageBench.measure("B6 latency " + row.label, 0, () -> {
                    rig.openLoop(set, run, rate, late, ack);
                    set.awaitDelivered(run, n);
                    return n;
                });
                long[] gc1 = StorageBench.gc();
                set.run = null;
                load.gcCount = gc1[0] - gc0[0];
                load.gcMillis = gc1[1] - gc0[1];
                for (int i = 0; i < n; i++) {
                    if (run.latencies[i] > 0) {
                        record(load.micros, run.latencies[i]);
                    } else {
                        row.undelivered++;
                    }
                    record(load.lateMicros, late[i]);
                    record(row.ackMicros, ack[i]);
                }
                row.latency = load;
                int limitN = (int) Math.max(1, Math.round(rate * s.limitSeconds));
                for (long ns : limit.openLoop(limitN, rate)) {
                    record(row.limitMicros, ns);
                }
                Histogram h = load.micros;
                log.printf(Locale.ROOT, "%s: %,d updates at %,.0f/s: callback p50 %.2f p99 %.2f p99.9 %.2f ms, ACK p99 %.2f ms, "
                                + "sender late p99 %.2f ms, GC %d in %d ms; limit p99 %.3f ms%n", row.label, n, rate,
                        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                        row.ackMicros.getValueAtPercentile(99) / 1e3, load.lateMicros.getValueAtPercentile(99) / 1e3,
                        load.gcCount, load.gcMillis, row.limitMicros.getValueAtPercentile(99) / 1e3);
            }
            set.checkAgainstSelects();
            row.resyncs = set.resyncs.get();
            r.verified.add(String.format(Locale.ROOT, "%s: every callback's diff applied to its old value gave its new value, "
                    + "and every proxy equals a select of its key", row.label));
        }
        r.rows.add(row);
    }

    private static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(h.getHighestTrackableValue(), Math.max(0, nanos / 1_000)));
    }

    private static BytesRow bytesRow(Settings s, Results r, ProxyRig rig, boolean big, PrintStream log) {
        String k = big ? "large-big" : "large-plain";
        BytesRow row = new BytesRow(big ? String.format(Locale.ROOT, "`$$big`: {String → {Long → Long} subindexed}, a value of "
                + "%,d entries", s.largeEntries) : String.format(Locale.ROOT, "`$$plain`: {String → {Long → Long}} (stored whole), "
                + "a value of %,d entries", s.largeEntries), s.largeEntries);
        long t0 = System.nanoTime();
        if (big) {
            rig.loadBig(k, s.largeEntries);
        } else {
            rig.loadPlain(k, s.largeEntries);
        }
        log.printf(Locale.ROOT, "%s: loaded in %,d ms%n", k, (System.nanoTime() - t0) / 1_000_000);
        List<Diff> diffs = Collections.synchronizedList(new ArrayList<>());
        // (old, diff, new) of every change, checked after the measurement (comparing two values of
        // 10,000 entries per edit would cost more than the proxy does)
        List<Object[]> changes = Collections.synchronizedList(new ArrayList<>());
        StorageClusterRig.Mismatches wrong = new StorageClusterRig.Mismatches();
        dev.floe.PState pstate = big ? rig.big : rig.plain;
        ProxyState<Map<Object, Object>> proxy = pstate.proxy(Path.key(k), (Map<Object, Object> now, Diff d, Map<Object, Object> old) -> {
            if (d instanceof dev.floe.diffs.DestroyedDiff) {
                return; // closed at the end
            }
            changes.add(new Object[] {old, d, now});
            diffs.add(d);
        });
        if (proxy.get() == null || proxy.get().size() != s.largeEntries) {
            throw new IllegalStateException(k + ": the proxy holds " + (proxy.get() == null ? "nothing" : proxy.get().size()
                    + " entries") + ", not " + s.largeEntries);
        }
        Random random = new Random(big ? 11 : 12);
        row.edits = StorageBench.measure("B6 edits " + k, 0, () -> {
            for (int j = 0; j < s.edits; j++) {
                rig.edit(big, k, random.nextInt(s.largeEntries), 1_000_000_000L + j);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProxyRig.WAIT_MAX_MILLIS);
            while (diffs.size() < s.edits) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(k + ": " + diffs.size() + " of " + s.edits + " diffs delivered");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            return s.edits;
        });
        synchronized (changes) {
            for (Object[] c : changes) {
                Object applied = Diffs.apply((Diff) c[1], c[0]);
                if (!Objects.equals(applied, c[2])) {
                    wrong.expect(c[2], applied, "applying " + c[1]);
                }
            }
        }
        wrong.check(k + " callbacks");
        Object selected = pstate.selectOne(Path.key(k));
        if (!Objects.equals(selected, proxy.get()) || !Objects.equals(proxy.get(), selected)) {
            throw new IllegalStateException(k + ": the proxy's value differs from a select after the edits");
        }
        Codec java = clusterCodec();
        FloeCodec floe = new FloeCodec();
        synchronized (diffs) {
            for (Diff d : diffs) {
                row.diffJava.add((long) java.encode(d).length);
                row.diffFloe.add(encodedLength(floe, d));
                row.kinds.merge(d.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        row.fullJava = java.encode(proxy.get()).length;
        row.fullFloe = encodedLength(floe, proxy.get());
        proxy.close();
        log.printf(Locale.ROOT, "%s: %d edits, diff bytes median %d (JavaCodec) / %d (FloeCodec), full value %,d / %,d; %s; "
                        + "%.0f CPU-µs per edit%n", k, s.edits, medianOf(row.diffJava), medianOf(row.diffFloe), row.fullJava,
                row.fullFloe, row.kinds, row.edits.cpuNanos() / 1e3 / s.edits);
        r.verified.add(k + ": every diff applied to the old value gave the new value; the proxy equals a select after "
                + s.edits + " edits");
        return row;
    }

    private static long encodedLength(FloeCodec floe, Object v) {
        try {
            return floe.encode(v).length;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static long medianOf(List<Long> xs) {
        if (xs.isEmpty()) {
            return -1;
        }
        List<Long> c = new ArrayList<>(xs);
        Collections.sort(c);
        return c.get(c.size() / 2);
    }

    // ------------------------------------------------------------------------------ report

    /** The one Markdown table of a run, with what it ran on. */
    static String report(Results r, String machine) {
        Settings s = r.settings;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        o.printf(Locale.ROOT, "Floe reactive proxies (B6). Proxies on keys of `$$latest` {String → Long}, updated by a stream "
                        + "topology (depot → `hashPartition` → `localTransform`); saturated: %d `ACK` appends in flight for %.1f s "
                        + "until every callback ran; latency: open loop at %s of that update rate for %.1f s, scheduled send → "
                        + "callback. Limit: the same diffs pre-serialized with the cluster codec (%.0f bytes each) through an "
                        + "in-JVM queue to a consumer thread, measured just after.%n%n",
                s.window, s.saturateSeconds, pct(s.latencyLoad), s.latencySeconds, r.limitDiffBytes);
        o.println("| row | unit | Floe | limit | Floe/limit | target | result |");
        o.println("|---|---|---:|---:|---:|---|---|");
        for (ProxyRow row : r.rows) {
            Sample sat = row.saturated;
            double perCore = sat.perCpuSecond();
            o.printf(Locale.ROOT, "| B6 %s, saturated: %,d updates → %,d diffs (subscribed in %.1f s) | diffs/CPU-s (updates/s) "
                            + "| %,.0f (%,.0f/s) | %,.0f | %s | ≥ %,.0f diffs/CPU-s | %s |%n",
                    row.label, row.updates, sat.records(), row.subscribeNanos / 1e9, perCore, row.updatesPerSecond(),
                    row.limit.perCpuSecond(), ratio(perCore / row.limit.perCpuSecond()), DIFFS_PER_CORE_TARGET,
                    perCore >= DIFFS_PER_CORE_TARGET ? "pass" : "FAIL");
            LoadRun run = row.latency;
            if (run == null) {
                continue;
            }
            Histogram h = run.micros;
            double p99 = h.getValueAtPercentile(99) / 1e3;
            double limitP99 = row.limitMicros.getValueAtPercentile(99) / 1e3;
            o.printf(Locale.ROOT, "| B6 %s, update→callback at %,.0f/s offered (%s of saturated), %,d updates | ms | p50 %s · "
                            + "p99 %s · p99.9 %s · max %s (→`ACK` p99 %s; sender late: p99 %s · max %s; GC: %d in %,d ms%s) | "
                            + "p50 %s · p99 %s · max %s | %s (p99) | p99 ≤ %s ms | %s |%n",
                    row.label, run.offeredPerSecond, pct(run.load), run.run.records(), ms(h.getValueAtPercentile(50) / 1e3),
                    ms(p99), ms(h.getValueAtPercentile(99.9) / 1e3), ms(h.getMaxValue() / 1e3),
                    ms(row.ackMicros.getValueAtPercentile(99) / 1e3), ms(run.lateMicros.getValueAtPercentile(99) / 1e3),
                    ms(run.lateMicros.getMaxValue() / 1e3), run.gcCount, run.gcMillis,
                    row.undelivered + row.resyncs == 0 ? "" : String.format(Locale.ROOT, "; %,d resyncs, %,d updates not "
                            + "delivered one by one", row.resyncs, row.undelivered),
                    ms(row.limitMicros.getValueAtPercentile(50) / 1e3), ms(limitP99), ms(row.limitMicros.getMaxValue() / 1e3),
                    limitP99 > 0 ? String.format(Locale.ROOT, "%,.0f×", p99 / limitP99) : "—", ms(P99_TARGET_MS),
                    p99 <= P99_TARGET_MS ? "pass" : "FAIL");
        }
        for (BytesRow row : r.bytes) {
            long dj = medianOf(row.diffJava);
            long df = medianOf(row.diffFloe);
            double rj = (double) dj / row.fullJava;
            o.printf(Locale.ROOT, "| B6 diff bytes, %s, %d edits of one entry each (diffs: %s) | bytes, median diff · full value "
                            + "| JavaCodec %,d · FloeCodec %s | JavaCodec %,d · FloeCodec %s | %s (JavaCodec) · %s (FloeCodec) "
                            + "| ≤ %s | %s |%n",
                    row.label, row.edits.records(), kinds(row.kinds), dj, df < 0 ? "—" : String.format(Locale.ROOT, "%,d", df),
                    row.fullJava, row.fullFloe < 0 ? "—" : String.format(Locale.ROOT, "%,d", row.fullFloe), pctOf(rj),
                    df < 0 || row.fullFloe <= 0 ? "—" : pctOf((double) df / row.fullFloe), pctOf(BYTES_TARGET),
                    rj <= BYTES_TARGET ? "pass" : "FAIL");
        }
        o.println();
        o.println("Machine: " + machine + ".");
        o.printf(Locale.ROOT, "Cluster: durable `InProcessCluster` (RocksDB PStates and file depots in a temporary directory; "
                        + "depot fsync `NEVER`, PState commits not fsynced), %d tasks on %d task threads, 1 worker, replication 1; "
                        + "`*updates` is `Depot.random()`, each record crosses one `hashPartition` hop; callbacks run on the "
                        + "cluster's 2 client threads. Diff bytes: per edit, CPU µs (edit appended with `ACK` one at a time, "
                        + "until its callback): %s. Peer (a changelog consumer re-reading full values): not run. Date: %s.%n",
                s.tasks, s.threads, cpuPerEdit(r), r.started);
        o.println("Checked: " + String.join("; ", r.verified) + ".");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String cpuPerEdit(Results r) {
        List<String> out = new ArrayList<>();
        for (BytesRow row : r.bytes) {
            out.add(String.format(Locale.ROOT, "%s %,.0f", row.label.substring(0, row.label.indexOf(':')),
                    row.edits.cpuNanos() / 1e3 / row.edits.records()));
        }
        return String.join(", ", out);
    }

    private static String kinds(Map<String, Integer> kinds) {
        List<String> out = new ArrayList<>();
        kinds.forEach((k, n) -> out.add(n + " " + k));
        return String.join(", ", out);
    }

    private static String pct(double load) {
        return String.format(Locale.ROOT, "%.0f%%", load * 100);
    }

    private static String pctOf(double x) {
        return String.format(Locale.ROOT, x < 0.01 ? "%.2f%%" : "%.1f%%", x * 100);
    }

    private static String ratio(double x) {
        return String.format(Locale.ROOT, x < 0.1 ? "%.3f" : "%.2f", x);
    }

    private static String ms(double x) {
        return String.format(Locale.ROOT, x < 10 ? "%.2f" : "%.0f", x);
    }

    /** Writes every sample, each latency distribution and each diff's byte counts under {@code dir}. */
    static void writeRaw(Results r, java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder samples = new StringBuilder("workload\trep\tops\tcpu_ns\twall_ns\tops_per_cpu_s\tops_per_wall_s\n");
        List<Sample> all = new ArrayList<>();
        for (ProxyRow row : r.rows) {
            all.add(row.saturated);
            all.add(row.limit);
            if (row.latency != null) {
                all.add(row.latency.run);
            }
        }
        for (BytesRow row : r.bytes) {
            all.add(row.edits);
        }
        for (Sample x : all) {
            samples.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.1f\t%.1f%n", x.workload(), x.rep(), x.records(),
                    x.cpuNanos(), x.wallNanos(), x.perCpuSecond(), x.perWallSecond()));
        }
        Files.writeString(dir.resolve("samples.tsv"), samples);
        int i = 0;
        for (ProxyRow row : r.rows) {
            if (row.latency == null) {
                continue;
            }
            java.nio.file.Path f = dir.resolve(String.format(Locale.ROOT, "latency-%d-us.hgrm", i++));
            try (PrintStream p = new PrintStream(Files.newOutputStream(f), true, StandardCharsets.UTF_8)) {
                p.printf(Locale.ROOT, "%s: update→callback in microseconds, %,.0f/s offered%n", row.label,
                        row.latency.offeredPerSecond);
                row.latency.micros.outputPercentileDistribution(p, 1.0);
                p.printf(Locale.ROOT, "%nlimit (queue hop of the serialized diff) at the same rate:%n");
                row.limitMicros.outputPercentileDistribution(p, 1.0);
            }
        }
        StringBuilder diffBytes = new StringBuilder("value\tedit\tdiff_bytes_javacodec\tdiff_bytes_floecodec\tfull_javacodec\tfull_floecodec\n");
        for (BytesRow row : r.bytes) {
            for (int j = 0; j < row.diffJava.size(); j++) {
                diffBytes.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d%n", row.label, j, row.diffJava.get(j),
                        row.diffFloe.get(j), row.fullJava, row.fullFloe));
            }
        }
        Files.writeString(dir.resolve("diff-bytes.tsv"), diffBytes);
    }
}
