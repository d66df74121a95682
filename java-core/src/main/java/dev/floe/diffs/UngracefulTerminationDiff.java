package dev.floe.diffs;

/** The last diff of a proxy that ended without being closed (its server went away, or it fell too far behind). Does not expand; cannot be applied. */
public final class UngracefulTerminationDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link UngracefulTerminationDiff}s. */
    public interface Processor {
        void processUngracefulTerminationDiff(UngracefulTerminationDiff diff);
    }

    public UngracefulTerminationDiff() {}

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processUngracefulTerminationDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UngracefulTerminationDiff;
    }

    @Override
    public int hashCode() {
        return 107;
    }

    @Override
    public String toString() {
        return "UngracefulTerminationDiff";
    }
}
