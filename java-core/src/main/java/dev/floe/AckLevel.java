package dev.floe;

/** How long a depot append waits before it returns. */
public enum AckLevel {
    /**
     * Returns after the record is durably appended (and replicated) and every stream topology of
     * the module subscribed to the depot has finished processing it, including all fan-out.
     */
    ACK,
    /** Returns after the record is durably appended (and replicated). */
    APPEND_ACK,
    /** Returns immediately; the append may be lost. */
    NONE
}
