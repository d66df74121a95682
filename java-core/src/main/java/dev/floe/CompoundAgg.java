package dev.floe;

import dev.floe.builder.CompoundAggBuilder;
import dev.floe.ops.AggOrCompoundAgg;

/**
 * Aggregation templates: nested structures of aggregators, e.g.
 * {@code CompoundAgg.map("*user", CompoundAgg.map("*day", Agg.sum("*amount")))}. Keys may be vars;
 * missing locations are created.
 */
public interface CompoundAgg extends AggOrCompoundAgg {
    /** A map template: alternating keys and aggregators (or templates). */
    static CompoundAgg map(Object... keyAndAggs) {
        return CompoundAggBuilder.map(keyAndAggs);
    }

    /** A list of aggregations at one location. */
    static CompoundAgg list(AggOrCompoundAgg... aggs) {
        return CompoundAggBuilder.list(aggs);
    }
}
