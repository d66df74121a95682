package dev.floe.diffs;

/** The value changed in a way that cannot be described: processors read the new value whole. Does not expand; cannot be applied. */
public final class UnknownDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link UnknownDiff}s. */
    public interface Processor {
        void processUnknownDiff(UnknownDiff diff);
    }

    public UnknownDiff() {}

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processUnknownDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownDiff;
    }

    @Override
    public int hashCode() {
        return 97;
    }

    @Override
    public String toString() {
        return "UnknownDiff";
    }
}
