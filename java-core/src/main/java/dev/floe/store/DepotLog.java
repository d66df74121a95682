package dev.floe.store;

import java.util.List;

/**
 * One partition of a depot: an append-only log of records at consecutive offsets, starting at
 * {@link #startOffset()} (later than 0 once trimmed).
 */
public interface DepotLog {
    /** Appends a record and returns its offset. */
    long append(Object record);

    /** The first offset still held. */
    long startOffset();

    /** The offset the next append gets. */
    long endOffset();

    /** The records at offsets [from, to). */
    List<Object> read(long from, long to);

    /**
     * Whether records were appended that the log's fsync policy promises to make durable only at
     * the next {@link #sync()}: the writer must call it before acknowledging them.
     */
    default boolean syncPending() {
        return false;
    }

    /** Makes every record appended so far as durable as the log's policy promises (group commit). */
    default void sync() {
    }
}
