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
     */
    StoredStructure checkChanges(SchemaCheck.Checker check, Object where);

    /** True when the structure was stored under this schema (its entries were checked against it). */
    boolean hasSchema(dev.floe.ir.SchemaIR schema);

    /** The whole content as a plain persistent value (reads everything). */
    Object materialize();
}
