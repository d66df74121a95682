package dev.floe;

import dev.floe.diffs.Diff;

/**
 * A live view of one value of a PState ({@link PState#proxy}): {@link #get()} is kept up to date
 * by the task that holds the value, which pushes a fine-grained {@link Diff} after each commit
 * that changes it. Thread-safe. {@link #close()} ends the subscription; the callback then gets a
 * {@code DestroyedDiff}.
 *
 * @param <T> the type of the value the proxy's path navigates to
 */
public interface ProxyState<T> extends java.io.Closeable {
    /** The current value (as of the last change delivered). */
    T get();

    /** Whether the proxy still receives changes. */
    Status status();

    /** Ends the subscription; the callback receives a {@code DestroyedDiff}. Idempotent. */
    @Override
    void close();

    /** The state of a proxy. */
    enum Status {
        /** Receiving changes. */
        ACTIVE,
        /** Closed by its client. */
        TERMINATED,
        /** Ended by the server side (the module was destroyed, the cluster closed, a push failed). */
        TERMINATED_UNGRACEFULLY
    }

    /**
     * Called, in commit order, for every change of the proxied value: the new value, the change,
     * and the value before it.
     *
     * @param <T> the type of the value
     */
    @FunctionalInterface
    interface Callback<T> {
        void change(T newVal, Diff diff, T oldVal);
    }
}
