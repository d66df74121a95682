package dev.floe.ops;

/**
 * A function of 8 arguments returning one result.
 *
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <T4> type of argument 4
 * @param <T5> type of argument 5
 * @param <T6> type of argument 6
 * @param <T7> type of argument 7
 * @param <R> type of the result
 */
@FunctionalInterface
public interface FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> extends FloeFunction {
    /** Computes the result. */
    R invoke(T0 arg0, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7);
}
