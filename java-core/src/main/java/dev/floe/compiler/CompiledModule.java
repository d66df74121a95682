package dev.floe.compiler;

import dev.floe.exec.Program;
import dev.floe.ir.ModuleIR;

import java.util.List;
import java.util.Map;

/**
 * A module compiled and validated: its IR and, for every source of every ETL topology and every
 * query topology, the program that runs it.
 */
public final class CompiledModule {
    /** A compiled source of an ETL topology. */
    public record Source(ModuleIR.EtlTopology topology, ModuleIR.SourceDecl decl, Program program) {}

    /** A compiled query topology. */
    public record Query(ModuleIR.QueryTopology decl, Program program, int outputSlot) {}

    private final ModuleIR ir;
    private final List<Source> sources;
    private final Map<String, Query> queries;

    CompiledModule(ModuleIR ir, List<Source> sources, Map<String, Query> queries) {
        this.ir = ir;
        this.sources = List.copyOf(sources);
        this.queries = Map.copyOf(queries);
    }

    public ModuleIR ir() {
        return ir;
    }

    public List<Source> sources() {
        return sources;
    }

    public Map<String, Query> queries() {
        return queries;
    }
}
