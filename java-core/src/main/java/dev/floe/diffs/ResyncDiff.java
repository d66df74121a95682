package dev.floe.diffs;

/** The value was read again from scratch (after a module update, a restart, or a proxy that fell behind): the new value replaces whatever the client held. Does not expand; cannot be applied. */
public final class ResyncDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link ResyncDiff}s. */
    public interface Processor {
        void processResyncDiff(ResyncDiff diff);
    }

    public ResyncDiff() {}

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processResyncDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResyncDiff;
    }

    @Override
    public int hashCode() {
        return 101;
    }

    @Override
    public String toString() {
        return "ResyncDiff";
    }
}
