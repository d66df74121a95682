package dev.floe.ops;

/**
 * An operation of 0 arguments: emits zero or more times, on the default stream
 * or on named streams, through the {@link OutputCollector}.

 */
@FunctionalInterface
public interface FloeOperation0 extends FloeOperation {
    /** Runs the operation; every {@code collector.emit} runs the downstream code once, synchronously. */
    void invoke(OutputCollector collector);
}
