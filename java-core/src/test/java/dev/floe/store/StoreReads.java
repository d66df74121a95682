package dev.floe.store;

/** Test access to a stored view's read counter (point lookups plus iterated entries of its PState). */
public final class StoreReads {
    private StoreReads() {}

    public static long of(Object view) {
        StoredMap entries = StoredMap.entriesOf(view);
        if (entries == null) {
            throw new IllegalArgumentException("not a stored view: " + view);
        }
        return entries.store.reads.sum();
    }
}
