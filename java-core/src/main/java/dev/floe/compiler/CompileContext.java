package dev.floe.compiler;

import java.util.Map;
import java.util.Set;

/**
 * What the compiler knows about where a block runs: the module and topology names (for
 * messages), the kind of code, and the module's objects a block may refer to by name.
 */
public final class CompileContext {
    /** Where a block runs. */
    public enum Kind {
        /** {@code Block.execute()}: no module, no tasks. */
        LOCAL,
        STREAM,
        MICROBATCH,
        QUERY
    }

    final String module;
    final String topology;
    final Kind kind;
    final Set<String> pstates;
    final Set<String> ownedPStates;
    final Set<String> depots;
    final Set<String> queries;
    final Set<String> taskGlobals;
    final Map<String, Integer> numPartitions;
    final Set<String> globalPStates;

    public CompileContext(String module, String topology, Kind kind, Set<String> pstates, Set<String> ownedPStates,
            Set<String> depots, Set<String> queries, Set<String> taskGlobals, Map<String, Integer> numPartitions) {
        this.module = module;
        this.topology = topology;
        this.kind = kind;
        this.pstates = Set.copyOf(pstates);
        this.ownedPStates = Set.copyOf(ownedPStates);
        this.depots = Set.copyOf(depots);
        this.queries = Set.copyOf(queries);
        this.taskGlobals = Set.copyOf(taskGlobals);
        this.numPartitions = Map.copyOf(numPartitions);
        this.globalPStates = Set.of();
    }

    private CompileContext(CompileContext c, Set<String> globalPStates) {
        this.module = c.module;
        this.topology = c.topology;
        this.kind = c.kind;
        this.pstates = c.pstates;
        this.ownedPStates = c.ownedPStates;
        this.depots = c.depots;
        this.queries = c.queries;
        this.taskGlobals = c.taskGlobals;
        this.numPartitions = c.numPartitions;
        this.globalPStates = Set.copyOf(globalPStates);
    }

    /** This context, knowing which PStates are global (so {@code select} reads them on task 0). */
    public CompileContext withGlobalPStates(Set<String> globals) {
        return new CompileContext(this, globals);
    }

    /** The context of {@code Block.execute()}. */
    public static CompileContext local() {
        return new CompileContext(null, "Block.execute", Kind.LOCAL, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Map.of());
    }

    /** Where errors happened: "module M, topology T". */
    String where() {
        return (module == null ? "" : "module " + module + ", ") + "topology '" + topology + "'";
    }
}
