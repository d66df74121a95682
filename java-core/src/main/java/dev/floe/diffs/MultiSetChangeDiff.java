package dev.floe.diffs;

import java.util.Objects;

/**
 * What {@link MultiSetAddDiff} and {@link MultiSetRemoveDiff} share: an element of a multi-set (a
 * map from element to count) whose count went from {@link #getOldCount()} to {@link #getNewCount()}.
 */
public abstract class MultiSetChangeDiff extends Diff {
    private static final long serialVersionUID = 1L;

    private final Object elem;
    private final int newCount;
    private final int oldCount;

    MultiSetChangeDiff(Object elem, int newCount, int oldCount) {
        if (newCount < 0 || oldCount < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " of " + elem + ": negative count ("
                    + oldCount + " -> " + newCount + ")");
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
    public final boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        MultiSetChangeDiff d = (MultiSetChangeDiff) o;
        return Objects.equals(elem, d.elem) && newCount == d.newCount && oldCount == d.oldCount;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass().getSimpleName(), elem, newCount, oldCount);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(" + elem + ", " + oldCount + " -> " + newCount + ")";
    }
}
