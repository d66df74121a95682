package dev.floe.compiler;

import dev.floe.exec.AggPlans;
import dev.floe.exec.ArgEval;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.Emitter;
import dev.floe.exec.Instrs;
import dev.floe.ir.AggOrCompound;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.ir.Compound;
import dev.floe.ir.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans batch blocks: splits the body into pre-aggregation sources (separated by
 * freshBatchSource), the aggregation phase (consecutive agg, compoundAgg, groupBy, limitAgg,
 * materialize steps) and post-aggregation code, works out the join of the sources on their
 * shared vars, and checks the batch rules: no shadowing before aggregation, no partitioner after
 * the join or aggregation, sources that can be joined.
 *
 * <p>The join point: sources are inner-joined on their shared vars. The code of the last source,
 * from its first step that reads a var of another source (not bound before the block nor earlier
 * in the last source), runs on the joined rows: before the aggregation, whose input is the rows
 * reaching its end, or, without aggregation, once per joined row. Only the last source may use the
 * vars of the others.
 */
final class BatchCompiler {
    private BatchCompiler() {}

    static boolean isAggNode(Node n) {
        return n instanceof Node.Aggregate || n instanceof Node.GroupBy || n instanceof Node.LimitAgg
                || n instanceof Node.Materialize;
    }

    static BatchInstr compile(DataflowCompiler c, List<Node> body, DataflowCompiler.Scope in, Node batchNode) {
        return compileWithEnd(c, body, in, batchNode).instr;
    }

    /** A compiled batch block and the point where its last code ends (its rows, if nothing follows). */
    static final class Compiled {
        final BatchInstr instr;
        final DataflowCompiler.Point end;

        Compiled(BatchInstr instr, DataflowCompiler.Point end) {
            this.instr = instr;
            this.end = end;
        }
    }

    static Compiled compileWithEnd(DataflowCompiler c, List<Node> body, DataflowCompiler.Scope in, Node batchNode) {
        int a0 = -1;
        int a1 = body.size();
        for (int i = 0; i < body.size(); i++) {
            if (isAggNode(body.get(i))) {
                if (a0 < 0) {
                    a0 = i;
                }
            } else if (a0 >= 0 && a1 == body.size()) {
                a1 = i;
            }
        }
        for (int i = a1; i < body.size(); i++) {
            if (isAggNode(body.get(i))) {
                throw c.error(body.get(i), "aggregators of a batch block must be consecutive: this one follows "
                        + "post-aggregation code");
            }
        }
        List<Node> pre = body.subList(0, a0 < 0 ? body.size() : a0);
        List<Node> aggs = a0 < 0 ? List.of() : body.subList(a0, a1);
        List<Node> post = a0 < 0 ? List.of() : body.subList(a1, body.size());

        // ---- pre-aggregation sources
        List<List<Node>> sourceBodies = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        for (Node n : pre) {
            if (n instanceof Node.FreshBatchSource) {
                sourceBodies.add(current);
                current = new ArrayList<>();
            } else {
                current.add(n);
            }
        }
        sourceBodies.add(current);
        // what each source binds, for sources not compiled yet (the error when an earlier one uses it)
        List<Set<String>> declared = new ArrayList<>();
        for (List<Node> sb : sourceBodies) {
            declared.add(VarRefs.bindsOf(sb));
        }
        DataflowCompiler.BatchState prevBatch = c.batch;
        c.batch = new DataflowCompiler.BatchState(in.vars.keySet());
        List<BatchInstr.Source> sources = new ArrayList<>();
        List<String[]> sourceVars = new ArrayList<>();
        List<Node> postJoin = List.of();
        try {
            for (int si = 0; si < sourceBodies.size(); si++) {
                List<Node> sb = sourceBodies.get(si);
                boolean last = si > 0 && si == sourceBodies.size() - 1;
                Emitter entry = new Emitter();
                DataflowCompiler.Point end = new DataflowCompiler.Point(entry, in);
                for (int k = 0; k < sb.size(); k++) {
                    Node n = sb.get(k);
                    OtherSourceVar other = otherSourceRead(n, end.scope, si, sourceVars, declared);
                    if (other != null && !last) {
                        throw c.error(n, "unbound variable " + other.var + ": it comes from another source of this "
                                + "batch block (source " + other.source + "), and only the last source can use the "
                                + "variables of the others (its code from that step on runs on the joined rows); move "
                                + "this step to the end of the last source");
                    }
                    if (other != null && k == 0) {
                        throw c.error(n, "unbound variable " + other.var + ": it comes from another source of this "
                                + "batch block (source " + other.source + "), but this step starts the last source: the "
                                + "last source needs steps of its own that bind the vars it joins on before code that "
                                + "uses the joined rows");
                    }
                    if (other != null) {
                        // the join point: this step and the rest of the source run on the joined rows
                        postJoin = sb.subList(k, sb.size());
                        break;
                    }
                    end = c.compileStep(n, end);
                }
                if (!end.reachable()) {
                    throw c.error(batchNode, "a source of this batch block produces no rows (its code ends every branch)");
                }
                // the vars bound before the block hold the same values in every source: the first
                // source's row carries them, and the join does not compare them (a value such as a
                // microbatch reference that travelled to another task need not equal itself)
                List<String> rowVars = new ArrayList<>(end.scope.vars.keySet());
                if (si > 0) {
                    rowVars.removeAll(in.vars.keySet());
                }
                String[] vars = rowVars.toArray(new String[0]);
                int[] slots = new int[vars.length];
                for (int i = 0; i < vars.length; i++) {
                    slots[i] = end.scope.slot(vars[i]);
                }
                BatchInstr.Source src = new BatchInstr.Source(entry, vars, slots);
                end.emitter.attach(new BatchInstr.RowSink(c.step(batchNode), src));
                sources.add(src);
                sourceVars.add(vars);
            }
        } finally {
            c.batch = prevBatch;
        }

        // ---- join
        List<String> joined = new ArrayList<>(List.of(sourceVars.get(0)));
        for (int i = 1; i < sourceVars.size(); i++) {
            Set<String> shared = new LinkedHashSet<>(joined);
            shared.retainAll(List.of(sourceVars.get(i)));
            shared.removeAll(in.vars.keySet());
            if (shared.isEmpty()) {
                throw c.error(batchNode, "no possible joins: source " + (i + 1) + " of this batch block (vars "
                        + List.of(sourceVars.get(i)) + ") shares no variable with the sources before it (vars " + joined + ")");
            }
            for (String v : sourceVars.get(i)) {
                if (!joined.contains(v)) {
                    joined.add(v);
                }
            }
        }
        DataflowCompiler.Scope rowScope = DataflowCompiler.Scope.EMPTY;
        int[] joinedSlots = new int[joined.size()];
        for (int i = 0; i < joinedSlots.length; i++) {
            joinedSlots[i] = c.newSlot();
            rowScope = rowScope.with(joined.get(i), joinedSlots[i]);
        }
        BatchInstr.JoinPlan join = new BatchInstr.JoinPlan(sourceVars.toArray(new String[0][]),
                joined.toArray(new String[0]));

        // ---- code after the join, before aggregation (with aggregation: what reaches its end is aggregated)
        DataflowCompiler.Scope aggInScope = rowScope;
        List<String> aggInVars = joined;
        BatchInstr.PostJoin postJoinCode = null;
        if (!postJoin.isEmpty() && !aggs.isEmpty()) {
            int rowsSlot = c.newSlot();
            c.slotNames.put(rowsSlot, "(the rows of a batch block after its join)");
            Emitter entry = new Emitter();
            DataflowCompiler.Point end = compilePostJoin(c, postJoin, new DataflowCompiler.Point(entry, rowScope), in, true);
            if (!end.reachable()) {
                throw c.error(postJoin.get(0), "the code after the join of this batch block's sources ends every "
                        + "branch: no rows reach its aggregation");
            }
            aggInScope = end.scope;
            aggInVars = new ArrayList<>(end.scope.vars.keySet());
            int[] rowSlots = new int[aggInVars.size()];
            for (int i = 0; i < rowSlots.length; i++) {
                rowSlots[i] = end.scope.slot(aggInVars.get(i));
            }
            postJoinCode = new BatchInstr.PostJoin(entry, rowsSlot, rowSlots);
            end.emitter.attach(postJoinCode.collector(c.step(batchNode)));
        }

        // ---- aggregation
        DataflowCompiler.Scope postScope = rowScope;
        BatchInstr.AggPhase phase = null;
        if (!aggs.isEmpty()) {
            PhaseResult r = aggPhase(c, aggs, aggInScope, aggInVars, in);
            phase = r.phase;
            postScope = r.postScope;
        }
        BatchInstr bi = new BatchInstr(c.step(batchNode), sources.toArray(new BatchInstr.Source[0]), join, joinedSlots,
                postJoinCode, phase);
        DataflowCompiler.Point end = new DataflowCompiler.Point(bi.post, postScope);
        if (!postJoin.isEmpty() && aggs.isEmpty()) {
            // no aggregation: the code after the join runs once per joined row, and is the block's end
            end = compilePostJoin(c, postJoin, end, in, false);
        }
        if (!post.isEmpty()) {
            prevBatch = c.batch;
            c.batch = new DataflowCompiler.BatchState(in.vars.keySet());
            c.batch.postAgg = true;
            try {
                end = c.compileBlock(post, end);
            } finally {
                c.batch = prevBatch;
            }
        }
        return new Compiled(bi, end);
    }

    /** A variable of another source of a batch block, and that source's number (from 1). */
    private record OtherSourceVar(String var, int source) {}

    /**
     * The first variable {@code n} reads that is not in {@code scope} (bound before the block or
     * earlier in its source) but is bound by another source of the block; null if there is none.
     * Earlier sources are known by the rows they produce, later ones by what their steps bind.
     */
    private static OtherSourceVar otherSourceRead(Node n, DataflowCompiler.Scope scope, int source, List<String[]> compiled,
            List<Set<String>> declared) {
        for (String v : VarRefs.reads(n)) {
            if (scope.has(v)) {
                continue;
            }
            for (int j = 0; j < declared.size(); j++) {
                if (j != source && (j < compiled.size() ? List.of(compiled.get(j)).contains(v) : declared.get(j).contains(v))) {
                    return new OtherSourceVar(v, j + 1);
                }
            }
        }
        return null;
    }

    /** Compiles the code after the join with the rules of pre-aggregation code on joined rows. */
    private static DataflowCompiler.Point compilePostJoin(DataflowCompiler c, List<Node> code, DataflowCompiler.Point at,
            DataflowCompiler.Scope in, boolean feedsAgg) {
        DataflowCompiler.BatchState prev = c.batch;
        c.batch = new DataflowCompiler.BatchState(in.vars.keySet());
        c.batch.postJoin = true;
        c.batch.postJoinFeedsAgg = feedsAgg;
        try {
            return c.compileBlock(code, at);
        } finally {
            c.batch = prev;
        }
    }

    private static final class PhaseResult {
        final BatchInstr.AggPhase phase;
        final DataflowCompiler.Scope postScope;

        PhaseResult(BatchInstr.AggPhase phase, DataflowCompiler.Scope postScope) {
            this.phase = phase;
            this.postScope = postScope;
        }
    }

    private static PhaseResult aggPhase(DataflowCompiler c, List<Node> aggs, DataflowCompiler.Scope rowScope,
            List<String> joined, DataflowCompiler.Scope postScope) {
        Node first = aggs.get(0);
        boolean hasGroup = aggs.stream().anyMatch(n -> n instanceof Node.GroupBy);
        boolean hasLimit = aggs.stream().anyMatch(n -> n instanceof Node.LimitAgg
                || n instanceof Node.GroupBy && ((Node.GroupBy) n).body().stream().anyMatch(b -> b instanceof Node.LimitAgg));
        boolean hasIntoPState = aggs.stream().anyMatch(n -> n instanceof Node.Aggregate
                && (((Node.Aggregate) n).intoPState()
                        || ((Node.Aggregate) n).target() != null && ((Node.Aggregate) n).target().startsWith("$$"))
                || n instanceof Node.Materialize);
        if (hasLimit) {
            Node.LimitAgg l;
            List<String> keys = new ArrayList<>();
            if (first instanceof Node.GroupBy) {
                Node.GroupBy g = (Node.GroupBy) first;
                if (aggs.size() != 1 || g.body().size() != 1) {
                    throw c.error(first, "limitAgg cannot be combined with other aggregators in one groupBy or batch block");
                }
                l = (Node.LimitAgg) g.body().get(0);
                keys.addAll(g.keys());
            } else {
                if (aggs.size() != 1) {
                    throw c.error(first, "limitAgg cannot be combined with other aggregators in one batch block");
                }
                l = (Node.LimitAgg) first;
            }
            // the kept vars that are not group keys (keys are bound once, first)
            List<String> vars = new ArrayList<>();
            for (String v : l.vars()) {
                if (!keys.contains(v) && !vars.contains(v)) {
                    vars.add(v);
                }
            }
            int[] keyIdx = indexes(c, l, joined, keys);
            int[] varIdx = indexes(c, l, joined, vars);
            int[] sortIdx = indexes(c, l, joined, l.sortVars());
            if (l.amount() instanceof Arg.Var && !postScope.has(((Arg.Var) l.amount()).name())) {
                throw c.error(l, "limitAgg's amount must be a number or a var bound before the batch block, got "
                        + ((Arg.Var) l.amount()).name());
            }
            List<String> outs = new ArrayList<>(keys);
            outs.addAll(vars);
            if (l.indexVar() != null) {
                outs.add(l.indexVar());
            }
            DataflowCompiler.Bound b = c.bind(l, postScope, outs);
            return new PhaseResult(new BatchInstr.Limit(c.arg(l, l.amount(), postScope), keyIdx, varIdx, sortIdx,
                    l.reverse(), l.indexVar() != null, b.slots), b.scope);
        }
        if (hasIntoPState) {
            if (hasGroup) {
                throw c.error(first, "groupBy cannot be combined with aggregation into a PState in one batch block");
            }
            List<Instrs.PStateRef> targets = new ArrayList<>();
            List<AggPlans.Plan> plans = new ArrayList<>();
            Map<String, Integer> captures = new LinkedHashMap<>();
            List<List<Arg>> captureKeyArgs = new ArrayList<>();
            List<Integer> capturePlans = new ArrayList<>();
            DataflowCompiler.Scope scope = postScope;
            for (Node n : aggs) {
                if (n instanceof Node.Materialize) {
                    Node.Materialize m = (Node.Materialize) n;
                    if (m.tmpPState() == null || !m.tmpPState().startsWith("$$")) {
                        throw c.error(n, "materialize needs .out(\"$$name\") naming a temporary PState");
                    }
                    targets.add(new Instrs.PStateRef(m.tmpPState(), -1));
                    c.tempPStates.add(m.tmpPState());
                    AggSpec rows = new AggSpec(AggSpec.Kind.LIST,
                            List.of(new Arg.Expr(dev.floe.ir.FnRef.of(dev.floe.ops.Ops.TUPLE), m.values())), null, null, null);
                    plans.add(AggCompiler.plan(c, n, rows, rowScope, null));
                    continue;
                }
                if (!(n instanceof Node.Aggregate)) {
                    throw c.error(n, "only aggregators can follow an aggregation into a PState");
                }
                Node.Aggregate a = (Node.Aggregate) n;
                if (!a.intoPState() && (a.target() == null || !a.target().startsWith("$$"))) {
                    throw c.error(n, "aggregating into a var (" + a.target() + ") cannot be combined with aggregation "
                            + "into a PState in one batch block");
                }
                if (!a.intoPState()) {
                    c.tempPStates.add(a.target());
                }
                targets.add(a.intoPState() ? c.pstateRef(n, a.target(), rowScope) : new Instrs.PStateRef(a.target(), -1));
                // the captures of this aggregation, in the order AggCompiler assigns their slots
                List<Capture> found = new ArrayList<>();
                collectCaptures(a.agg(), new ArrayList<>(), new ArrayList<>(), found);
                checkCaptures(c, n, found, captures.keySet());
                for (Capture cap : found) {
                    captureKeyArgs.add(cap.keys);
                    capturePlans.add(plans.size());
                }
                plans.add(AggCompiler.plan(c, n, a.agg(), rowScope, captures));
            }
            // post-aggregation scope: the template's key vars and the captured values
            List<String> outNames = new ArrayList<>();
            List<Integer> outSlots = new ArrayList<>();
            int[] captureSlots = new int[captures.size()];
            int[][] captureKeySlots = new int[captures.size()][];
            int ci = 0;
            for (Map.Entry<String, Integer> cap : captures.entrySet()) {
                captureSlots[ci] = cap.getValue();
                List<Arg> keyArgs = captureKeyArgs.get(ci);
                captureKeySlots[ci] = new int[keyArgs.size()];
                for (int k = 0; k < keyArgs.size(); k++) {
                    Arg ka = keyArgs.get(k);
                    if (ka instanceof Arg.Var) {
                        String name = ((Arg.Var) ka).name();
                        int idx = outNames.indexOf(name);
                        int slot;
                        if (idx < 0) {
                            slot = c.newSlot();
                            outNames.add(name);
                            outSlots.add(slot);
                        } else {
                            slot = outSlots.get(idx);
                        }
                        captureKeySlots[ci][k] = slot;
                    } else {
                        captureKeySlots[ci][k] = -1;
                    }
                }
                outNames.add(cap.getKey());
                outSlots.add(cap.getValue());
                ci++;
            }
            for (int i = 0; i < outNames.size(); i++) {
                scope = scope.with(outNames.get(i), outSlots.get(i));
            }
            return new PhaseResult(new BatchInstr.IntoPStates(targets.toArray(new Instrs.PStateRef[0]),
                    plans.toArray(new AggPlans.Plan[0]), captureSlots, captureKeySlots,
                    DataflowCompiler.ints(capturePlans), DataflowCompiler.ints(outSlots)), scope);
        }
        // aggregators into vars, possibly grouped
        List<String> keys = new ArrayList<>();
        List<Node.Aggregate> aggNodes = new ArrayList<>();
        for (Node n : aggs) {
            if (n instanceof Node.GroupBy) {
                Node.GroupBy g = (Node.GroupBy) n;
                if (!keys.isEmpty()) {
                    throw c.error(n, "only one groupBy per batch block");
                }
                keys.addAll(g.keys());
                for (Node inner : g.body()) {
                    if (!(inner instanceof Node.Aggregate) || ((Node.Aggregate) inner).intoPState()) {
                        throw c.error(inner, "a groupBy block contains only aggregators into vars (agg(...).out(\"*v\"))");
                    }
                    aggNodes.add((Node.Aggregate) inner);
                }
            } else {
                aggNodes.add((Node.Aggregate) n);
            }
        }
        int[] keyIdx = indexes(c, first, joined, keys);
        List<AggPlans.Plan> plans = new ArrayList<>();
        List<String> outs = new ArrayList<>(keys);
        for (Node.Aggregate a : aggNodes) {
            if (a.target() == null) {
                throw c.error(a, "bind the aggregate's result with .out(\"*var\")");
            }
            plans.add(AggCompiler.plan(c, a, a.agg(), rowScope, null));
            outs.add(a.target());
        }
        DataflowCompiler.Bound b = c.bind(first, postScope, outs);
        return new PhaseResult(new BatchInstr.GroupedAggs(keyIdx, plans.toArray(new AggPlans.Plan[0]), b.slots), b.scope);
    }

    /** A captureNewValInto of a template: its var, the keys of its location, and the map entries leading there. */
    private static final class Capture {
        final String var;
        final List<Arg> keys;
        final List<Object> chain;

        Capture(String var, List<Arg> keys, List<Object> chain) {
            this.var = var;
            this.keys = keys;
            this.chain = chain;
        }
    }

    /** The captures of a template, depth first (the order in which AggCompiler allocates their slots). */
    private static void collectCaptures(AggOrCompound agg, List<Arg> path, List<Object> chain, List<Capture> out) {
        if (agg instanceof AggSpec) {
            if (((AggSpec) agg).captureNewValInto() != null) {
                out.add(new Capture(((AggSpec) agg).captureNewValInto(), new ArrayList<>(path), new ArrayList<>(chain)));
            }
        } else if (agg instanceof Compound.MapTemplate) {
            List<Compound.Entry> entries = ((Compound.MapTemplate) agg).entries();
            for (int i = 0; i < entries.size(); i++) {
                path.add(entries.get(i).key());
                // an entry is identified by its template (by identity) and its position
                chain.add(List.of(new IdentityKey(agg), i));
                collectCaptures(entries.get(i).value(), path, chain, out);
                path.remove(path.size() - 1);
                chain.remove(chain.size() - 1);
            }
        } else {
            for (AggOrCompound item : ((Compound.ListTemplate) agg).items()) {
                collectCaptures(item, path, chain, out);
            }
        }
    }

    /**
     * The post-aggregation code is a single branch, so the captured locations of one template must
     * lie along one chain of map entries (Rama refuses templates that branch into several maps or
     * several keys of one map); a captured var is bound once.
     */
    private static void checkCaptures(DataflowCompiler c, Node n, List<Capture> found, java.util.Set<String> earlier) {
        Set<String> names = new java.util.HashSet<>(earlier);
        for (Capture cap : found) {
            if (!names.add(cap.var)) {
                throw c.error(n, "captureNewValInto(" + cap.var + ") is used twice in one batch block");
            }
        }
        for (int i = 0; i < found.size(); i++) {
            for (int j = i + 1; j < found.size(); j++) {
                List<Object> a = found.get(i).chain;
                List<Object> b = found.get(j).chain;
                for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
                    if (!a.get(k).equals(b.get(k))) {
                        throw c.error(n, "captureNewValInto(" + found.get(i).var + ") and captureNewValInto("
                                + found.get(j).var + ") are on different branches of the aggregation template "
                                + "(different maps or keys): post-aggregation code is a single branch, so all captured "
                                + "values of a template must be along one path of keys");
                    }
                }
            }
        }
    }

    /** Compares by identity. */
    private static final class IdentityKey {
        final Object o;

        IdentityKey(Object o) {
            this.o = o;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey && ((IdentityKey) other).o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    private static int[] indexes(DataflowCompiler c, Node n, List<String> joined, List<String> vars) {
        int[] out = new int[vars.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = joined.indexOf(vars.get(i));
            if (out[i] < 0) {
                throw c.error(n, "unbound variable " + vars.get(i) + " (the rows of this batch block have " + joined + ")");
            }
        }
        return out;
    }
}
