package dev.floe.ops;

/**
 * A function of 4 arguments returning one result.
 *
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <R> type of the result
 */
@FunctionalInterface
public interface FloeFunction4<T0, T1, T2, T3, R> extends FloeFunction {
    /** Computes the result. */
    R invoke(T0 arg0, T1 arg1, T2 arg2, T3 arg3);
}
