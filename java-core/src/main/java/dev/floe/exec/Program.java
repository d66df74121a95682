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
        for (Instr in : boundaries()) {
            java.util.List<String> vars = new java.util.ArrayList<>();
            for (int s : ((Boundary) in).live()) {
                vars.add(slotName(s));
            }
            out.add(java.util.Map.entry(in.step().toString(), vars));
        }
        return out;
    }

    private java.util.List<Instr> boundaries;
    private java.util.List<Instr> batches;
    private java.util.Map<Instr, Integer> index;

    /** Walks the program once (breadth-first from the entry) and numbers its boundaries and batch blocks. */
    private synchronized void walk() {
        if (index != null) {
            return;
        }
        java.util.List<Instr> bounds = new java.util.ArrayList<>();
        java.util.List<Instr> blocks = new java.util.ArrayList<>();
        java.util.Set<Instr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Emitter> todo = new java.util.ArrayDeque<>();
        todo.add(entry);
        while (!todo.isEmpty()) {
            for (Instr in : todo.poll().targets()) {
                if (seen.add(in)) {
                    if (in instanceof Boundary) {
                        bounds.add(in);
                    }
                    if (in instanceof BatchInstr) {
                        blocks.add(in);
                    }
                    todo.addAll(in.successors());
                }
            }
        }
        java.util.Map<Instr, Integer> idx = new java.util.IdentityHashMap<>();
        for (int i = 0; i < bounds.size(); i++) {
            idx.put(bounds.get(i), i);
        }
        for (int i = 0; i < blocks.size(); i++) {
            idx.put(blocks.get(i), i);
        }
        boundaries = java.util.List.copyOf(bounds);
        batches = java.util.List.copyOf(blocks);
        index = idx;
    }

    /** Every async boundary (partitioner, async call, explodeMicrobatch), in a fixed order (breadth-first from the entry). */
    public java.util.List<Instr> boundaries() {
        walk();
        return boundaries;
    }

    /** Every batch block, in a fixed order (breadth-first from the entry). */
    public java.util.List<Instr> batches() {
        walk();
        return batches;
    }

    /**
     * The position of a boundary in {@link #boundaries()} or of a batch block in {@link #batches()}:
     * the same in every compilation of the same module, so a message can name where an event
     * continues on another task.
     */
    public int boundaryIndex(Instr boundaryOrBatch) {
        walk();
        Integer i = index.get(boundaryOrBatch);
        if (i == null) {
            throw new IllegalArgumentException(boundaryOrBatch.step() + " is not a boundary or batch block of this program");
        }
        return i;
    }

    /** The indexes (in {@link #batches()}) of the batch blocks inside the sources of the batch block at {@code batch}. */
    public java.util.Set<Integer> batchesInside(int batch) {
        walk();
        BatchInstr b = (BatchInstr) batches.get(batch);
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        java.util.Set<Instr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Emitter> todo = new java.util.ArrayDeque<>(b.sourceEntries());
        while (!todo.isEmpty()) {
            for (Instr in : todo.poll().targets()) {
                if (seen.add(in)) {
                    if (in instanceof BatchInstr && in != b) {
                        out.add(index.get(in));
                    }
                    todo.addAll(in.successors());
                }
            }
        }
        return out;
    }

    /** The name of a slot's variable, for messages. */
    public String slotName(int slot) {
        return slotNames.getOrDefault(slot, "#" + slot);
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
