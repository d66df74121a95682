package dev.floe.bench;

import dev.floe.diffs.NewValueDiff;
import dev.floe.runtime.Codec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The limit of the proxy benchmark (BENCHMARKS.md B6: "publishing the same diff bytes on the
 * transport"): diffs serialized beforehand with the cluster's codec, handed one by one through an
 * in-JVM queue (the {@code LinkedBlockingQueue} Floe's task threads use) to a consumer thread,
 * which reads each array (its length and first byte into a checksum). No diff is computed,
 * decoded or applied: it is the transport alone, the least work any delivery of these bytes does.
 *
 * <p>Threading: one producer thread calls {@link #publish} and {@link #openLoop}; the consumer
 * thread is this object's own.
 */
final class DiffHopLimit implements AutoCloseable {
    /** How many distinct pre-serialized diffs are cycled through. */
    static final int DISTINCT = 4_096;

    private record Timed(byte[] bytes, long scheduled, int index, long[] out, CountDownLatch done) {}

    private record Marker(CountDownLatch latch) {}

    private static final Object STOP = new Object();

    private final byte[][] diffs = new byte[DISTINCT][];
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread consumer;
    /** Written by the consumer only; read after a marker has passed. */
    private long checksum;
    private long consumed;
    private long expectedChecksum;
    private long published;
    /** Mean bytes of one serialized diff. */
    final double meanBytes;

    /** Serializes {@code NewValueDiff(i)} (what a proxy on a key of {@code $$latest} receives) with {@code codec}. */
    DiffHopLimit(Codec codec) {
        long total = 0;
        for (int i = 0; i < DISTINCT; i++) {
            diffs[i] = codec.encode(new NewValueDiff(1_000_000_000L + i));
            total += diffs[i].length;
        }
        meanBytes = (double) total / DISTINCT;
        consumer = new Thread(this::consume, "bench-diff-limit");
        consumer.setDaemon(true);
        consumer.start();
    }

    private void consume() {
        while (true) {
            Object m;
            try {
                m = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (m instanceof byte[] b) {
                checksum += b.length + b[0];
                consumed++;
            } else if (m instanceof Timed t) {
                t.out()[t.index()] = System.nanoTime() - t.scheduled();
                checksum += t.bytes().length + t.bytes()[0];
                consumed++;
                t.done().countDown();
            } else if (m instanceof Marker k) {
                k.latch().countDown();
            } else if (m == STOP) {
                return;
            }
        }
    }

    private void account(byte[] b) {
        expectedChecksum += b.length + b[0];
        published++;
    }

    /** Hands {@code n} diffs to the consumer and waits until it has read them all. Returns {@code n}. */
    long publish(long n) {
        for (long i = 0; i < n; i++) {
            byte[] b = diffs[(int) (i & (DISTINCT - 1))];
            account(b);
            queue.add(b);
        }
        drain();
        return n;
    }

    /**
     * {@code n} diffs at {@code ratePerSecond}, diff {@code i} scheduled at {@code start + i / rate}
     * (the producer parks, never spins); returns each one's time from its scheduled time to the
     * consumer reading it, in nanoseconds.
     */
    long[] openLoop(int n, double ratePerSecond) {
        long[] out = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        double intervalNs = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++) {
            long scheduled = start + (long) (i * intervalNs);
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            byte[] b = diffs[i & (DISTINCT - 1)];
            account(b);
            queue.add(new Timed(b, scheduled, i, out, done));
        }
        try {
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("limit: diffs still queued after 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        drain();
        return out;
    }

    /** Waits until the consumer has read everything published, and checks that it read every byte array. */
    void drain() {
        CountDownLatch latch = new CountDownLatch(1);
        queue.add(new Marker(latch));
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("limit: diffs still queued after 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (consumed != published || checksum != expectedChecksum) {
            throw new IllegalStateException("limit: the consumer read " + consumed + " of " + published + " diffs");
        }
    }

    /** Diffs the consumer has read (call after {@link #drain}). */
    long consumed() {
        return consumed;
    }

    @Override
    public void close() {
        queue.add(STOP);
    }
}
