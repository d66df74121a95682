package dev.floe.exec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step-by-step tracing of chosen events. The runtime enters a {@link Sink} around each segment of
 * a traced event tree; every step run on that thread meanwhile is reported to it. While no trace
 * is active a step pays one volatile read.
 */
public final class Tracing {
    private Tracing() {}

    /** Receives the steps of a traced segment, before each runs. */
    public interface Sink {
        void step(Instr step, Frame f);
    }

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    static volatile boolean on;
    private static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    /** A trace starts: steps are looked at until the matching {@link #end()}. */
    public static void begin() {
        if (ACTIVE.incrementAndGet() > 0) {
            on = true;
        }
    }

    /** A trace is over. */
    public static void end() {
        if (ACTIVE.decrementAndGet() <= 0) {
            on = false;
        }
    }

    /** Whether any trace is active. */
    public static boolean isOn() {
        return on;
    }

    /** Reports the steps run on this thread to {@code sink} until {@link #exit}; returns what to restore. */
    public static Sink enter(Sink sink) {
        Sink prev = CURRENT.get();
        CURRENT.set(sink);
        return prev;
    }

    /** Restores the sink {@link #enter} returned. */
    public static void exit(Sink previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    static void step(Instr in, Frame f) {
        Sink s = CURRENT.get();
        if (s != null) {
            s.step(in, f);
        }
    }
}
