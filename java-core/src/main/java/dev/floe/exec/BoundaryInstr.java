package dev.floe.exec;

/** An instruction that is an async boundary, with the live slots the compiler records for it. */
public abstract class BoundaryInstr extends Instr implements Boundary {
    private int[] live = new int[0];

    protected BoundaryInstr(StepInfo step) {
        super(step);
    }

    @Override
    public int[] live() {
        return live.clone();
    }

    @Override
    public void setLive(int[] slots) {
        live = slots.clone();
    }

    /** Continues past the boundary in this frame (on the task the frame belongs to, after a hop). */
    public void continueIn(Frame f) {
        next.emit(f);
    }

    /** Continues past an async call with its result (calls only; others continue with {@link #continueIn}). */
    public void resume(Frame f, Object value) {
        throw new UnsupportedOperationException(step() + " does not resume with a value");
    }
}
