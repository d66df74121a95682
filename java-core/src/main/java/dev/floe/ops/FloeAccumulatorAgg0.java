package dev.floe.ops;

/**
 * A custom accumulator of 0 arguments: an order-dependent aggregator. Aggregation
 * starts from {@link #initVal()} and folds every row in with {@link #accumulate}.
 *
 * @param <V> type of the aggregated value
 */
public interface FloeAccumulatorAgg0<V> extends FloeAccumulatorAgg {
    /** The new aggregated value after one row. */
    V accumulate(V currVal);

    /** The aggregated value before any row. */
    V initVal();
}
