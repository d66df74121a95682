package dev.floe.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Where a cluster's work runs: lanes (one per task thread) that each run their work one item at a
 * time in submit order, timers, and a clock. Threaded for real use; {@link DeterministicScheduler}
 * runs every lane on the caller's thread in a seeded order with a virtual clock, so a whole
 * in-process cluster replays identically from a seed.
 */
public interface Scheduler extends AutoCloseable {
    /** A sequence of work run one item at a time, in submit order (a task thread). */
    interface Lane {
        /** Queues work; {@code what} describes it for traces and errors. */
        void submit(String what, Runnable work);

        /** The lane's name. */
        String name();

        /** Stops the lane once its queued work is done (its module stopped); later work is dropped. */
        void retire();

        /**
         * Waits until a retired lane has run its last work (at most {@code millis}); true when it
         * has. Called on the lane itself, returns false at once.
         */
        default boolean awaitRetired(long millis) {
            return true;
        }
    }

    /** A new lane. */
    Lane newLane(String name);

    /** Runs {@code work} on {@code lane} after {@code delayMillis} (by this scheduler's clock). */
    void schedule(long delayMillis, Lane lane, String what, Runnable work);

    /** The current time in milliseconds (virtual in deterministic mode). */
    long currentTimeMillis();

    /** The current time in nanoseconds, for budgets and latency (virtual in deterministic mode). */
    long nanoTime();

    /**
     * Waits for {@code f}: blocks the caller (threaded), or runs lanes and timers until it is done
     * (deterministic). Fails after {@code timeoutMillis} of this scheduler's time.
     */
    <T> T await(CompletableFuture<T> f, long timeoutMillis);

    /** Lets {@code millis} pass: sleeps (threaded), or advances the virtual clock and runs what became due (deterministic). */
    void pause(long millis);

    /** A seed for a lane's random source: fixed per lane in deterministic mode. */
    long seedFor(String laneName);

    /** True when everything runs on one thread in a seeded order. */
    boolean isDeterministic();

    /** Stops the lanes; queued work is dropped. */
    @Override
    void close();
}
