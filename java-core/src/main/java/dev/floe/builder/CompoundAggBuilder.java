package dev.floe.builder;

import dev.floe.CompoundAgg;
import dev.floe.ir.AggOrCompound;
import dev.floe.ir.Compound;
import dev.floe.ops.AggOrCompoundAgg;

import java.util.ArrayList;
import java.util.List;

/** The immutable implementation of {@link CompoundAgg}: a {@link Compound} template. */
public final class CompoundAggBuilder implements CompoundAgg {
    private final Compound ir;

    private CompoundAggBuilder(Compound ir) {
        this.ir = ir;
    }

    /** A map template from alternating keys and aggregators. */
    public static CompoundAgg map(Object[] keyAndAggs) {
        if (keyAndAggs.length % 2 != 0) {
            throw new IllegalArgumentException("CompoundAgg.map takes alternating keys and aggregators, got "
                    + keyAndAggs.length + " arguments");
        }
        List<Compound.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keyAndAggs.length; i += 2) {
            entries.add(new Compound.Entry(ChainSupport.arg(keyAndAggs[i]), ChainSupport.aggOrCompound(keyAndAggs[i + 1])));
        }
        return new CompoundAggBuilder(new Compound.MapTemplate(entries));
    }

    /** A list template. */
    public static CompoundAgg list(AggOrCompoundAgg[] aggs) {
        List<AggOrCompound> items = new ArrayList<>();
        for (AggOrCompoundAgg a : aggs) {
            items.add(ChainSupport.aggOrCompound(a));
        }
        return new CompoundAggBuilder(new Compound.ListTemplate(items));
    }

    AggOrCompound toIR() {
        return ir;
    }

    @Override
    public String toString() {
        return ir.toString();
    }
}
