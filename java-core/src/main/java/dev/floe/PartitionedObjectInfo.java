package dev.floe;

/** What a client knows of a depot or PState: its name, its module and its number of partitions. */
public record PartitionedObjectInfo(String name, String moduleName, long numPartitions) implements java.io.Serializable {
    /** The object's name ({@code "*depot"}, {@code "$$pstate"}). */
    public String getName() {
        return name;
    }

    /** The name of the module the object belongs to. */
    public String getModuleName() {
        return moduleName;
    }

    /** The number of partitions (1 for a global object, else the module's task count). */
    public long getNumPartitions() {
        return numPartitions;
    }
}
