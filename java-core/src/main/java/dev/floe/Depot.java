package dev.floe;

import dev.floe.builder.DepotPartitioners;
import dev.floe.ops.FloeFunction1;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A depot: a partitioned, durable, append-only log through which all data enters a module. The
 * static methods give the partitioners a depot is declared with; {@link Declaration} configures
 * the declaration. An instance is a client of a running module's depot
 * ({@code cluster.clusterDepot(module, "*depot")}): thread-safe and reusable.
 */
public interface Depot {
    /**
     * Appends a record and waits for {@link AckLevel#ACK}: every stream topology of the module
     * subscribed to the depot has finished processing it. Returns each such topology's ack
     * return value by topology name (absent when the topology returned none).
     */
    Map<String, Object> append(Object record);

    /** Appends a record and waits as {@code level} says ({@code NONE} does not wait). */
    Map<String, Object> append(Object record, AckLevel level);

    /** {@link #append(Object)} without blocking. */
    CompletableFuture<Map<String, Object>> appendAsync(Object record);

    /** {@link #append(Object, AckLevel)} without blocking. */
    CompletableFuture<Map<String, Object>> appendAsync(Object record, AckLevel level);

    /** The depot's name, module and number of partitions. */
    PartitionedObjectInfo getObjectInfo();

    /** The start and end offsets of a partition, in {@code [0, getObjectInfo().getNumPartitions())}. */
    DepotPartitionInfo getPartitionInfo(long partitionIndex);

    /** {@link #getPartitionInfo(long)} without blocking. */
    CompletableFuture<DepotPartitionInfo> getPartitionInfoAsync(long partitionIndex);

    /**
     * The records of a partition at offsets {@code [startOffset, endOffset)}, in append order. The
     * range must lie within the partition's {@link #getPartitionInfo offsets}: reading records
     * that were trimmed away, or past the end, is an error.
     */
    java.util.List<Object> read(long partitionIndex, long startOffset, long endOffset);

    /** {@link #read(long, long, long)} without blocking. */
    CompletableFuture<java.util.List<Object>> readAsync(long partitionIndex, long startOffset, long endOffset);

    /** Returned by a depot migration function to delete a record. */
    Object TOMBSTONE = DepotPartitioners.TOMBSTONE;

    /** Appends go to a random partition. */
    static Partitioner random() {
        return DepotPartitioners.random();
    }

    /**
     * Appends go to the partition of the hash of a key extracted from the record, by a function
     * class with a no-arg constructor. The same hash routes hashPartition and PState client reads.
     */
    static Partitioner hashBy(Class<? extends FloeFunction1<?, ?>> extractor) {
        return DepotPartitioners.hashBy(extractor);
    }

    /** Appends go to the partition of the hash of a key extracted by a function (e.g. {@code Ops.IDENTITY}). */
    static Partitioner hashBy(FloeFunction1<?, ?> extractor) {
        return DepotPartitioners.hashBy(extractor);
    }

    /** Appends of maps go to the partition of the hash of the value under a key. */
    static Partitioner hashBy(String mapKey) {
        return DepotPartitioners.hashBy(mapKey);
    }

    /** Clients may not append; topologies append with depotPartitionAppend, and mirrors may subscribe. */
    static Partitioner disallow() {
        return DepotPartitioners.disallow();
    }

    /** A built-in depot partitioner (see the static methods of {@link Depot}). */
    interface Partitioner {}

    /** A custom depot partitioner, declared by class. */
    interface Partitioning<T> extends FloeSerializable {
        /** The partition, in {@code [0, numPartitions)}, of an appended record. */
        int choosePartitionIndex(T data, int numPartitions);
    }

    /** Options of a declared depot. */
    interface Declaration {
        /** One partition, on task 0. */
        Declaration global();

        /**
         * A migration of the records this depot holds: after a module update that brings it, every
         * read of a record appended before the update (topologies' reads, replays, client reads)
         * gives {@code migrationFunction(record)}, and a record it maps to {@link Depot#TOMBSTONE}
         * is skipped. Records appended after the update are not migrated. The same
         * {@code migrationId} on a later update continues the migration (the same records stay
         * migrated); a new id restarts it over every record appended before that later update.
         */
        Declaration migration(String migrationId, FloeFunction1<?, ?> migrationFunction);
    }
}
