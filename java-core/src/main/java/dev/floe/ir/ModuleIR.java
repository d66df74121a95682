package dev.floe.ir;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A whole module as data: what {@code define} declared. The IR is the contract between the front
 * ends (Java builder, Clojure DSL) and the compiler: immutable, compared with {@code equals},
 * serializable, printable and readable ({@link IrText}), and versioned ({@link #VERSION}).
 */
public record ModuleIR(int version, String name, List<DepotDecl> depots, List<ObjectDecl> objects,
        List<MirrorDecl> mirrors, List<EtlTopology> etls, List<QueryTopology> queries,
        Map<String, Object> launchOptions) implements Serializable {
    /** The IR version this code produces and reads. */
    public static final int VERSION = 1;

    public ModuleIR {
        depots = List.copyOf(depots);
        objects = List.copyOf(objects);
        mirrors = List.copyOf(mirrors);
        etls = List.copyOf(etls);
        queries = List.copyOf(queries);
        launchOptions = Map.copyOf(launchOptions);
    }

    /** How a depot chooses the partition of a client append. */
    public record DepotPartitioning(Kind kind, FnRef fn, String mapKey) implements Serializable {
        /** The partitioner kinds. */
        public enum Kind {
            RANDOM, HASH_BY, DISALLOW, CUSTOM
        }
    }

    /**
     * A depot ({@code tickMillis} set for tick depots; {@code migration} set when the records it
     * held before an update are read through a migration function).
     */
    public record DepotDecl(String name, DepotPartitioning partitioning, boolean global, Long tickMillis,
            DepotMigration migration, Origin origin) implements Serializable {
        /** A depot without a migration. */
        public DepotDecl(String name, DepotPartitioning partitioning, boolean global, Long tickMillis, Origin origin) {
            this(name, partitioning, global, tickMillis, null, origin);
        }
    }

    /**
     * A depot migration: records appended before the update that introduced {@code migrationId}
     * read as {@code fn(record)}, and are skipped when {@code fn} returns the depot tombstone.
     */
    public record DepotMigration(String migrationId, FnRef fn) implements Serializable {}

    /** A task global. */
    public record ObjectDecl(String name, Object value, Origin origin) implements Serializable {}

    /** A reference to another module's depot, PState or query topology. */
    public record MirrorDecl(Kind kind, String localName, String module, String remoteName, Origin origin)
            implements Serializable {
        /** What is mirrored. */
        public enum Kind {
            DEPOT, PSTATE, QUERY
        }
    }

    /** A PState owned by an ETL topology. */
    public record PStateDecl(String name, SchemaIR schema, boolean global, boolean hasInitialValue,
            Object initialValue, boolean isPrivate, FnRef keyPartitioner, Origin origin) implements Serializable {}

    /** Where a source starts reading on first launch, and (stream only) how it retries. */
    public record SourceOptions(StartFrom startFrom, long startAmount, String offsetAgoUnit, RetryMode retryMode,
            AggSpec ackReturnAgg, String sourceId) implements Serializable {
        /** Start positions. */
        public enum StartFrom {
            END, BEGINNING, OFFSET_AGO, AFTER_TIMESTAMP
        }

        /** Stream retry modes. */
        public enum RetryMode {
            INDIVIDUAL, ALL_AFTER, NONE
        }

        /** The defaults: start from the end, retry individually. */
        public static final SourceOptions DEFAULT =
                new SourceOptions(StartFrom.END, 0, null, RetryMode.INDIVIDUAL, null, null);
    }

    /** One source of an ETL topology and the dataflow it runs. */
    public record SourceDecl(String depot, SourceOptions options, List<String> out, List<Node> body, Origin origin)
            implements Serializable {
        public SourceDecl {
            out = List.copyOf(out);
            body = List.copyOf(body);
        }
    }

    /** A stream or microbatch topology. */
    public record EtlTopology(Kind kind, String name, List<PStateDecl> pstates, List<SourceDecl> sources)
            implements Serializable {
        /** Topology kinds. */
        public enum Kind {
            STREAM, MICROBATCH
        }

        public EtlTopology {
            pstates = List.copyOf(pstates);
            sources = List.copyOf(sources);
        }
    }

    /** A query topology: input vars, the output var and its (implicitly batch) dataflow. */
    public record QueryTopology(String name, List<String> inputs, String output, List<Node> body, Origin origin)
            implements Serializable {
        public QueryTopology {
            inputs = List.copyOf(inputs);
            body = List.copyOf(body);
        }
    }
}
