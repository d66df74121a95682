package dev.floe.compiler;

import dev.floe.FloeCompileException;
import dev.floe.exec.Program;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a whole module and compiles its dataflow: names and prefixes of depots, PStates and
 * task globals, sources of declared depots, PState ownership, query topologies that return to
 * their origin and bind their output. Every error names the module and, where there is one, the
 * topology and step.
 */
public final class ModuleCompiler {
    private ModuleCompiler() {}

    /** Validates and compiles a module. */
    public static CompiledModule compile(ModuleIR ir) {
        String module = ir.name();
        Set<String> depots = new LinkedHashSet<>();
        Set<String> names = new HashSet<>();
        for (ModuleIR.DepotDecl d : ir.depots()) {
            requirePrefix(module, "depot", d.name(), "*");
            unique(module, names, d.name());
            depots.add(d.name());
        }
        Set<String> taskGlobals = new LinkedHashSet<>();
        for (ModuleIR.ObjectDecl o : ir.objects()) {
            requirePrefix(module, "task global", o.name(), "*");
            unique(module, names, o.name());
            taskGlobals.add(o.name());
        }
        Set<String> pstates = new LinkedHashSet<>();
        Set<String> queries = new LinkedHashSet<>();
        for (ModuleIR.MirrorDecl m : ir.mirrors()) {
            unique(module, names, m.localName());
            switch (m.kind()) {
                case DEPOT:
                    requirePrefix(module, "mirror depot", m.localName(), "*");
                    depots.add(m.localName());
                    break;
                case PSTATE:
                    requirePrefix(module, "mirror PState", m.localName(), "$$");
                    pstates.add(m.localName());
                    break;
                default:
                    queries.add(m.localName());
            }
        }
        Map<String, String> owner = new HashMap<>();
        Set<String> globals = new HashSet<>();
        Set<String> topologyNames = new HashSet<>();
        for (ModuleIR.EtlTopology t : ir.etls()) {
            if (!topologyNames.add(t.name())) {
                throw new FloeCompileException("module " + module + ": two topologies are named '" + t.name() + "'");
            }
            for (ModuleIR.PStateDecl p : t.pstates()) {
                requirePrefix(module, "PState", p.name(), "$$");
                unique(module, names, p.name());
                pstates.add(p.name());
                owner.put(p.name(), t.name());
                if (p.global()) {
                    globals.add(p.name());
                }
            }
        }
        for (ModuleIR.QueryTopology q : ir.queries()) {
            if (!topologyNames.add(q.name())) {
                throw new FloeCompileException("module " + module + ": two topologies are named '" + q.name() + "'");
            }
            queries.add(q.name());
        }

        List<CompiledModule.Source> sources = new ArrayList<>();
        for (ModuleIR.EtlTopology t : ir.etls()) {
            Set<String> owned = new HashSet<>();
            for (ModuleIR.PStateDecl p : t.pstates()) {
                owned.add(p.name());
            }
            CompileContext.Kind kind = t.kind() == ModuleIR.EtlTopology.Kind.STREAM ? CompileContext.Kind.STREAM
                    : CompileContext.Kind.MICROBATCH;
            Set<String> sourceIds = new HashSet<>();
            for (ModuleIR.SourceDecl s : t.sources()) {
                if (!depots.contains(s.depot())) {
                    throw new FloeCompileException("module " + module + ", topology '" + t.name() + "' (" + s.origin()
                            + "): source of unknown depot " + s.depot() + " (depots: " + depots + ")");
                }
                String sid = s.depot() + "/" + s.options().sourceId();
                if (!sourceIds.add(sid)) {
                    throw new FloeCompileException("module " + module + ", topology '" + t.name() + "': depot " + s.depot()
                            + " is sourced twice; give the extra source a sourceId");
                }
                if (s.out().size() > 1) {
                    throw new FloeCompileException("module " + module + ", topology '" + t.name() + "': a source binds "
                            + "one var (the record or the microbatch), got " + s.out());
                }
                CompileContext ctx = new CompileContext(module, t.name(), kind, pstates, owned, depots, queries,
                        taskGlobals, Map.of()).withGlobalPStates(globals);
                Program p = DataflowCompiler.compile(s.body(), s.out(), ctx);
                sources.add(new CompiledModule.Source(t, s, p));
            }
        }

        Map<String, CompiledModule.Query> compiledQueries = new HashMap<>();
        for (ModuleIR.QueryTopology q : ir.queries()) {
            CompileContext ctx = new CompileContext(module, q.name(), CompileContext.Kind.QUERY, pstates,
                    Set.of("$$" + q.name() + "$$"), depots, queries, taskGlobals, Map.of());
            if (!containsOrigin(q.body())) {
                throw new FloeCompileException(ctx.where() + ": a query topology must call originPartition() "
                        + "to return its result to where it was invoked");
            }
            Set<String> withTemp = new LinkedHashSet<>(pstates);
            withTemp.add("$$" + q.name() + "$$");
            ctx = new CompileContext(module, q.name(), CompileContext.Kind.QUERY, withTemp,
                    Set.of("$$" + q.name() + "$$"), depots, queries, taskGlobals, Map.of()).withGlobalPStates(globals);
            DataflowCompiler c = new DataflowCompiler(ctx);
            QueryProgram qp = QueryProgram.compile(c, q);
            compiledQueries.put(q.name(), new CompiledModule.Query(q, qp.program, qp.outputSlot));
        }
        return new CompiledModule(ir, sources, compiledQueries);
    }

    static boolean containsOrigin(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof Node.Partition && ((Node.Partition) n).kind() == Node.PartitionKind.ORIGIN) {
                return true;
            }
            for (List<Node> sub : children(n)) {
                if (containsOrigin(sub)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<List<Node>> children(Node n) {
        List<List<Node>> out = new ArrayList<>();
        if (n instanceof Node.If) {
            out.add(((Node.If) n).then());
            if (((Node.If) n).otherwise() != null) {
                out.add(((Node.If) n).otherwise());
            }
        } else if (n instanceof Node.Cond) {
            for (Node.CondCase c : ((Node.Cond) n).cases()) {
                out.add(c.body());
            }
        } else if (n instanceof Node.SubSource) {
            for (Node.SubSourceCase c : ((Node.SubSource) n).cases()) {
                out.add(c.body());
            }
        } else if (n instanceof Node.Branch) {
            out.add(((Node.Branch) n).body());
        } else if (n instanceof Node.Atomic) {
            out.add(((Node.Atomic) n).body());
        } else if (n instanceof Node.Loop) {
            out.add(((Node.Loop) n).body());
        } else if (n instanceof Node.BatchBlock) {
            out.add(((Node.BatchBlock) n).body());
        } else if (n instanceof Node.GroupBy) {
            out.add(((Node.GroupBy) n).body());
        } else if (n instanceof Node.SubBatchSource) {
            out.add(((Node.SubBatchSource) n).def().body());
        }
        return out;
    }

    private static void requirePrefix(String module, String what, String name, String prefix) {
        if (name == null || !name.startsWith(prefix) || name.length() <= prefix.length()) {
            throw new FloeCompileException("module " + module + ": a " + what + " name starts with " + prefix + ", got "
                    + name);
        }
    }

    private static void unique(String module, Set<String> names, String name) {
        if (!names.add(name)) {
            throw new FloeCompileException("module " + module + ": " + name + " is declared twice");
        }
    }
}
