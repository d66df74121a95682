package dev.floe.diffs;

import java.util.Objects;

/**
 * An element removed from a multi-set (a map from element to count): its count went from
 * {@link #getOldCount()} to {@link #getNewCount()}. Expands to a {@link SetRemoveDiff} when the element is no longer in the multi-set;
 * otherwise it does not expand.
 */
public final class MultiSetRemoveDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link MultiSetRemoveDiff}s. */
    public interface Processor {
        void processMultiSetRemoveDiff(MultiSetRemoveDiff diff);
    }

    private final Object elem;
    private final int newCount;
    private final int oldCount;

    public MultiSetRemoveDiff(Object elem, int newCount, int oldCount) {
        if (newCount < 0 || oldCount < 0) {
            throw new IllegalArgumentException("MultiSetRemoveDiff of " + elem + ": negative count (" + oldCount + " -> " + newCount + ")");
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
            ((Processor) p).processMultiSetRemoveDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        if (newCount == 0) {
            new SetRemoveDiff(elem).process(p);
        } else {
            p.unhandled();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiSetRemoveDiff && Objects.equals(elem, ((MultiSetRemoveDiff) o).elem)
                && newCount == ((MultiSetRemoveDiff) o).newCount && oldCount == ((MultiSetRemoveDiff) o).oldCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(47, elem, newCount, oldCount);
    }

    @Override
    public String toString() {
        return "MultiSetRemoveDiff(" + elem + ", " + oldCount + " -> " + newCount + ")";
    }
}
