package dev.floe.store;

/**
 * A read of records below a depot partition's start offset: they were trimmed away. A reader that
 * fell behind retention gets this rather than a shorter list.
 */
public class TrimmedOffsetException extends IndexOutOfBoundsException {
    private static final long serialVersionUID = 1L;

    private final long startOffset;

    public TrimmedOffsetException(String message, long startOffset) {
        super(message);
        this.startOffset = startOffset;
    }

    /** The partition's first offset still held when the read was refused. */
    public long startOffset() {
        return startOffset;
    }
}
