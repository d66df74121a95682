package dev.floe.ops;

/**
 * A function of 2 arguments returning one result.
 *
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <R> type of the result
 */
@FunctionalInterface
public interface FloeFunction2<T0, T1, R> extends FloeFunction {
    /** Computes the result. */
    R invoke(T0 arg0, T1 arg1);
}
