package dev.floe.builder;

import dev.floe.ir.Node;
import dev.floe.ir.Origin;
import dev.floe.ops.LimitAgg;

import java.util.List;

/** The immutable implementation of {@link LimitAgg}. */
public final class LimitAggBuilder implements LimitAgg.Impl {
    private final Object amount;
    private final List<String> vars;
    private final List<String> sort;
    private final boolean reverse;
    private final String indexVar;

    public LimitAggBuilder(Object amount, String[] vars) {
        this(amount, List.of(vars), List.of(), false, null);
    }

    private LimitAggBuilder(Object amount, List<String> vars, List<String> sort, boolean reverse, String indexVar) {
        this.amount = amount;
        this.vars = vars;
        this.sort = sort;
        this.reverse = reverse;
        this.indexVar = indexVar;
    }

    @Override
    public LimitAgg.Impl sort(String... sortVars) {
        return new LimitAggBuilder(amount, vars, List.of(sortVars), reverse, indexVar);
    }

    @Override
    public LimitAgg.Impl reverse() {
        return new LimitAggBuilder(amount, vars, sort, !reverse, indexVar);
    }

    @Override
    public LimitAgg.Impl indexVar(String var) {
        return new LimitAggBuilder(amount, vars, sort, reverse, var);
    }

    Node toNode(Origin origin) {
        return new Node.LimitAgg(ChainSupport.arg(amount), vars, sort, reverse, indexVar, origin);
    }
}
