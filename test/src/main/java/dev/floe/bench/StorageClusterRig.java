package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.Ops;
import dev.floe.store.FsyncPolicy;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * The client-side rows of B1 and B4 on a durable in-process cluster (its data in a temporary
 * directory: depots in {@code FileDepotLog}s, PStates in RocksDB): {@code APPEND_ACK} appends to a
 * depot with no topology, and {@code select}s of a map PState filled by a stream topology. Each is
 * measured saturated (a window of async calls in flight) and then open loop at a fixed rate, every
 * call timed from its <em>scheduled</em> send time (no coordinated omission).
 */
final class StorageClusterRig implements AutoCloseable {
    /** A depot and nothing else: an {@code APPEND_ACK} append is done when its partition has logged it. */
    public static final class DepotOnly implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*records", Depot.random());
        }
    }

    /** {@code $$map}: each String key appended is stored with {@link PStateReadRig#value} of its index. */
    public static final class KeyValues implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*keys", Depot.hashBy(Ops.IDENTITY));
            var s = topologies.stream("load");
            s.pstate("$$map", PState.mapSchema(String.class, Long.class));
            s.source("*keys").out("*k")
                    .each(StorageClusterRig::valueOfKey, "*k").out("*v")
                    .localTransform("$$map", Path.key("*k").termVal("*v"));
        }
    }

    static final String DEPOT_ONLY = DepotOnly.class.getName();
    static final String KEY_VALUES = KeyValues.class.getName();
    /** How long any one wait may take before the run fails. */
    private static final long WAIT_MAX_MILLIS = 120_000;

    /** The value a key of {@link PStateReadRig#mapKey} is stored with. */
    static Long valueOfKey(String key) {
        return PStateReadRig.value(Integer.parseInt(key.substring(1)));
    }

    final FsyncPolicy depotFsync;
    final int window;
    private final InProcessCluster cluster;

    /** A durable cluster (temporary directory) whose depots fsync by {@code depotFsync}. */
    StorageClusterRig(FsyncPolicy depotFsync, int tasks, int threads, int window) {
        this.depotFsync = depotFsync;
        this.window = window;
        this.cluster = InProcessCluster.options().depotFsync(depotFsync).create();
        cluster.launchModule(new DepotOnly(), new LaunchConfig(tasks, threads));
        cluster.launchModule(new KeyValues(), new LaunchConfig(tasks, threads));
    }

    Depot records() {
        return cluster.clusterDepot(DEPOT_ONLY, "*records");
    }

    /** Appends keys {@code 0 … n-1} ({@link PStateReadRig#mapKey}) with {@code ACK}, a window in flight. */
    void loadKeys(int n) {
        Depot keys = cluster.clusterDepot(KEY_VALUES, "*keys");
        saturated(n, Double.MAX_VALUE, i -> keys.appendAsync(PStateReadRig.mapKey((int) i), AckLevel.ACK), (i, r) -> { });
    }

    PState map() {
        return cluster.clusterPState(KEY_VALUES, "$$map");
    }

    /**
     * Calls {@code call(i)} for {@code i = 0, 1, …} with at most {@link #window} in flight, until
     * {@code n} calls or {@code seconds} have passed (whichever first), and waits for them all;
     * {@code check} sees each call's index and result. Returns the number of calls.
     */
    <T> long saturated(long n, double seconds, LongFunction<CompletableFuture<T>> call, BiConsumer<Long, T> check) {
        Semaphore inFlight = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = seconds >= 1e6 ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        long i = 0;
        for (; i < n && System.nanoTime() < deadline && failure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            long k = i;
            call.apply(i).whenComplete((r, e) -> {
                try {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        check.accept(k, r);
                    }
                } catch (RuntimeException | Error x) {
                    failure.compareAndSet(null, x);
                } finally {
                    inFlight.release();
                }
            });
        }
        try {
            if (!inFlight.tryAcquire(window, WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("calls still unanswered after " + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for calls", e);
        }
        rethrow(failure);
        return i;
    }

    /**
     * {@code n} calls at {@code ratePerSecond}, call {@code i} scheduled at {@code start + i / rate}
     * whether or not earlier ones are answered (open loop; the sender parks, never spins). Returns
     * each call's time from its scheduled send time to its answer, in nanoseconds.
     */
    <T> long[] openLoop(int n, double ratePerSecond, LongFunction<CompletableFuture<T>> call, BiConsumer<Long, T> check) {
        return openLoop(n, ratePerSecond, call, check, null);
    }

    /**
     * {@link #openLoop(int, double, LongFunction, BiConsumer)}, also filling {@code lateNanos[i]}
     * (when not null) with how late call {@code i} was really sent: the sender's own stalls (GC,
     * CPU taken by other processes), which a late answer of the system under test is not.
     */
    <T> long[] openLoop(int n, double ratePerSecond, LongFunction<CompletableFuture<T>> call, BiConsumer<Long, T> check,
            long[] lateNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the offered load must be positive, got " + ratePerSecond);
        }
        long[] latencies = new long[n];
        CountDownLatch answered = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double intervalNs = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++) {
            long scheduled = start + (long) (i * intervalNs);
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (lateNanos != null) {
                lateNanos[i] = System.nanoTime() - scheduled;
            }
            int k = i;
            call.apply(i).whenComplete((r, e) -> {
                latencies[k] = System.nanoTime() - scheduled;
                try {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        check.accept((long) k, r);
                    }
                } catch (RuntimeException | Error x) {
                    failure.compareAndSet(null, x);
                } finally {
                    answered.countDown();
                }
            });
        }
        try {
            if (!answered.await(WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(answered.getCount() + " calls unanswered after " + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for calls", e);
        }
        rethrow(failure);
        return latencies;
    }

    /** Counts answers that differ from what was expected (checks run on the cluster's client threads). */
    static final class Mismatches {
        final AtomicLong count = new AtomicLong();
        final AtomicReference<String> first = new AtomicReference<>();

        void expect(Object expected, Object got, String what) {
            if (!expected.equals(got)) {
                count.incrementAndGet();
                first.compareAndSet(null, what + ": expected " + expected + ", got " + got);
            }
        }

        void check(String what) {
            if (count.get() > 0) {
                throw new IllegalStateException(what + ": " + count.get() + " wrong answers, e.g. " + first.get());
            }
        }
    }

    private static void rethrow(AtomicReference<Throwable> failure) {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a call failed: " + e, e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
