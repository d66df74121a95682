package dev.floe.diffs;

import java.util.Objects;

/**
 * An element added to a multi-set (a map from element to count): its count went from
 * {@link #getOldCount()} to {@link #getNewCount()}. Expands to a {@link SetAddDiff} when the element was not in the multi-set before;
 * otherwise it does not expand.
 */
public final class MultiSetAddDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link MultiSetAddDiff}s. */
    public interface Processor {
        void processMultiSetAddDiff(MultiSetAddDiff diff);
    }

    private final Object elem;
    private final int newCount;
    private final int oldCount;

    public MultiSetAddDiff(Object elem, int newCount, int oldCount) {
        if (newCount < 0 || oldCount < 0) {
            throw new IllegalArgumentException("MultiSetAddDiff of " + elem + ": negative count (" + oldCount + " -> " + newCount + ")");
        }
        this.elem = elem;
        this.newCount = newCount;
        this.oldCount = oldCount;
    }

    /** The element. */
    public Object getElem() {
        return elem;
    }

    /** Its count after the change. */
    public int getNewCount() {
        return newCount;
    }

    /** Its count before the change. */
    public int getOldCount() {
        return oldCount;
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
        if (oldCount == 0) {
            new SetAddDiff(elem).process(p);
        } else {
            p.unhandled();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiSetAddDiff && Objects.equals(elem, ((MultiSetAddDiff) o).elem)
                && newCount == ((MultiSetAddDiff) o).newCount && oldCount == ((MultiSetAddDiff) o).oldCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(43, elem, newCount, oldCount);
    }

    @Override
    public String toString() {
        return "MultiSetAddDiff(" + elem + ", " + oldCount + " -> " + newCount + ")";
    }
}
