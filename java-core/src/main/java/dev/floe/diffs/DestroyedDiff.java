package dev.floe.diffs;

/** The last diff of a proxy, after it was closed. Does not expand; cannot be applied. */
public final class DestroyedDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link DestroyedDiff}s. */
    public interface Processor {
        void processDestroyedDiff(DestroyedDiff diff);
    }

    public DestroyedDiff() {}

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processDestroyedDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DestroyedDiff;
    }

    @Override
    public int hashCode() {
        return 103;
    }

    @Override
    public String toString() {
        return "DestroyedDiff";
    }
}
