package dev.floe.ops;

/**
 * A custom accumulator of 8 arguments: an order-dependent aggregator. Aggregation
 * starts from {@link #initVal()} and folds every row in with {@link #accumulate}.
 *
 * @param <V> type of the aggregated value
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <T4> type of argument 4
 * @param <T5> type of argument 5
 * @param <T6> type of argument 6
 * @param <T7> type of argument 7
 */
public interface FloeAccumulatorAgg8<V, T0, T1, T2, T3, T4, T5, T6, T7> extends FloeAccumulatorAgg {
    /** The new aggregated value after one row. */
    V accumulate(V currVal, T0 arg0, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7);

    /** The aggregated value before any row. */
    V initVal();
}
