package dev.floe.ops;

/**
 * An operation of 8 arguments: emits zero or more times, on the default stream
 * or on named streams, through the {@link OutputCollector}.
 *
 * @param <T0> type of argument 0
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <T4> type of argument 4
 * @param <T5> type of argument 5
 * @param <T6> type of argument 6
 * @param <T7> type of argument 7
 */
@FunctionalInterface
public interface FloeOperation8<T0, T1, T2, T3, T4, T5, T6, T7> extends FloeOperation {
    /** Runs the operation; every {@code collector.emit} runs the downstream code once, synchronously. */
    void invoke(T0 arg0, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, OutputCollector collector);
}
