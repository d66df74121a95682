package dev.floe.exec;

/**
 * A step after which an event may continue elsewhere or later (a partitioner, an async call): the
 * compiler records which slots are live after it, so only those travel with the event.
 */
public interface Boundary {
    /** The slots read after this step before being written. */
    int[] live();

    /** Set by the compiler's liveness analysis. */
    void setLive(int[] slots);
}
