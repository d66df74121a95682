package dev.floe.diffs;

/**
 * An element added to a multi-set (a map from element to count): its count went from
 * {@link #getOldCount()} to {@link #getNewCount()}. Expands to a {@link SetAddDiff} when the
 * element was not in the multi-set before; otherwise it does not expand.
 */
public final class MultiSetAddDiff extends MultiSetChangeDiff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link MultiSetAddDiff}s. */
    public interface Processor {
        void processMultiSetAddDiff(MultiSetAddDiff diff);
    }

    public MultiSetAddDiff(Object elem, int newCount, int oldCount) {
        super(elem, newCount, oldCount);
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processMultiSetAddDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        if (getOldCount() == 0) {
            new SetAddDiff(getElem()).process(p);
        } else {
            p.unhandled();
        }
    }
}
