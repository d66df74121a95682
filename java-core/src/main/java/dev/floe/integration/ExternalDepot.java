package dev.floe.integration;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An external log (Kafka, …) used as a depot: declare an instance with {@code declareObject} and
 * source it like a depot. Offsets are per partition; fetches return the records in order.
 */
public interface ExternalDepot extends TaskGlobalObject {
    /** The number of partitions. */
    CompletableFuture<Integer> getNumPartitions();

    /** The first available offset of a partition. */
    CompletableFuture<Long> startOffset(long partitionIndex);

    /** The offset after the last record of a partition. */
    CompletableFuture<Long> endOffset(long partitionIndex);

    /** The first offset at or after a time, or null when there is none. */
    CompletableFuture<Long> offsetAfterTimestampMillis(long partitionIndex, long millis);

    /** Records in {@code [startOffset, endOffset)}. */
    CompletableFuture<List<?>> fetchFrom(long partitionIndex, long startOffset, long endOffset);

    /** Records from {@code startOffset} on, as many as the implementation returns at once. */
    CompletableFuture<List<?>> fetchFrom(long partitionIndex, long startOffset);
}
