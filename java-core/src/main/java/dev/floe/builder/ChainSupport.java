package dev.floe.builder;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Case;
import dev.floe.CompoundAgg;
import dev.floe.Constant;
import dev.floe.Expr;
import dev.floe.LoopVars;
import dev.floe.SelectOptions;
import dev.floe.SubBatch;
import dev.floe.SubSource;
import dev.floe.ir.AggOrCompound;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.ir.Compound;
import dev.floe.ir.FnRef;
import dev.floe.ir.Node;
import dev.floe.ir.Origin;
import dev.floe.ops.LimitAgg;
import dev.floe.path.PathCompiler;

import java.util.ArrayList;
import java.util.List;

/**
 * The state and logic behind every dataflow step: a list of IR nodes, where the last node may
 * still be waiting for {@code out(...)} to bind its outputs. Blocks are builders: each call
 * appends; sub-blocks passed to a step are converted to IR when the step is called.
 */
@SuppressWarnings("unchecked")
public abstract class ChainSupport<I, O, M> {
    private final List<Node> nodes = new ArrayList<>();
    private boolean pending;

    // ------------------------------------------------------------------------------ shared helpers

    /** The IR of this block (the nodes added so far). */
    public List<Node> toNodes() {
        pending = false;
        return List.copyOf(nodes);
    }

    static Origin origin() {
        return Origin.caller();
    }

    /** The IR argument for a builder argument: a variable, a literal, or an {@link Expr}. */
    public static Arg arg(Object o) {
        if (o instanceof String && PathCompiler.isVar(o)) {
            return new Arg.Var((String) o);
        }
        if (o instanceof Constant) {
            return new Arg.Lit(((Constant) o).getValue());
        }
        if (o instanceof Expr) {
            Expr e = (Expr) o;
            return new Arg.Expr(FnRef.of(e.getFn()), args(e.getArgs()));
        }
        if (o instanceof Arg) {
            return (Arg) o;
        }
        return new Arg.Lit(o);
    }

    /** IR arguments for builder arguments. */
    public static List<Arg> args(Object[] values) {
        List<Arg> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(arg(v));
        }
        return out;
    }

    /** The IR of a sub-block passed to a step. */
    public static List<Node> nodes(Object block) {
        if (block == null) {
            throw new IllegalArgumentException("a sub-block is required here, got null");
        }
        if (!(block instanceof ChainSupport)) {
            throw new IllegalArgumentException("not a Floe block: " + block.getClass().getName());
        }
        return ((ChainSupport<?, ?, ?>) block).toNodes();
    }

    protected I self() {
        return (I) this;
    }

    protected I add(Node n) {
        pending = false;
        nodes.add(n);
        return self();
    }

    /**
     * Appends IR nodes as they are: the Clojure DSL (floe.core) compiles its dataflow forms to
     * nodes itself and adds them with this.
     */
    public I appendNodes(List<Node> more) {
        for (Node n : more) {
            add(n);
        }
        return self();
    }

    /** Adds a node whose outputs {@code out(...)} may still bind. */
    protected O addOut(Node n) {
        nodes.add(n);
        pending = true;
        return (O) this;
    }

    // ------------------------------------------------------------------------------ outputs

    /** Binds the outputs of the previous step. */
    public I out(String... vars) {
        Node last = pendingNode("out");
        nodes.set(nodes.size() - 1, withOut(last, List.of(vars)));
        pending = false;
        return self();
    }

    /** Binds a named output stream of the previous each. */
    public M outStream(String streamName, String anchorName, String... vars) {
        Node last = pendingNode("outStream");
        if (!(last instanceof Node.Each)) {
            throw new IllegalStateException("outStream must follow each(...), not " + last.describe());
        }
        Node.Each e = (Node.Each) last;
        List<Node.StreamOut> streams = new ArrayList<>(e.streams());
        streams.add(new Node.StreamOut(streamName, anchorName, List.of(vars)));
        nodes.set(nodes.size() - 1, new Node.Each(e.op(), e.args(), e.out(), streams, e.origin()));
        return (M) this;
    }

    private Node pendingNode(String what) {
        if (!pending || nodes.isEmpty()) {
            throw new IllegalStateException(what + "(...) must directly follow a step that emits values "
                    + "(each, localSelect, loop, agg …)" + (nodes.isEmpty() ? "" : ", not " + nodes.get(nodes.size() - 1).describe()));
        }
        return nodes.get(nodes.size() - 1);
    }

    static Node withOut(Node n, List<String> out) {
        if (n instanceof Node.Each) {
            Node.Each e = (Node.Each) n;
            return new Node.Each(e.op(), e.args(), out, e.streams(), e.origin());
        }
        if (n instanceof Node.EachAsync) {
            Node.EachAsync e = (Node.EachAsync) n;
            return new Node.EachAsync(e.fn(), e.args(), out, e.origin());
        }
        if (n instanceof Node.InvokeQuery) {
            Node.InvokeQuery q = (Node.InvokeQuery) n;
            return new Node.InvokeQuery(q.query(), q.args(), out, q.origin());
        }
        if (n instanceof Node.LocalSelect) {
            Node.LocalSelect s = (Node.LocalSelect) n;
            return new Node.LocalSelect(s.pstate(), s.path(), s.allowYield(), out, s.origin());
        }
        if (n instanceof Node.Select) {
            Node.Select s = (Node.Select) n;
            return new Node.Select(s.pstate(), s.path(), s.allowYield(), out, s.origin());
        }
        if (n instanceof Node.ExplodeMicrobatch) {
            Node.ExplodeMicrobatch x = (Node.ExplodeMicrobatch) n;
            return new Node.ExplodeMicrobatch(x.microbatch(), out, x.origin());
        }
        if (n instanceof Node.SubBatchSource) {
            Node.SubBatchSource x = (Node.SubBatchSource) n;
            return new Node.SubBatchSource(x.def(), out, x.origin());
        }
        if (n instanceof Node.ExplodeMaterialized) {
            Node.ExplodeMaterialized x = (Node.ExplodeMaterialized) n;
            return new Node.ExplodeMaterialized(x.tmpPState(), out, x.origin());
        }
        if (n instanceof Node.Loop) {
            Node.Loop l = (Node.Loop) n;
            return new Node.Loop(l.vars(), l.body(), out, l.origin());
        }
        if (n instanceof Node.Materialize) {
            Node.Materialize m = (Node.Materialize) n;
            return new Node.Materialize(m.values(), single(out, "materialize", "a temporary PState ($$name)"), m.origin());
        }
        if (n instanceof Node.Aggregate) {
            Node.Aggregate a = (Node.Aggregate) n;
            return new Node.Aggregate(a.agg(), single(out, "agg", "one var or temporary PState"), false, a.origin());
        }
        throw new IllegalStateException("out(...) cannot bind the outputs of " + n.describe());
    }

    private static String single(List<String> out, String what, String expected) {
        if (out.size() != 1) {
            throw new IllegalArgumentException(what + "(...).out(...) takes exactly " + expected + ", got " + out);
        }
        return out.get(0);
    }

    // ------------------------------------------------------------------------------ steps

    protected M addEach(Object op, Object[] args) {
        nodes.add(new Node.Each(FnRef.of(op), args(args), List.of(), List.of(), origin()));
        pending = true;
        return (M) this;
    }

    protected O addEachAsync(Object fn, Object[] args) {
        return addOut(new Node.EachAsync(FnRef.of(fn), args(args), List.of(), origin()));
    }

    protected I addIf(Object cond, Block then, Block otherwise) {
        return add(new Node.If(arg(cond), nodes(then), otherwise == null ? null : nodes(otherwise), origin()));
    }

    protected I addCond(Case[] cases) {
        List<Node.CondCase> out = new ArrayList<>();
        for (Case c : cases) {
            CaseBuilder b = (CaseBuilder) c;
            out.add(new Node.CondCase(arg(b.condition()), b.toNodes()));
        }
        return add(new Node.Cond(out, origin()));
    }

    protected I addSubSource(Object value, SubSource[] cases) {
        List<Node.SubSourceCase> out = new ArrayList<>();
        for (SubSource c : cases) {
            SubSourceBuilder b = (SubSourceBuilder) c;
            out.add(new Node.SubSourceCase(b.type().getName(), List.of(), b.toNodes()));
        }
        return add(new Node.SubSource(arg(value), out, origin()));
    }

    protected I addMacro(Block block) {
        pending = false;
        nodes.addAll(nodes(block));
        return self();
    }

    protected I addBranch(String anchor, Block block) {
        return add(new Node.Branch(anchor, nodes(block), origin()));
    }

    protected I addAtomic(Block block) {
        return add(new Node.Atomic(nodes(block), origin()));
    }

    protected O addLoop(LoopVars vars, Block body) {
        List<Node.LoopVar> lv = new ArrayList<>();
        if (vars != null) {
            for (Object[] v : ((LoopVarsBuilder) vars).vars()) {
                lv.add(new Node.LoopVar((String) v[0], arg(v[1])));
            }
        }
        return addOut(new Node.Loop(lv, nodes(body), List.of(), origin()));
    }

    protected I addBatch(Block block) {
        return add(new Node.BatchBlock(nodes(block), origin()));
    }

    protected O addSubBatch(SubBatch sb) {
        return addOut(new Node.SubBatchSource(new Node.SubBatchDef(nodes(sb.getBlock()), sb.getOutVars()), List.of(),
                origin()));
    }

    protected O addMaterialize(Object[] values) {
        return addOut(new Node.Materialize(args(values), null, origin()));
    }

    protected O addAgg(Agg agg) {
        return addOut(new Node.Aggregate(spec(agg), null, false, origin()));
    }

    protected O addCompoundOut(CompoundAgg template) {
        return addOut(new Node.Aggregate(compound(template), null, false, origin()));
    }

    protected I addGroupBy(List<String> keys, Block aggBlock) {
        return add(new Node.GroupBy(keys, nodes(aggBlock), origin()));
    }

    protected I addLimit(LimitAgg limit) {
        return add(((LimitAggBuilder) limit).toNode(origin()));
    }

    static boolean allowYield(SelectOptions options) {
        return options instanceof SelectOptions.CaptureSelectOptions
                && ((SelectOptions.CaptureSelectOptions) options).getAllowYield();
    }

    /** The IR of an aggregator. */
    public static AggSpec spec(Agg agg) {
        return ((AggBuilder) agg).toSpec();
    }

    /** The IR of a compound template. */
    public static Compound compound(CompoundAgg template) {
        return (Compound) ((CompoundAggBuilder) template).toIR();
    }

    /** The IR of an aggregator or template. */
    public static AggOrCompound aggOrCompound(Object o) {
        if (o instanceof AggBuilder) {
            return ((AggBuilder) o).toSpec();
        }
        if (o instanceof CompoundAggBuilder) {
            return ((CompoundAggBuilder) o).toIR();
        }
        throw new IllegalArgumentException("expected an Agg or a CompoundAgg, got " + o);
    }
}
