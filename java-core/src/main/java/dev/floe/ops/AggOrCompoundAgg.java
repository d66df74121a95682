package dev.floe.ops;

/** An aggregator ({@code Agg}) or an aggregation template ({@code CompoundAgg}). */
public interface AggOrCompoundAgg {}
