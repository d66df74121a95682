package dev.floe.store;

/**
 * A structure of a PState read lazily from its store (a top-level map, a subindexed map): it can
 * write its changes into a commit batch, check its changes against the schema without reading
 * what did not change, and become a plain value.
 */
public interface StoredStructure {
    /** Adds the writes that make the store hold this view's content. */
    void flush(RocksStructures.Batch batch);

    /**
     * Checks the changed entries (the stored ones were checked when written): this view, or one
     * whose changed values are the checked ones (a subindexed structure inside put in key order).
     * {@code previous} is the checked view this one was derived from (or null): then only the
     * changes made since are checked, so a write into a large uncommitted overlay stays cheap.
     */
    StoredStructure checkChanges(SchemaCheck.Checker check, Object where, Object previous);

    /** True when the structure was stored under this schema (its entries were checked against it). */
    boolean hasSchema(dev.floe.ir.SchemaIR schema);

    /** The whole content as a plain persistent value (reads everything). */
    Object materialize();

    /**
     * The keys at which this view may differ from {@code earlier}, another view of the same
     * stored structure (same PState, same location, same kind) over the same stored entries: the
     * keys of the two views' overlays, in key order (map keys, set elements, or the Long indices
     * of a list). Reads nothing. Null when the overlays cannot tell: {@code earlier} is not a view
     * of this structure, or only one of the two replaced the stored entries.
     *
     * <p>"Over the same stored entries" is the caller's to ensure: compare a working view with the
     * committed view it started from <em>before</em> the commit is written (a committed view reads
     * the store as it is, not as it was).
     */
    java.util.List<Object> changedKeysSince(StoredStructure earlier);
}
