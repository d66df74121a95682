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
}
