package dev.floe.ir;

import java.io.Serializable;

/** An aggregation: a single aggregator ({@link AggSpec}) or a nested template ({@link Compound}). */
public sealed interface AggOrCompound extends Serializable permits AggSpec, Compound {}
