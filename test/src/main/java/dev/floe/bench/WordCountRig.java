package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Floe's side of the runtime word-count benchmarks: one in-process cluster running a stream word
 * count and a microbatch word count, each in its own module with its own depot of sentences, and
 * the workloads {@link RuntimeBench} measures. Every workload returns once its records are fully
 * counted, and {@link #streamCounts()}/{@link #microbatchCounts()} can be compared with
 * {@link WordCorpus#model} of {@link #streamAppended()}/{@link #microbatchAppended()} sentences.
 *
 * <p>One client thread drives a rig; only the completions of async appends run elsewhere (on the
 * cluster's client threads).
 */
final class WordCountRig implements AutoCloseable {
    /** Sentences → words → hashPartition by word → count, on every record as it is appended. */
    public static final class StreamWordCount implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*sentences", Depot.random());
            var s = topologies.stream("wordCount");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*sentences").out("*sentence")
                    .each(WordCorpus::split, "*sentence").out("*words")
                    .each(Ops.EXPLODE, "*words").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
            // how the driver sees that NONE/APPEND_ACK appends are all counted
            topologies.query("total").out("*total")
                    .allPartition()
                    .localSelect("$$counts", Path.mapVals()).out("*c")
                    .originPartition()
                    .agg(Agg.sum("*c")).out("*total");
        }
    }

    /** The same word count, a microbatch at a time, exactly once. */
    public static final class MicrobatchWordCount implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*sentences", Depot.random());
            var mb = topologies.microbatch("wordCount");
            mb.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            mb.source("*sentences").out("*mb")
                    .explodeMicrobatch("*mb").out("*sentence")
                    .each(WordCorpus::split, "*sentence").out("*words")
                    .each(Ops.EXPLODE, "*words").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
        }
    }

    static final String STREAM = StreamWordCount.class.getName();
    static final String MICROBATCH = MicrobatchWordCount.class.getName();
    static final String TOPOLOGY = "wordCount";

    /** How long any one wait (for counts, acks, microbatches) may take before the run fails. */
    private static final long WAIT_MAX_MILLIS = 120_000;

    final WordCorpus corpus;
    /** Async appends in flight at most, in the windowed workloads. */
    final int window;
    /** Sentences per chunk of {@link #streamNone}. */
    final int noneChunk;
    /** How often the driver asks the stream module for its total while waiting for it. */
    final long pollMillis;
    private final InProcessCluster cluster;
    private final Depot streamDepot;
    private final Depot microbatchDepot;
    private final QueryTopologyClient<Long> streamTotal;
    private long streamAppended;
    private long microbatchAppended;

    WordCountRig(WordCorpus corpus, int tasks, int threads, int window, int noneChunk, long pollMillis) {
        if (window < 1 || noneChunk < 1 || pollMillis < 1) {
            throw new IllegalArgumentException("window (" + window + "), chunk (" + noneChunk + ") and poll interval ("
                    + pollMillis + " ms) must be positive");
        }
        this.corpus = corpus;
        this.window = window;
        this.noneChunk = noneChunk;
        this.pollMillis = pollMillis;
        // the in-memory store, as the benchmark is documented (create() became durable, on RocksDB and
        // depot files, after this rig was written; that silently changed what it measured)
        this.cluster = InProcessCluster.options().inMemory().create();
        cluster.launchModule(new StreamWordCount(), new LaunchConfig(tasks, threads));
        cluster.launchModule(new MicrobatchWordCount(), new LaunchConfig(tasks, threads));
        this.streamDepot = cluster.clusterDepot(STREAM, "*sentences");
        this.microbatchDepot = cluster.clusterDepot(MICROBATCH, "*sentences");
        this.streamTotal = cluster.clusterQuery(STREAM, "total");
    }

    long streamAppended() {
        return streamAppended;
    }

    long microbatchAppended() {
        return microbatchAppended;
    }

    // ------------------------------------------------------------------------------ stream

    /**
     * {@code n} sentences appended with {@code AckLevel.NONE} in chunks of {@link #noneChunk}, the
     * last sentence of each chunk with {@code ACK}, waited for: that keeps the work queued inside
     * the cluster to about one chunk (task threads' queues are unbounded, and {@code NONE} has no
     * back-pressure). Returns when all are counted.
     */
    void streamNone(int n) {
        for (int i = 0; i < n; i++) {
            String sentence = corpus.sentence(streamAppended++);
            if ((i + 1) % noneChunk == 0 || i == n - 1) {
                streamDepot.append(sentence, AckLevel.ACK);
            } else {
                streamDepot.appendAsync(sentence, AckLevel.NONE);
            }
        }
        awaitStreamTotal();
    }

    /**
     * {@code n} sentences appended with {@code AckLevel.NONE} as fast as the client can, all
     * queued inside the cluster at once; returns when all are counted.
     */
    void streamNoneUnthrottled(int n) {
        for (int i = 0; i < n; i++) {
            streamDepot.appendAsync(corpus.sentence(streamAppended++), AckLevel.NONE);
        }
        awaitStreamTotal();
    }

    /** {@code n} sentences appended with {@code APPEND_ACK}, {@link #window} in flight; returns when all are counted. */
    void streamAppendAck(int n) {
        appendWindowed(streamDepot, streamAppended, n, AckLevel.APPEND_ACK);
        streamAppended += n;
        awaitStreamTotal();
    }

    /** {@code n} sentences appended with {@code ACK}, {@link #window} in flight; returns when every ack is in. */
    void streamAck(int n) {
        appendWindowed(streamDepot, streamAppended, n, AckLevel.ACK);
        streamAppended += n;
    }

    /**
     * {@code n} sentences appended with {@code ACK} at {@code ratePerSecond}, sentence {@code i}
     * scheduled at {@code start + i / rate} whether or not earlier ones are acked (open loop).
     * Returns each append's time from its <em>scheduled</em> send time to its ack, in nanoseconds,
     * so a stall delays the clock of every append scheduled during it (no coordinated omission).
     */
    long[] streamAckLatencies(int n, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the offered load must be positive, got " + ratePerSecond);
        }
        long[] latencies = new long[n];
        CountDownLatch acked = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double intervalNs = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++) {
            long scheduled = start + (long) (i * intervalNs);
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait); // no spinning: on 2 cores it would take CPU from the task threads
            }
            int k = i;
            streamDepot.appendAsync(corpus.sentence(streamAppended++), AckLevel.ACK).whenComplete((r, e) -> {
                latencies[k] = System.nanoTime() - scheduled;
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                acked.countDown();
            });
        }
        await(acked, "acks of the latency run");
        rethrow(failure, "an ACK append of the latency run");
        return latencies;
    }

    private void awaitStreamTotal() {
        long expected = streamAppended * corpus.wordsPerSentence;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MAX_MILLIS);
        while (true) {
            Long total = streamTotal.invoke();
            long t = total == null ? 0 : total;
            if (t == expected) {
                return;
            }
            if (t > expected) {
                throw new IllegalStateException("stream word count: " + t + " words counted, only " + expected + " appended");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream word count: " + t + " of " + expected + " words counted after "
                        + WAIT_MAX_MILLIS + " ms");
            }
            sleep(pollMillis);
        }
    }

    // ------------------------------------------------------------------------------ microbatch

    /**
     * {@code n} sentences appended with {@code NONE} while the microbatch topology runs (it takes
     * whatever has arrived, at most 1,000 records per partition per microbatch); returns when all
     * are processed.
     */
    void microbatchFreeRunning(int n) {
        for (int i = 0; i < n; i++) {
            microbatchDepot.appendAsync(corpus.sentence(microbatchAppended++), AckLevel.NONE);
        }
        cluster.waitForMicrobatchProcessedCount(MICROBATCH, TOPOLOGY, Math.toIntExact(microbatchAppended));
    }

    /** Stops the microbatch topology from starting microbatches (waits for the one in flight). */
    void pauseMicrobatch() {
        cluster.pauseMicrobatchTopology(MICROBATCH, TOPOLOGY);
    }

    /**
     * With the topology paused: appends {@code n} sentences with {@code NONE}, resumes, and waits
     * until they are processed. Returns the nanoseconds from the resume to the end of the wait:
     * the time to run the microbatches holding them ({@code n} records spread over the
     * partitions, at most 1,000 per partition in one microbatch).
     *
     * <p>All {@code n} are in the first microbatch (up to that cap) because the in-process
     * cluster delivers a client's messages to a task thread in the order they were sent, and the
     * coordinator reads the partitions' end offsets with messages it sends after it got the resume;
     * were one missing, it would be in the next microbatch, and the wait would still be for all.
     */
    long microbatchOfPaused(int n) {
        for (int i = 0; i < n; i++) {
            microbatchDepot.appendAsync(corpus.sentence(microbatchAppended++), AckLevel.NONE);
        }
        long resumed = System.nanoTime();
        cluster.resumeMicrobatchTopology(MICROBATCH, TOPOLOGY);
        cluster.waitForMicrobatchProcessedCount(MICROBATCH, TOPOLOGY, Math.toIntExact(microbatchAppended));
        return System.nanoTime() - resumed;
    }

    // ------------------------------------------------------------------------------ checks

    /** The stream module's counts of every vocabulary word it has counted. */
    Map<String, Long> streamCounts() {
        return counts(cluster.clusterPState(STREAM, "$$counts"));
    }

    /** The microbatch module's counts of every vocabulary word it has counted. */
    Map<String, Long> microbatchCounts() {
        return counts(cluster.clusterPState(MICROBATCH, "$$counts"));
    }

    private Map<String, Long> counts(PState counts) {
        Map<String, Long> out = new HashMap<>();
        for (String w : corpus.vocabulary) {
            Long c = counts.selectOne(Path.key(w));
            if (c != null) {
                out.put(w, c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------ plumbing

    private void appendWindowed(Depot depot, long first, int n, AckLevel level) {
        int permits = window;
        Semaphore inFlight = new Semaphore(permits);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Map<String, Object>> f = depot.appendAsync(corpus.sentence(first + i), level);
            f.whenComplete((r, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        try {
            if (!inFlight.tryAcquire(permits, WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(level + " appends still unanswered after " + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + level + " appends", e);
        }
        rethrow(failure, "a " + level + " append");
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(what + ": " + latch.getCount() + " still unanswered after "
                        + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static void rethrow(AtomicReference<Throwable> failure, String what) {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stream word count", e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
