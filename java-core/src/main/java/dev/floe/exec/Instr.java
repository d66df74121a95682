package dev.floe.exec;

/**
 * One compiled step. {@link #run} does the step's work for the event in the frame and calls
 * {@code next.emit(frame)} once per value it emits, depth-first: everything downstream of one
 * emit finishes before the next emit.
 */
public abstract class Instr {
    /** Where this step's default-stream emits go. */
    public final Emitter next = new Emitter();

    /** The step, for error messages. */
    final StepInfo step;

    protected Instr(StepInfo step) {
        this.step = step;
    }

    /** Runs the step. */
    public abstract void run(Frame f);

    /** Adds the slots this step reads to {@code out} (liveness analysis). */
    public void reads(java.util.BitSet out) {
        // no reads by default
    }

    /** Adds the slots this step writes to {@code out} (liveness analysis). */
    public void writes(java.util.BitSet out) {
        // no writes by default
    }

    /** Every emitter this step can emit to. */
    public java.util.List<Emitter> successors() {
        return java.util.List.of(next);
    }

    static void addAll(java.util.BitSet out, int[] slots) {
        if (slots != null) {
            for (int s : slots) {
                if (s >= 0) {
                    out.set(s);
                }
            }
        }
    }

    /** The step this instruction runs. */
    public StepInfo step() {
        return step;
    }
}
