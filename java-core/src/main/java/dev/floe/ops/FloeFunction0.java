package dev.floe.ops;

/**
 * A function of 0 arguments returning one result.
 *
 * @param <R> type of the result
 */
@FunctionalInterface
public interface FloeFunction0<R> extends FloeFunction {
    /** Computes the result. */
    R invoke();
}
