package dev.floe;

import java.util.concurrent.CompletableFuture;

/**
 * A client of a running module's query topology ({@code cluster.clusterQuery(module, name)}):
 * thread-safe and reusable.
 *
 * @param <T> the query's result type
 */
public interface QueryTopologyClient<T> {
    /** Runs the query with one argument per input var and returns its result. */
    T invoke(Object... args);

    /** {@link #invoke} without blocking. */
    CompletableFuture<T> invokeAsync(Object... args);
}
