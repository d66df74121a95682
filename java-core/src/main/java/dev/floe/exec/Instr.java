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

    /** The step this instruction runs. */
    public StepInfo step() {
        return step;
    }
}
