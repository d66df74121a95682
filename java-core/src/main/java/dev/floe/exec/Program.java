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
    private final Map<Integer, String> slotNames;

    public Program(Emitter entry, int frameSize, Map<String, Integer> inputSlots, Map<Integer, String> slotNames) {
        this.entry = entry;
        this.frameSize = frameSize;
        this.inputSlots = Map.copyOf(inputSlots);
        this.slotNames = Map.copyOf(slotNames);
    }

    /** The entry point. */
    public Emitter entry() {
        return entry;
    }

    /**
     * For every async boundary (partitioner, async call), in the order reached, its step and the
     * variables that travel with the event past it.
     */
    public java.util.List<java.util.Map.Entry<String, java.util.List<String>>> liveVarsAtBoundaries() {
        java.util.List<java.util.Map.Entry<String, java.util.List<String>>> out = new java.util.ArrayList<>();
        java.util.Set<Instr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Emitter> todo = new java.util.ArrayDeque<>();
        todo.add(entry);
        while (!todo.isEmpty()) {
            for (Instr in : todo.poll().targets()) {
                if (seen.add(in)) {
                    if (in instanceof Boundary) {
                        java.util.List<String> vars = new java.util.ArrayList<>();
                        for (int s : ((Boundary) in).live()) {
                            vars.add(slotNames.getOrDefault(s, "#" + s));
                        }
                        out.add(java.util.Map.entry(in.step().toString(), vars));
                    }
                    todo.addAll(in.successors());
                }
            }
        }
        return out;
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
