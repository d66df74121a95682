package dev.floe.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Every lane on the caller's thread: {@link #await} runs one queued item at a time, choosing the
 * lane with a seeded random source, and when nothing is queued advances a virtual clock to the next
 * timer. The same seed and the same calls give the same order of work, the same times and the same
 * lane seeds, so a whole in-process cluster replays identically; {@link #trace()} records the
 * order for comparison.
 *
 * <p>Not thread-safe: everything (clients included) must call from one thread.
 */
public final class DeterministicScheduler implements Scheduler {
    private final long seed;
    private final Random random;
    private final List<QueueLane> lanes = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<String> trace = new ArrayList<>();
    private final boolean tracing;
    private long nowNanos;
    private long timerSeq;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    /**
     * @param seed the seed of the order of work and of every lane's random source
     * @param startMillis the virtual clock's starting time
     * @param tracing whether to record every item run (for replay comparison)
     */
    public DeterministicScheduler(long seed, long startMillis, boolean tracing) {
        this.seed = seed;
        this.random = new Random(seed);
        this.nowNanos = startMillis * 1_000_000L;
        this.tracing = tracing;
    }

    private final class QueueLane implements Lane {
        private final String name;
        private final ArrayDeque<Object[]> queue = new ArrayDeque<>();

        QueueLane(String name) {
            this.name = name;
        }

        @Override
        public void submit(String what, Runnable work) {
            checkThread();
            if (!closed) {
                queue.add(new Object[] {what, work});
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void retire() {
            checkThread();
            queue.clear();
            lanes.remove(this);
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final long atNanos;
        final long seq;
        final Lane lane;
        final String what;
        final Runnable work;

        Timer(long atNanos, long seq, Lane lane, String what, Runnable work) {
            this.atNanos = atNanos;
            this.seq = seq;
            this.lane = lane;
            this.what = what;
            this.work = work;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the deterministic scheduler was called from thread "
                    + Thread.currentThread().getName() + "; everything must run on " + owner.getName());
        }
    }

    @Override
    public Lane newLane(String name) {
        checkThread();
        QueueLane l = new QueueLane(name);
        lanes.add(l);
        return l;
    }

    @Override
    public void schedule(long delayMillis, Lane lane, String what, Runnable work) {
        checkThread();
        if (!closed) {
            timers.add(new Timer(nowNanos + Math.max(0, delayMillis) * 1_000_000L, timerSeq++, lane, what, work));
        }
    }

    @Override
    public long currentTimeMillis() {
        return nowNanos / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /** Advances the virtual clock (firing nothing by itself; due timers run at the next step). */
    public void advanceMillis(long millis) {
        checkThread();
        nowNanos += millis * 1_000_000L;
    }

    /**
     * Runs one step: a queued item of a randomly chosen non-empty lane, else the earliest timer
     * (advancing the clock to it). Returns false when there was nothing to do.
     */
    public boolean step() {
        checkThread();
        if (closed) {
            return false;
        }
        // due timers first go to their lanes, in time order
        fireDueTimers();
        List<QueueLane> ready = new ArrayList<>();
        for (QueueLane l : lanes) {
            if (!l.queue.isEmpty()) {
                ready.add(l);
            }
        }
        if (ready.isEmpty()) {
            if (timers.isEmpty()) {
                return false;
            }
            Timer t = timers.poll();
            nowNanos = Math.max(nowNanos, t.atNanos);
            t.lane.submit(t.what, t.work);
            return true;
        }
        QueueLane l = ready.get(random.nextInt(ready.size()));
        Object[] item = l.queue.poll();
        // every item costs a little virtual time, so budgets and latencies are not all zero
        nowNanos += 1_000L;
        if (tracing) {
            trace.add(l.name + ": " + item[0]);
        }
        ((Runnable) item[1]).run();
        return true;
    }

    /**
     * Runs queued work, and timers that are due by the virtual clock, until none is left; the
     * clock does not jump to future timers (use {@link #advanceMillis} for that).
     */
    public void runUntilIdle() {
        while (true) {
            fireDueTimers();
            if (!hasQueuedWork() || !step()) {
                return;
            }
        }
    }

    private void fireDueTimers() {
        while (!timers.isEmpty() && timers.peek().atNanos <= nowNanos) {
            Timer t = timers.poll();
            t.lane.submit(t.what, t.work);
        }
    }

    private boolean hasQueuedWork() {
        for (QueueLane l : lanes) {
            if (!l.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> T await(CompletableFuture<T> f, long timeoutMillis) {
        checkThread();
        long deadline = nowNanos + timeoutMillis * 1_000_000L;
        while (!f.isDone()) {
            if (nowNanos > deadline) {
                throw new FloeTimeoutException("timed out after " + timeoutMillis + " ms of virtual time");
            }
            if (!step()) {
                throw new IllegalStateException("deadlock: waiting for a result, but no lane has work and no timer is set");
            }
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw Failures.unwrap(e.getCause());
        }
    }

    @Override
    public void pause(long millis) {
        advanceMillis(millis);
        runUntilIdle();
    }

    @Override
    public long seedFor(String laneName) {
        return seed * 31 + laneName.hashCode();
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }

    /** Every item run so far, as "lane: what" (when tracing). */
    public List<String> trace() {
        return List.copyOf(trace);
    }

    @Override
    public void close() {
        closed = true;
        for (QueueLane l : lanes) {
            l.queue.clear();
        }
        timers.clear();
    }
}
