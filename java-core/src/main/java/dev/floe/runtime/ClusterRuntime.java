package dev.floe.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every module of one cluster shares: the scheduler, the codec, whether every hop is
 * serialized, how long clients wait, and the pool that completes client futures (so a client's
 * callbacks never run on a task thread).
 */
public final class ClusterRuntime implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    final Scheduler scheduler;
    final Codec codec;
    final boolean serializeEveryHop;
    final long clientTimeoutMillis;
    /** The running modules by name (mirrors resolve through it, so they follow updates). */
    public final java.util.concurrent.ConcurrentHashMap<String, ModuleRuntime> modules = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService clientPool;

    /** Traced appends in flight by trace id, and the event trees started for them by root id. */
    final java.util.concurrent.ConcurrentHashMap<Long, TraceLog> tracedAppends = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.ConcurrentHashMap<Long, TraceLog> tracedRoots = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong traceIds = new java.util.concurrent.atomic.AtomicLong();

    long nextTraceId() {
        return traceIds.incrementAndGet();
    }

    /** How long an event runs before yieldIfOvertime yields ({@code worker.event.target.max.millis}, default 5 ms). */
    volatile long eventBudgetNanos = 5_000_000L;

    /** The most client appends waiting in the cluster's task queues before an append blocks its caller. */
    public static final int CLIENT_APPENDS_IN_FLIGHT_MAX_DEFAULT = 10_000;

    /**
     * Back-pressure on clients: a permit per client append until its task takes it (so NONE and
     * asynchronous appends cannot grow the task queues without bound). Not used by a deterministic
     * cluster, whose only thread is the caller's.
     */
    volatile java.util.concurrent.Semaphore clientAppends = new java.util.concurrent.Semaphore(CLIENT_APPENDS_IN_FLIGHT_MAX_DEFAULT);
    volatile int clientAppendsInFlightMax = CLIENT_APPENDS_IN_FLIGHT_MAX_DEFAULT;

    /** Sets how many client appends may wait in the task queues before an append blocks its caller (before any module runs). */
    public void setClientAppendsInFlightMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("clientAppendsInFlightMax must be at least 1, got " + max);
        }
        this.clientAppendsInFlightMax = max;
        this.clientAppends = new java.util.concurrent.Semaphore(max);
    }

    /** Sets the time budget of an event before yieldIfOvertime yields. */
    public void setEventBudgetMillis(long millis) {
        this.eventBudgetNanos = millis * 1_000_000L;
    }

    public ClusterRuntime(Scheduler scheduler, Codec codec, boolean serializeEveryHop, long clientTimeoutMillis) {
        this.scheduler = scheduler;
        this.codec = codec;
        this.serializeEveryHop = serializeEveryHop;
        this.clientTimeoutMillis = clientTimeoutMillis;
        if (scheduler.isDeterministic()) {
            this.clientPool = null;
        } else {
            int pool = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            // a small fixed pool: a burst of completions must not start a thread each
            this.clientPool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "floe-client-" + pool + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Codec codec() {
        return codec;
    }

    /** Completes a client's future off the task threads, with the value as the client would receive it. */
    <T> void completeClient(CompletableFuture<T> f, T value, Throwable error) {
        Runnable r;
        if (error != null) {
            r = () -> f.completeExceptionally(error);
        } else {
            T v = value;
            Throwable failed = null;
            if (serializeEveryHop && value != null) {
                try {
                    @SuppressWarnings("unchecked")
                    T copy = (T) codec.roundTrip(value);
                    v = copy;
                } catch (RuntimeException e) {
                    failed = e;
                }
            }
            T out = v;
            Throwable bad = failed;
            r = bad != null ? () -> f.completeExceptionally(bad) : () -> f.complete(out);
        }
        if (clientPool == null) {
            r.run();
        } else {
            clientPool.execute(r);
        }
    }

    /** Runs client-side work (a proxy's deliveries) off the task threads (on this thread when deterministic). */
    void deliver(Runnable r) {
        if (clientPool == null) {
            r.run();
            return;
        }
        try {
            clientPool.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            r.run(); // closing: deliver the last changes on this thread
        }
    }

    /** Waits for a client call. */
    <T> T await(CompletableFuture<T> f) {
        return scheduler.await(f, clientTimeoutMillis);
    }

    @Override
    public void close() {
        scheduler.close();
        if (clientPool != null) {
            // deliveries already queued (proxies' last changes) run; then the pool stops
            clientPool.shutdown();
            try {
                if (!clientPool.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    clientPool.shutdownNow();
                }
            } catch (InterruptedException e) {
                clientPool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
