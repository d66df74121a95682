package dev.floe.store;

import dev.floe.exec.PStateHandle;
import dev.floe.specter.Nav;

import java.util.List;

/**
 * One task's partition of a PState in a running module: the owning topology reads and writes a
 * working version; everyone else reads the committed version. {@link #commit} publishes the
 * working version (a stream segment's end, a microbatch's commit); {@link #rollback} discards it
 * (a failed segment or attempt).
 */
public interface PStatePartition extends PStateHandle {
    /** Every value the path navigates to in the committed version. */
    List<Object> selectCommitted(Nav path);

    /** The committed version's whole value. */
    Object committedValue();

    /** Makes the working version the committed one. */
    void commit();

    /** Discards the working version's changes since the last commit. */
    void rollback();
}
