package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ProxyState;
import dev.floe.diffs.DestroyedDiff;
import dev.floe.diffs.Diff;
import dev.floe.diffs.Diffs;
import dev.floe.diffs.ResyncDiff;
import dev.floe.diffs.UngracefulTerminationDiff;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Floe's side of the proxy benchmark (BENCHMARKS.md B6): a durable in-process cluster (temporary
 * directory; PStates in RocksDB) running one stream topology, and the proxies the driver
 * subscribes to its PStates.
 *
 * <ul>
 *   <li>{@code *updates} records {@code [key, i]} ({@code Depot.random()}) →
 *       {@code hashPartition("*k")} → {@code localTransform("$$latest", key(k).termVal(i))}:
 *       {@code $$latest} is {String → Long}, each update sets a key to the update's number, so
 *       every update changes exactly one proxied value, and the callback that sees value
 *       {@code i} knows which update it is (and when it was scheduled).
 *   <li>{@code *edits} records {@code [key, entry, value]} → {@code hashPartition} →
 *       {@code localTransform} of {@code key(k).key(e).termVal(v)} into {@code $$big}
 *       ({String → {Long → Long} subindexed}) and {@code $$plain} ({String → {Long → Long}}, the
 *       inner map stored whole); {@code *plainLoads} {@code [key, map]} sets a {@code $$plain}
 *       value at once.
 * </ul>
 *
 * Threading: one driver thread subscribes and appends; callbacks run on the cluster's client
 * threads and only touch atomics and arrays each slot of which one callback writes.
 */
final class ProxyRig implements AutoCloseable {
    /** The module: see the class comment. */
    public static final class ProxyModule implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*updates", Depot.random());
            setup.declareDepot("*edits", Depot.random());
            setup.declareDepot("*plainEdits", Depot.random());
            setup.declareDepot("*plainLoads", Depot.random());
            var s = topologies.stream("proxied");
            s.pstate("$$latest", PState.mapSchema(String.class, Long.class));
            s.pstate("$$big", PState.mapSchema(String.class, PState.mapSchema(Long.class, Long.class).subindexed()));
            s.pstate("$$plain", PState.mapSchema(String.class, PState.mapSchema(Long.class, Long.class)));
            s.source("*updates").out("*u")
                    .each(Ops.EXPAND, "*u").out("*k", "*i")
                    .hashPartition("*k")
                    .localTransform("$$latest", Path.key("*k").termVal("*i"));
            s.source("*edits").out("*r")
                    .each(Ops.EXPAND, "*r").out("*k", "*e", "*v")
                    .hashPartition("*k")
                    .localTransform("$$big", Path.key("*k", "*e").termVal("*v"));
            s.source("*plainEdits").out("*r")
                    .each(Ops.EXPAND, "*r").out("*k", "*e", "*v")
                    .hashPartition("*k")
                    .localTransform("$$plain", Path.key("*k", "*e").termVal("*v"));
            s.source("*plainLoads").out("*r")
                    .each(Ops.EXPAND, "*r").out("*k", "*m")
                    .hashPartition("*k")
                    .localTransform("$$plain", Path.key("*k").termVal("*m"));
        }
    }

    static final String MODULE = ProxyModule.class.getName();
    /** How long any one wait may take before the run fails. */
    static final long WAIT_MAX_MILLIS = 120_000;

    final int window;
    private final InProcessCluster cluster;
    final Depot updates;
    final Depot edits;
    final Depot plainEdits;
    final Depot plainLoads;
    final PState latest;
    final PState big;
    final PState plain;

    ProxyRig(int tasks, int threads, int window) {
        this.window = window;
        this.cluster = InProcessCluster.create();
        cluster.launchModule(new ProxyModule(), new LaunchConfig(tasks, threads));
        updates = cluster.clusterDepot(MODULE, "*updates");
        edits = cluster.clusterDepot(MODULE, "*edits");
        plainEdits = cluster.clusterDepot(MODULE, "*plainEdits");
        plainLoads = cluster.clusterDepot(MODULE, "*plainLoads");
        latest = cluster.clusterPState(MODULE, "$$latest");
        big = cluster.clusterPState(MODULE, "$$big");
        plain = cluster.clusterPState(MODULE, "$$plain");
    }

    /** The key of {@code $$latest} number {@code j} of a set of proxies named {@code set}. */
    static String key(String set, int j) {
        return set + "-" + j;
    }

    // ------------------------------------------------------------------------------ proxies on $$latest

    /**
     * Updates {@code $$latest} in flight or done: update {@code base + i} sets key {@code keyOf[i]}
     * and was scheduled (or sent) at {@code scheduled[i]}; a callback that sees its value records
     * the time since in {@code latencies[i]}.
     */
    static final class Run {
        final long base;
        final int n;
        final int[] keyOf;
        final long[] scheduled;
        final long[] latencies;
        final AtomicInteger delivered = new AtomicInteger();

        Run(long base, int n, int[] keyOf) {
            this.base = base;
            this.n = n;
            this.keyOf = keyOf;
            this.scheduled = new long[n];
            this.latencies = new long[n];
        }
    }

    /**
     * {@code keys} keys with {@code perKey} proxies each on {@code $$latest}, and what their
     * callbacks saw.
     */
    final class ProxySet implements AutoCloseable {
        final String name;
        final int keys;
        final int perKey;
        final List<ProxyState<Long>> proxies = new ArrayList<>();
        /** Changes delivered (every kind), resyncs among them. */
        final AtomicLong changes = new AtomicLong();
        final AtomicLong resyncs = new AtomicLong();
        /** Callbacks whose diff applied to the old value did not give the new value, or that saw another key's update. */
        final StorageClusterRig.Mismatches wrong = new StorageClusterRig.Mismatches();
        volatile Run run;
        long subscribeNanos;

        ProxySet(String name, int keys, int perKey) {
            this.name = name;
            this.keys = keys;
            this.perKey = perKey;
        }

        void subscribe() {
            long t0 = System.nanoTime();
            List<CompletableFuture<ProxyState<Long>>> pending = new ArrayList<>();
            for (int j = 0; j < keys; j++) {
                int k = j;
                for (int c = 0; c < perKey; c++) {
                    pending.add(latest.<Long>proxyAsync(Path.key(key(name, j)), (now, d, old) -> seen(k, now, d, old)));
                }
                if (pending.size() >= 4 * window) {
                    collect(pending);
                }
            }
            collect(pending);
            subscribeNanos = System.nanoTime() - t0;
        }

        private void collect(List<CompletableFuture<ProxyState<Long>>> pending) {
            for (CompletableFuture<ProxyState<Long>> f : pending) {
                try {
                    proxies.add(f.get(WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    throw new IllegalStateException("subscribing a proxy of " + name + " failed: " + e, e);
                }
            }
            pending.clear();
        }

        private void seen(int k, Long now, Diff d, Long old) {
            changes.incrementAndGet();
            if (d instanceof ResyncDiff) {
                resyncs.incrementAndGet();
            } else if (d instanceof DestroyedDiff || d instanceof UngracefulTerminationDiff) {
                return;
            } else {
                Object applied = Diffs.apply(d, old);
                if (!Objects.equals(applied, now)) {
                    wrong.expect(now, applied, "applying " + d + " to " + old);
                }
            }
            Run r = run;
            if (r == null || now == null) {
                return;
            }
            long i = now - r.base;
            if (i < 0 || i >= r.n) {
                return;
            }
            int at = (int) i;
            if (r.keyOf[at] != k) {
                wrong.expect(key(name, r.keyOf[at]), key(name, k), "the proxy that saw update " + now);
                return;
            }
            // one commit per update, so each proxy of the key sees each value once; the first records
            if (r.latencies[at] == 0) {
                r.latencies[at] = Math.max(1, System.nanoTime() - r.scheduled[at]);
            }
            r.delivered.incrementAndGet();
        }

        /** Waits until every proxy of the run's keys has seen each of the first {@code sent} updates of the run (or a resync). */
        void awaitDelivered(Run r, int sent) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MAX_MILLIS);
            long expected = (long) sent * perKey;
            int last = -1;
            long lastChange = System.nanoTime();
            while (r.delivered.get() < expected) {
                int now = r.delivered.get();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (resyncs.get() > 0 && System.nanoTime() - lastChange > 500_000_000L) {
                    return; // a resync replaced changes that will never be delivered one by one
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + r.delivered.get() + " of " + expected
                            + " changes delivered after " + WAIT_MAX_MILLIS + " ms (" + resyncs.get() + " resyncs)");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }

        /** Every proxy's value equals a fresh select of its key (call when no update is in flight). */
        void checkAgainstSelects() {
            StorageClusterRig.Mismatches differ = new StorageClusterRig.Mismatches();
            List<CompletableFuture<Object>> pending = new ArrayList<>();
            for (int j = 0; j < keys; j++) {
                pending.add(latest.selectOneAsync(Path.key(key(name, j))));
                if (pending.size() >= window || j == keys - 1) {
                    int first = j + 1 - pending.size();
                    for (int x = 0; x < pending.size(); x++) {
                        Object selected = pending.get(x).join();
                        for (int c = 0; c < perKey; c++) {
                            ProxyState<Long> p = proxies.get((first + x) * perKey + c);
                            if (!Objects.equals(selected, p.get())) {
                                differ.expect(selected, p.get(), "proxy on " + key(name, first + x));
                            }
                        }
                    }
                    pending.clear();
                }
            }
            differ.check(name + ": proxies against selects");
            wrong.check(name + ": callbacks");
        }

        @Override
        public void close() {
            for (ProxyState<Long> p : proxies) {
                p.close();
            }
        }
    }

    ProxySet proxySet(String name, int keys, int perKey) {
        return new ProxySet(name, keys, perKey);
    }

    /** Appends update {@code i} of a run: key {@code keyOf[i]} of {@code set} to {@code base + i}. */
    CompletableFuture<?> update(ProxySet set, Run r, int i) {
        return updates.appendAsync(List.of(key(set.name, r.keyOf[i]), r.base + i), AckLevel.ACK);
    }

    // ------------------------------------------------------------------------------ large values

    /** Fills {@code $$big} key {@code k} with entries {@code 0 … n-1} → their index (one append each, a window in flight). */
    void loadBig(String k, int n) {
        windowed(n, i -> edits.appendAsync(List.of(k, (long) i, (long) i), AckLevel.ACK));
    }

    /** Calls {@code call(i)} for {@code i = 0 … n-1} with at most {@link #window} in flight, and waits for them all. */
    void windowed(int n, java.util.function.IntFunction<CompletableFuture<?>> call) {
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < n && failure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            call.apply(i).whenComplete((x, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        awaitPermits(inFlight);
        rethrow(failure);
    }

    /**
     * Saturated updates of a proxy set's keys: {@link #window} {@code ACK} appends in flight for
     * {@code seconds} (at most {@code r.n}), each stamped with its send time. Returns how many.
     */
    int saturated(ProxySet set, Run r, double seconds) {
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        set.run = r;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        for (; i < r.n && System.nanoTime() < deadline && failure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            r.scheduled[i] = System.nanoTime();
            update(set, r, i).whenComplete((x, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        awaitPermits(inFlight);
        rethrow(failure);
        return i;
    }

    /**
     * Open-loop updates: update {@code i} scheduled at {@code start + i / rate} whether or not
     * earlier ones are done (the sender parks, never spins); fills {@code lateNanos[i]} with how
     * late the sender really sent it and {@code ackNanos[i]} with scheduled → {@code ACK}. The
     * callbacks fill {@code r.latencies} (scheduled → callback).
     */
    void openLoop(ProxySet set, Run r, double ratePerSecond, long[] lateNanos, long[] ackNanos) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.CountDownLatch acked = new java.util.concurrent.CountDownLatch(r.n);
        double intervalNs = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < r.n; i++) {
            r.scheduled[i] = start + (long) (i * intervalNs);
        }
        set.run = r;
        for (int i = 0; i < r.n; i++) {
            long scheduled = r.scheduled[i];
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            lateNanos[i] = System.nanoTime() - scheduled;
            int k = i;
            update(set, r, i).whenComplete((x, e) -> {
                ackNanos[k] = System.nanoTime() - scheduled;
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                acked.countDown();
            });
        }
        try {
            if (!acked.await(WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(acked.getCount() + " updates unacknowledged after " + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        rethrow(failure);
    }

    private void awaitPermits(java.util.concurrent.Semaphore inFlight) {
        try {
            if (!inFlight.tryAcquire(window, WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("calls still unanswered after " + WAIT_MAX_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for calls", e);
        }
    }

    /** Sets {@code $$plain} key {@code k} to a map of entries {@code 0 … n-1} → their index (one append). */
    void loadPlain(String k, int n) {
        clojure.lang.ITransientMap m = clojure.lang.PersistentHashMap.EMPTY.asTransient();
        for (long i = 0; i < n; i++) {
            m = m.assoc(i, i);
        }
        plainLoads.append(List.of(k, m.persistent()), AckLevel.ACK);
    }

    /** Sets entry {@code e} of the large value {@code k} of {@code $$big} ({@code big}) or {@code $$plain} to {@code v}. */
    void edit(boolean big, String k, long e, long v) {
        (big ? edits : plainEdits).append(List.of(k, e, v), AckLevel.ACK);
    }

    /** Fails the run if a future failed. */
    static void rethrow(AtomicReference<Throwable> failure) {
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
