package dev.floe.exec;

import dev.floe.specter.Nav;

import java.util.List;

/**
 * A PState partition as dataflow sees it: read with a compiled path, transform with a path
 * ending in terminals, read or replace the whole value (aggregations), reset it.
 */
public interface PStateHandle {
    /** Every value the path navigates to. */
    List<Object> select(Nav path);

    /** Applies a transform path (its branches end in terminals). */
    void transform(Nav path);

    /** The whole value of the partition. */
    Object value();

    /** Replaces the whole value (validated against the schema). */
    void setValue(Object value);

    /** Resets the partition to its initial value. */
    void clear();

    /** The PState's name, for error messages. */
    String name();
}
