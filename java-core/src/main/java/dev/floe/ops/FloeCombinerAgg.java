package dev.floe.ops;

import dev.floe.FloeSerializable;

/**
 * A custom combiner: an associative (and commutative) aggregator with an identity. When every
 * aggregator of a batch block is a combiner, Floe aggregates in two phases: partial aggregates on
 * each task, then one combine per group where the rows meet.
 *
 * @param <T> type of the aggregated value
 */
public interface FloeCombinerAgg<T> extends FloeSerializable {
    /** Combines the current value with a new one; must be associative. */
    T combine(T curr, T arg);

    /** The identity of {@link #combine}. */
    T zeroVal();
}
