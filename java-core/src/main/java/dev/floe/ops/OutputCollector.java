package dev.floe.ops;

/** How a {@link FloeOperation} emits. */
public interface OutputCollector {
    /** Emits values on the default stream: the code bound with {@code .out(...)} runs once, now. */
    void emit(Object... values);

    /** Emits values on a named stream, bound with {@code .outStream(stream, anchor, vars…)}. */
    void emitStream(String streamName, Object... values);
}
