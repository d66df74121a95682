package dev.floe;

/**
 * The offsets of one depot partition: records are held at {@code [startOffset, endOffset)};
 * {@code startOffset} is later than 0 once old records were trimmed, {@code endOffset} is the
 * offset the next append gets.
 */
public record DepotPartitionInfo(long startOffset, long endOffset) implements java.io.Serializable {
    /** The first offset still held. */
    public long getStartOffset() {
        return startOffset;
    }

    /** The offset the next append gets. */
    public long getEndOffset() {
        return endOffset;
    }
}
