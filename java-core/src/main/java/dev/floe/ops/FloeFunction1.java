package dev.floe.ops;

/**
 * A function of 1 argument returning one result.
 *
 * @param <T0> type of argument 0
 * @param <R> type of the result
 */
@FunctionalInterface
public interface FloeFunction1<T0, R> extends FloeFunction {
    /** Computes the result. */
    R invoke(T0 arg0);
}
