package dev.floe.ops;

/**
 * A custom accumulator of 2 arguments: an order-dependent aggregator. Aggregation
 * starts from {@link #initVal()} and folds every row in with {@link #accumulate}.
 *
 * @param <V> type of the aggregated value
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 */
public interface FloeAccumulatorAgg2<V, T0, T1> extends FloeAccumulatorAgg {
    /** The new aggregated value after one row. */
    V accumulate(V currVal, T0 arg0, T1 arg1);

    /** The aggregated value before any row. */
    V initVal();
}
