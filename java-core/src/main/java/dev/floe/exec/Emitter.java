package dev.floe.exec;

import java.util.Arrays;

/**
 * An attach point: the instructions that run, in order, for every emit reaching it. Anchors,
 * hooks and branches add more than one target; the earlier-attached target runs first.
 */
public final class Emitter {
    private static final Instr[] NONE = new Instr[0];
    private Instr[] targets = NONE;

    /** Attaches an instruction (compile time only). */
    public void attach(Instr target) {
        targets = Arrays.copyOf(targets, targets.length + 1);
        targets[targets.length - 1] = target;
    }

    /** The attached instructions (compile-time analysis). */
    public Instr[] targets() {
        return targets.clone();
    }

    /** The one attached instruction, or null when none or several are (run-time checks, no copy). */
    public Instr onlyTarget() {
        return targets.length == 1 ? targets[0] : null;
    }

    /** True when nothing is attached. */
    public boolean isEmpty() {
        return targets.length == 0;
    }

    /** Runs every attached instruction for this emit. */
    public void emit(Frame f) {
        Instr[] t = targets;
        for (int i = 0; i < t.length; i++) {
            Instr in = t[i];
            if (Tracing.on) {
                Tracing.step(in, f);
            }
            try {
                in.run(f);
            } catch (DataflowException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                throw DataflowException.wrap(in.step, e);
            }
        }
    }
}
