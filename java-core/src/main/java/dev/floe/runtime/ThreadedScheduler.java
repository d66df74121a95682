package dev.floe.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Lanes on dedicated threads (task threads), timers on one shared timer thread, the system clock. */
public final class ThreadedScheduler implements Scheduler {
    private static final Logger LOG = Logger.getLogger(ThreadedScheduler.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix = "floe-" + INSTANCES.incrementAndGet();
    private final List<ThreadLane> lanes = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private volatile boolean closed;

    public ThreadedScheduler() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, prefix + "-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
    }

    /**
     * How long an idle lane spins (checking its queue, {@link Thread#onSpinWait}) before it parks:
     * a message arriving meanwhile is taken without a park/unpark round trip (several µs, the
     * largest part of a hop between tasks), while a lane idle for longer gives its core back.
     */
    static final long SPIN_NANOS = 20_000;

    private final class ThreadLane implements Lane, Runnable {
        private final String name;
        /** Lock-free, many producers (clients, other lanes, timers) and this lane's one consumer. */
        private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean retired;
        /** Set by the lane before it parks; a producer seeing it unparks the lane. */
        private volatile boolean parked;

        ThreadLane(String name) {
            this.name = name;
            this.thread = new Thread(this, prefix + "-" + name);
            thread.setDaemon(true);
        }

        @Override
        public void submit(String what, Runnable work) {
            if (!closed && !retired) {
                offer(new Object[] {what, work});
            }
        }

        private void offer(Object[] item) {
            queue.offer(item);
            // the lane sets parked, then looks at the queue again before parking: either it sees
            // this item or this sees parked (both are volatile accesses), so no wake-up is lost
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        /** The next item, spinning a little then parking while there is none; null once interrupted. */
        private Object[] take() {
            Object[] item = queue.poll();
            if (item != null) {
                return item;
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                item = queue.poll();
                if (item != null) {
                    return item;
                }
                if (closed) {
                    return null;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                item = queue.poll();
                if (item != null) {
                    parked = false;
                    return item;
                }
                LockSupport.park(this);
                parked = false;
                if (Thread.interrupted()) {
                    return null;
                }
            }
        }

        @Override
        public void retire() {
            retired = true;
            offer(new Object[] {"retire", (Runnable) () -> { }});
        }

        @Override
        public boolean awaitRetired(long millis) {
            if (Thread.currentThread() == thread) {
                return false;
            }
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !thread.isAlive();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void run() {
            while (!closed) {
                Object[] item = take();
                if (item == null) {
                    return;
                }
                if (retired && queue.isEmpty() && "retire".equals(item[0])) {
                    synchronized (ThreadedScheduler.this) {
                        lanes.remove(this);
                    }
                    return;
                }
                try {
                    ((Runnable) item[1]).run();
                } catch (RuntimeException | Error e) {
                    // Work handles its own failures; anything reaching here is a kernel bug, and
                    // the lane must keep serving its tasks.
                    LOG.log(Level.SEVERE, "lane " + name + ": unhandled failure in " + item[0], e);
                }
            }
        }
    }

    @Override
    public synchronized Lane newLane(String name) {
        ThreadLane l = new ThreadLane(name);
        lanes.add(l);
        l.thread.start();
        return l;
    }

    @Override
    public void schedule(long delayMillis, Lane lane, String what, Runnable work) {
        if (closed) {
            return;
        }
        timers.schedule(() -> lane.submit(what, work), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public <T> T await(CompletableFuture<T> f, long timeoutMillis) {
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw Failures.unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new FloeTimeoutException("timed out after " + timeoutMillis + " ms");
        }
    }

    @Override
    public void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public long seedFor(String laneName) {
        return System.nanoTime() ^ laneName.hashCode();
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }

    @Override
    public synchronized void close() {
        closed = true;
        timers.shutdownNow();
        for (ThreadLane l : lanes) {
            l.thread.interrupt();
        }
    }
}
