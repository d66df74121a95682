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
}
