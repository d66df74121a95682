package dev.floe.diffs;

/**
 * An element removed from a multi-set (a map from element to count): its count went from
 * {@link #getOldCount()} to {@link #getNewCount()}. Expands to a {@link SetRemoveDiff} when the
 * element is no longer in the multi-set; otherwise it does not expand.
 */
public final class MultiSetRemoveDiff extends MultiSetChangeDiff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link MultiSetRemoveDiff}s. */
    public interface Processor {
        void processMultiSetRemoveDiff(MultiSetRemoveDiff diff);
    }

    public MultiSetRemoveDiff(Object elem, int newCount, int oldCount) {
        super(elem, newCount, oldCount);
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processMultiSetRemoveDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        if (getNewCount() == 0) {
            new SetRemoveDiff(getElem()).process(p);
        } else {
            p.unhandled();
        }
    }
}
