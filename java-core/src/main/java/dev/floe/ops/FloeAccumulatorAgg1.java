package dev.floe.ops;

/**
 * A custom accumulator of 1 argument: an order-dependent aggregator. Aggregation
 * starts from {@link #initVal()} and folds every row in with {@link #accumulate}.
 *
 * @param <V> type of the aggregated value
 * @param <T0> type of argument 0
 */
public interface FloeAccumulatorAgg1<V, T0> extends FloeAccumulatorAgg {
    /** The new aggregated value after one row. */
    V accumulate(V currVal, T0 arg0);

    /** The aggregated value before any row. */
    V initVal();
}
