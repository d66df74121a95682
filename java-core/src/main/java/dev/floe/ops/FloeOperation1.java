package dev.floe.ops;

/**
 * An operation of 1 argument: emits zero or more times, on the default stream
 * or on named streams, through the {@link OutputCollector}.
 *
 * @param <T0> type of argument 0
 */
@FunctionalInterface
public interface FloeOperation1<T0> extends FloeOperation {
    /** Runs the operation; every {@code collector.emit} runs the downstream code once, synchronously. */
    void invoke(T0 arg0, OutputCollector collector);
}
