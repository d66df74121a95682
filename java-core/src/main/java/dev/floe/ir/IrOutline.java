package dev.floe.ir;

import java.util.List;

/**
 * A module's IR drawn as an indented outline for people (a REPL, a log): its depots, objects and
 * mirrors, then each topology's PStates and dataflow, one step per line with where it was
 * written, nested blocks indented, and every partitioner marked {@code ⇢} where the event moves
 * to other tasks. {@link IrText} is the machine-readable form.
 */
public final class IrOutline {
    private IrOutline() {}

    private static final int WIDTH = 64;

    /** The whole module. */
    public static String module(ModuleIR m) {
        StringBuilder sb = new StringBuilder("module ").append(m.name()).append('\n');
        for (ModuleIR.DepotDecl d : m.depots()) {
            sb.append("  depot ").append(d.name()).append("  ").append(partitioning(d))
              .append(d.global() ? ", global" : "")
              .append(d.tickMillis() != null ? ", tick every " + d.tickMillis() + " ms" : "")
              .append(d.migration() != null ? ", migration " + d.migration().migrationId() : "").append('\n');
        }
        for (ModuleIR.ObjectDecl o : m.objects()) {
            sb.append("  object ").append(o.name()).append('\n');
        }
        for (ModuleIR.MirrorDecl x : m.mirrors()) {
            sb.append("  mirror ").append(x.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
              .append(x.localName()).append(" = ").append(x.module()).append(' ').append(x.remoteName()).append('\n');
        }
        for (ModuleIR.EtlTopology t : m.etls()) {
            etl(sb, t);
        }
        for (ModuleIR.QueryTopology q : m.queries()) {
            query(sb, q);
        }
        return sb.toString();
    }

    /** One topology (stream, microbatch or query) of the module. */
    public static String topology(ModuleIR m, String name) {
        StringBuilder sb = new StringBuilder();
        for (ModuleIR.EtlTopology t : m.etls()) {
            if (t.name().equals(name)) {
                etl(sb, t);
            }
        }
        for (ModuleIR.QueryTopology q : m.queries()) {
            if (q.name().equals(name)) {
                query(sb, q);
            }
        }
        if (sb.length() == 0) {
            List<String> names = new java.util.ArrayList<>();
            m.etls().forEach(t -> names.add(t.name()));
            m.queries().forEach(q -> names.add(q.name()));
            throw new IllegalArgumentException("module " + m.name() + " has no topology " + name + " (topologies: "
                    + names + ")");
        }
        return sb.toString();
    }

    private static String partitioning(ModuleIR.DepotDecl d) {
        ModuleIR.DepotPartitioning p = d.partitioning();
        if (p == null) {
            return "";
        }
        switch (p.kind()) {
            case RANDOM:
                return "random";
            default:
                return p.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (p.fn() != null ? " " + p.fn() : "") + (p.mapKey() != null ? " " + p.mapKey() : "");
        }
    }

    private static void etl(StringBuilder sb, ModuleIR.EtlTopology t) {
        sb.append("  ").append(t.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" topology \"")
          .append(t.name()).append("\"\n");
        for (ModuleIR.PStateDecl p : t.pstates()) {
            sb.append("    pstate ").append(p.name()).append(' ').append(p.schema())
              .append(p.global() ? ", global" : "").append(p.isPrivate() ? ", private" : "").append('\n');
        }
        for (ModuleIR.SourceDecl s : t.sources()) {
            line(sb, 4, "source " + s.depot() + (s.out().isEmpty() ? "" : " :> " + String.join(" ", s.out()))
                    + (s.options().sourceId() != null ? " (id " + s.options().sourceId() + ")" : ""), s.origin());
            body(sb, 6, s.body());
        }
    }

    private static void query(StringBuilder sb, ModuleIR.QueryTopology q) {
        sb.append("  query topology \"").append(q.name()).append("\" [").append(String.join(" ", q.inputs()))
          .append(" :> ").append(q.output()).append("]\n");
        body(sb, 6, q.body());
    }

    private static void body(StringBuilder sb, int indent, List<Node> nodes) {
        for (Node n : nodes) {
            node(sb, indent, n);
        }
    }

    private static void node(StringBuilder sb, int indent, Node n) {
        if (n instanceof Node.Partition) {
            line(sb, indent, "⇢ " + n.describe(), n.origin());
        } else if (n instanceof Node.If) {
            Node.If x = (Node.If) n;
            line(sb, indent, "if " + x.cond(), n.origin());
            body(sb, indent + 2, x.then());
            if (x.otherwise() != null && !x.otherwise().isEmpty()) {
                line(sb, indent, "else", null);
                body(sb, indent + 2, x.otherwise());
            }
        } else if (n instanceof Node.Cond) {
            line(sb, indent, "cond", n.origin());
            for (Node.CondCase c : ((Node.Cond) n).cases()) {
                line(sb, indent + 2, "case " + c.cond(), null);
                body(sb, indent + 4, c.body());
            }
        } else if (n instanceof Node.SubSource) {
            Node.SubSource x = (Node.SubSource) n;
            line(sb, indent, "subSource " + x.value(), n.origin());
            for (Node.SubSourceCase c : x.cases()) {
                line(sb, indent + 2, "case " + c.className() + (c.out().isEmpty() ? "" : " :> " + String.join(" ", c.out())),
                        null);
                body(sb, indent + 4, c.body());
            }
        } else if (n instanceof Node.Branch) {
            line(sb, indent, n.describe(), n.origin());
            body(sb, indent + 2, ((Node.Branch) n).body());
        } else if (n instanceof Node.Atomic) {
            line(sb, indent, n.describe(), n.origin());
            body(sb, indent + 2, ((Node.Atomic) n).body());
        } else if (n instanceof Node.Loop) {
            Node.Loop x = (Node.Loop) n;
            StringBuilder vars = new StringBuilder();
            for (Node.LoopVar v : x.vars()) {
                vars.append(vars.length() == 0 ? "" : " ").append(v.name()).append(' ').append(v.init());
            }
            line(sb, indent, "loop [" + vars + "]" + (x.out().isEmpty() ? "" : " :> " + String.join(" ", x.out())), n.origin());
            body(sb, indent + 2, x.body());
        } else if (n instanceof Node.BatchBlock) {
            line(sb, indent, "batch block", n.origin());
            body(sb, indent + 2, ((Node.BatchBlock) n).body());
        } else if (n instanceof Node.GroupBy) {
            Node.GroupBy x = (Node.GroupBy) n;
            line(sb, indent, "groupBy " + String.join(" ", x.keys()), n.origin());
            body(sb, indent + 2, x.body());
        } else if (n instanceof Node.SubBatchSource) {
            Node.SubBatchSource x = (Node.SubBatchSource) n;
            line(sb, indent, "subBatch :> " + String.join(" ", x.out()) + "  (emits " + String.join(" ", x.def().outVars())
                    + ")", n.origin());
            body(sb, indent + 2, x.def().body());
        } else if (n instanceof Node.FreshBatchSource) {
            line(sb, indent, "— another source (joined on shared variables)", n.origin());
        } else {
            line(sb, indent, n.describe(), n.origin());
        }
    }

    private static void line(StringBuilder sb, int indent, String text, Origin origin) {
        int start = sb.length();
        sb.append(" ".repeat(indent)).append(text);
        if (origin != null && origin.isKnown()) {
            int col = sb.length() - start;
            sb.append(" ".repeat(Math.max(2, WIDTH - col))).append(origin);
        }
        sb.append('\n');
    }
}
