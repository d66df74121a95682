package dev.floe.compiler;

import dev.floe.Path;
import dev.floe.ir.AggOrCompound;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.ir.Compound;
import dev.floe.ir.Node;
import dev.floe.path.PathCompiler;
import dev.floe.path.PathImpl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The variables a step reads from the scope it runs in, and the variables it adds to the scope of
 * the steps after it, worked out from the IR alone (before compiling). The batch compiler uses them
 * to find where the sources of a batch block must be joined.
 *
 * <p>{@link #reads} is the step's free variables: every var named in its arguments (nested
 * expressions and paths included) and in its sub-blocks, except those a sub-block binds itself
 * before reading them. {@link #binds} is what a later step can read: the step's out vars; for a
 * branching step, what every branch binds (the scope after branches is their intersection).
 */
final class VarRefs {
    private VarRefs() {}

    /** The variables {@code n} reads from the scope it runs in, in order of first use. */
    static Set<String> reads(Node n) {
        Set<String> out = new LinkedHashSet<>();
        addReads(n, out);
        return out;
    }

    /** The variables {@code n} adds to the scope of the steps after it. */
    static Set<String> binds(Node n) {
        if (n instanceof Node.Each) {
            return set(((Node.Each) n).out());
        }
        if (n instanceof Node.EachAsync) {
            return set(((Node.EachAsync) n).out());
        }
        if (n instanceof Node.InvokeQuery) {
            return set(((Node.InvokeQuery) n).out());
        }
        if (n instanceof Node.LocalSelect) {
            return set(((Node.LocalSelect) n).out());
        }
        if (n instanceof Node.Select) {
            return set(((Node.Select) n).out());
        }
        if (n instanceof Node.ExplodeMicrobatch) {
            return set(((Node.ExplodeMicrobatch) n).out());
        }
        if (n instanceof Node.ExplodeMaterialized) {
            return set(((Node.ExplodeMaterialized) n).out());
        }
        if (n instanceof Node.SubBatchSource) {
            Node.SubBatchSource s = (Node.SubBatchSource) n;
            return set(s.out().isEmpty() ? s.def().outVars() : s.out());
        }
        if (n instanceof Node.Loop) {
            return set(((Node.Loop) n).out());
        }
        if (n instanceof Node.If) {
            Node.If i = (Node.If) n;
            if (i.otherwise() == null) {
                return new LinkedHashSet<>();
            }
            Set<String> out = bindsOf(i.then());
            out.retainAll(bindsOf(i.otherwise()));
            return out;
        }
        if (n instanceof Node.Cond) {
            List<Set<String>> branches = new ArrayList<>();
            for (Node.CondCase c : ((Node.Cond) n).cases()) {
                branches.add(bindsOf(c.body()));
            }
            return intersection(branches);
        }
        if (n instanceof Node.SubSource) {
            List<Set<String>> branches = new ArrayList<>();
            for (Node.SubSourceCase c : ((Node.SubSource) n).cases()) {
                Set<String> b = set(c.out());
                b.addAll(bindsOf(c.body()));
                branches.add(b);
            }
            return intersection(branches);
        }
        // atomic blocks and branches leave the scope as it was; hooks and unify move to an
        // anchor's scope, which the IR alone does not tell
        return new LinkedHashSet<>();
    }

    /** What a block adds to the scope of the code after it. */
    static Set<String> bindsOf(List<Node> block) {
        Set<String> out = new LinkedHashSet<>();
        for (Node n : block) {
            out.addAll(binds(n));
        }
        return out;
    }

    // ------------------------------------------------------------------------------ reads

    private static void addReads(Node n, Set<String> out) {
        if (n instanceof Node.Each) {
            args(((Node.Each) n).args(), out);
        } else if (n instanceof Node.EachAsync) {
            args(((Node.EachAsync) n).args(), out);
        } else if (n instanceof Node.KeepTrue) {
            arg(((Node.KeepTrue) n).cond(), out);
        } else if (n instanceof Node.Partition) {
            Node.Partition p = (Node.Partition) n;
            name(p.pobject(), out);
            args(p.args(), out);
        } else if (n instanceof Node.If) {
            Node.If i = (Node.If) n;
            arg(i.cond(), out);
            block(i.then(), Set.of(), out);
            if (i.otherwise() != null) {
                block(i.otherwise(), Set.of(), out);
            }
        } else if (n instanceof Node.Cond) {
            for (Node.CondCase c : ((Node.Cond) n).cases()) {
                arg(c.cond(), out);
                block(c.body(), Set.of(), out);
            }
        } else if (n instanceof Node.SubSource) {
            Node.SubSource s = (Node.SubSource) n;
            arg(s.value(), out);
            for (Node.SubSourceCase c : s.cases()) {
                block(c.body(), set(c.out()), out);
            }
        } else if (n instanceof Node.Branch) {
            block(((Node.Branch) n).body(), Set.of(), out);
        } else if (n instanceof Node.Atomic) {
            block(((Node.Atomic) n).body(), Set.of(), out);
        } else if (n instanceof Node.Loop) {
            Node.Loop l = (Node.Loop) n;
            Set<String> loopVars = new LinkedHashSet<>();
            for (Node.LoopVar v : l.vars()) {
                arg(v.init(), out);
                loopVars.add(v.name());
            }
            block(l.body(), loopVars, out);
        } else if (n instanceof Node.EmitLoop) {
            args(((Node.EmitLoop) n).values(), out);
        } else if (n instanceof Node.ContinueLoop) {
            args(((Node.ContinueLoop) n).values(), out);
        } else if (n instanceof Node.AckReturn) {
            arg(((Node.AckReturn) n).value(), out);
        } else if (n instanceof Node.DepotPartitionAppend) {
            arg(((Node.DepotPartitionAppend) n).data(), out);
        } else if (n instanceof Node.InvokeQuery) {
            args(((Node.InvokeQuery) n).args(), out);
        } else if (n instanceof Node.LocalSelect) {
            Node.LocalSelect s = (Node.LocalSelect) n;
            name(s.pstate(), out);
            path(s.path(), out);
        } else if (n instanceof Node.Select) {
            Node.Select s = (Node.Select) n;
            name(s.pstate(), out);
            path(s.path(), out);
        } else if (n instanceof Node.LocalTransform) {
            Node.LocalTransform t = (Node.LocalTransform) n;
            name(t.pstate(), out);
            path(t.path(), out);
        } else if (n instanceof Node.LocalClear) {
            name(((Node.LocalClear) n).pstate(), out);
        } else if (n instanceof Node.BatchBlock) {
            block(((Node.BatchBlock) n).body(), Set.of(), out);
        } else if (n instanceof Node.ExplodeMicrobatch) {
            name(((Node.ExplodeMicrobatch) n).microbatch(), out);
        } else if (n instanceof Node.SubBatchSource) {
            block(((Node.SubBatchSource) n).def().body(), Set.of(), out);
        } else if (n instanceof Node.Materialize) {
            args(((Node.Materialize) n).values(), out);
        } else if (n instanceof Node.Aggregate) {
            Node.Aggregate a = (Node.Aggregate) n;
            if (a.intoPState()) {
                name(a.target(), out);
            }
            agg(a.agg(), out);
        } else if (n instanceof Node.GroupBy) {
            Node.GroupBy g = (Node.GroupBy) n;
            out.addAll(g.keys());
            block(g.body(), Set.of(), out);
        } else if (n instanceof Node.LimitAgg) {
            Node.LimitAgg l = (Node.LimitAgg) n;
            arg(l.amount(), out);
            out.addAll(l.vars());
            out.addAll(l.sortVars());
        }
        // Anchor, Hook, Unify, YieldIfOvertime, FreshBatchSource, ExplodeMaterialized read nothing
    }

    /** The free variables of a block whose code starts with {@code bound} in scope. */
    private static void block(List<Node> body, Set<String> bound, Set<String> out) {
        Set<String> local = new LinkedHashSet<>(bound);
        for (Node n : body) {
            for (String v : reads(n)) {
                if (!local.contains(v)) {
                    out.add(v);
                }
            }
            local.addAll(binds(n));
        }
    }

    private static void agg(AggOrCompound a, Set<String> out) {
        if (a instanceof AggSpec) {
            args(((AggSpec) a).args(), out);
        } else if (a instanceof Compound.MapTemplate) {
            for (Compound.Entry e : ((Compound.MapTemplate) a).entries()) {
                arg(e.key(), out);
                agg(e.value(), out);
            }
        } else if (a instanceof Compound.ListTemplate) {
            for (AggOrCompound item : ((Compound.ListTemplate) a).items()) {
                agg(item, out);
            }
        }
    }

    private static void args(List<Arg> args, Set<String> out) {
        for (Arg a : args) {
            arg(a, out);
        }
    }

    private static void arg(Arg a, Set<String> out) {
        if (a instanceof Arg.Var) {
            out.add(((Arg.Var) a).name());
        } else if (a instanceof Arg.Expr) {
            args(((Arg.Expr) a).args(), out);
        } else if (a instanceof Arg.Lit && ((Arg.Lit) a).value() instanceof Path) {
            // a path argument (pathPartition, a path given to a function) reads its vars when it runs
            path((Path) ((Arg.Lit) a).value(), out);
        }
    }

    private static void path(Path p, Set<String> out) {
        if (!(p instanceof PathImpl)) {
            return;
        }
        try {
            out.addAll(((PathImpl) p).compiled().vars());
        } catch (RuntimeException e) {
            // an invalid path is reported by the compiler where the step is compiled
        }
    }

    private static void name(String s, Set<String> out) {
        if (PathCompiler.isVar(s)) {
            out.add(s);
        }
    }

    private static Set<String> set(List<String> vars) {
        return new LinkedHashSet<>(vars);
    }

    private static Set<String> intersection(List<Set<String>> sets) {
        if (sets.isEmpty()) {
            return new LinkedHashSet<>();
        }
        Set<String> out = new LinkedHashSet<>(sets.get(0));
        for (Set<String> s : sets.subList(1, sets.size())) {
            out.retainAll(s);
        }
        return out;
    }
}
