package dev.floe.ops;

/**
 * An operation of 4 arguments: emits zero or more times, on the default stream
 * or on named streams, through the {@link OutputCollector}.
 *
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 */
@FunctionalInterface
public interface FloeOperation4<T0, T1, T2, T3> extends FloeOperation {
    /** Runs the operation; every {@code collector.emit} runs the downstream code once, synchronously. */
    void invoke(T0 arg0, T1 arg1, T2 arg2, T3 arg3, OutputCollector collector);
}
