package dev.floe;

import dev.floe.builder.SchemaBuilder;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;

/**
 * A PState: a partitioned, durable index whose shape is any nesting of maps, lists, sets and
 * fixed-keys records, declared with a {@link Schema}. The static methods build schemas;
 * {@link Declaration} configures a PState declared by a topology. An instance is a client of a
 * running module's PState ({@code cluster.clusterPState(module, "$$p")}): it reads committed data,
 * routing each read to the task that holds it (by the path's first key, or by an explicit
 * partition key); thread-safe and reusable.
 */
public interface PState {
    /** Every value the path navigates to, on the partition of the path's first key. */
    <T> java.util.List<T> select(Path path);

    /** Every value the path navigates to, on the partition of {@code partitionKey}. */
    <T> java.util.List<T> select(Object partitionKey, Path path);

    /** The one value the path navigates to (null for a {@code key} on a missing key); an error for several. */
    <T> T selectOne(Path path);

    /** {@link #selectOne(Path)} on the partition of {@code partitionKey}. */
    <T> T selectOne(Object partitionKey, Path path);

    /** {@link #select(Path)} without blocking. */
    <T> java.util.concurrent.CompletableFuture<java.util.List<T>> selectAsync(Path path);

    /** {@link #select(Object, Path)} without blocking. */
    <T> java.util.concurrent.CompletableFuture<java.util.List<T>> selectAsync(Object partitionKey, Path path);

    /** {@link #selectOne(Path)} without blocking. */
    <T> java.util.concurrent.CompletableFuture<T> selectOneAsync(Path path);

    /** {@link #selectOne(Object, Path)} without blocking. */
    <T> java.util.concurrent.CompletableFuture<T> selectOneAsync(Object partitionKey, Path path);

    /**
     * A live view of the one value the path navigates to (routed like {@link #selectOne(Path)}):
     * the task holding it pushes a fine-grained diff after each commit that changes it.
     */
    <T> ProxyState<T> proxy(Path path);

    /** {@link #proxy(Path)}, calling {@code callback} with every change, in commit order. */
    <T> ProxyState<T> proxy(Path path, ProxyState.Callback<T> callback);

    /** {@link #proxy(Path)} on the partition of {@code partitionKey}. */
    <T> ProxyState<T> proxy(Object partitionKey, Path path);

    /** {@link #proxy(Path, ProxyState.Callback)} on the partition of {@code partitionKey}. */
    <T> ProxyState<T> proxy(Object partitionKey, Path path, ProxyState.Callback<T> callback);

    <T> java.util.concurrent.CompletableFuture<ProxyState<T>> proxyAsync(Path path);

    <T> java.util.concurrent.CompletableFuture<ProxyState<T>> proxyAsync(Path path, ProxyState.Callback<T> callback);

    <T> java.util.concurrent.CompletableFuture<ProxyState<T>> proxyAsync(Object partitionKey, Path path);

    <T> java.util.concurrent.CompletableFuture<ProxyState<T>> proxyAsync(Object partitionKey, Path path,
            ProxyState.Callback<T> callback);

    /** The PState's name, module and number of partitions. */
    PartitionedObjectInfo getObjectInfo();

    /** A map from keys of a class to values of a class. */
    static Schema mapSchema(Class<?> keyClass, Class<?> valueClass) {
        return SchemaBuilder.map(SchemaBuilder.of(keyClass), SchemaBuilder.of(valueClass));
    }

    /** A map from keys of a class to values of a schema. */
    static Schema mapSchema(Class<?> keyClass, Schema valueSchema) {
        return SchemaBuilder.map(SchemaBuilder.of(keyClass), valueSchema);
    }

    /** A list of elements of a class. */
    static Schema listSchema(Class<?> elementClass) {
        return SchemaBuilder.list(SchemaBuilder.of(elementClass));
    }

    /** A list of elements of a schema. */
    static Schema listSchema(Schema elementSchema) {
        return SchemaBuilder.list(elementSchema);
    }

    /** A set of elements of a class. */
    static Schema setSchema(Class<?> elementClass) {
        return SchemaBuilder.set(SchemaBuilder.of(elementClass));
    }

    /** A record-like map: alternating String keys and classes or schemas; every key is optional. */
    static Schema fixedKeysSchema(Object... keysAndSchemas) {
        return SchemaBuilder.fixedKeys(keysAndSchemas);
    }

    /** A location being migrated to a new schema by a function (idempotent), identified by an id. */
    static MigratedSchema migrated(Object newSchema, String migrationId, FloeFunction1<?, ?> migrationFunction) {
        return SchemaBuilder.migrated(newSchema, migrationId, migrationFunction);
    }

    /** A PState schema, or a location within one. */
    interface Schema {
        /** Stores each element separately: unbounded size, sorted, O(1) element access. */
        Schema subindexed();

        /** Subindexed, with options. */
        Schema subindexed(SubindexOptions options);
    }

    /** A schema location being migrated. */
    interface MigratedSchema extends Schema {
        /** Keys the new {@link #fixedKeysSchema} adds (values without them stay valid). */
        MigratedSchema addFixedKeys(Object... keys);

        /** Keys the new {@link #fixedKeysSchema} removes: dropped from every migrated value. */
        MigratedSchema removeFixedKeys(Object... keys);

        /** The location becomes a subindexed structure (its values are rewritten one element per key). */
        MigratedSchema migrateToSubindexed();
    }

    /** Options of a PState declared by a topology. */
    interface Declaration {
        /** One partition, on task 0. */
        Declaration global();

        /** The starting value of a class-schema PState on every partition. */
        Declaration initialValue(Object value);

        /** Only readable inside the declaring topology. */
        Declaration makePrivate();

        /** How a key maps to a partition: fn(numPartitions, key) returns the partition. */
        <T> Declaration keyPartitioner(Class<? extends FloeFunction2<Integer, T, Integer>> partitioner);
    }
}
