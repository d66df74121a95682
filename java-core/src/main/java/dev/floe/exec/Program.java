package dev.floe.exec;

import java.util.Map;

/**
 * Compiled dataflow: the emitter an event enters at, how many slots its frames need, and the
 * slots of the variables bound before it starts (a source's record var, a query's inputs).
 */
public final class Program {
    private final Emitter entry;
    private final int frameSize;
    private final Map<String, Integer> inputSlots;

    public Program(Emitter entry, int frameSize, Map<String, Integer> inputSlots) {
        this.entry = entry;
        this.frameSize = frameSize;
        this.inputSlots = Map.copyOf(inputSlots);
    }

    /** A new frame for an event of this program. */
    public Frame newFrame(EventContext ctx) {
        return new Frame(frameSize, ctx);
    }

    /** The slot of an input variable. */
    public int inputSlot(String var) {
        Integer s = inputSlots.get(var);
        if (s == null) {
            throw new IllegalArgumentException("no input variable " + var);
        }
        return s;
    }

    /** Runs an event entering at the start. */
    public void run(Frame f) {
        entry.emit(f);
    }

    public int frameSize() {
        return frameSize;
    }
}
