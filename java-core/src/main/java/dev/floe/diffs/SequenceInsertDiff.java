package dev.floe.diffs;

import java.util.Objects;

/**
 * An element was inserted into a list before index {@link #getBeforeIndex()} (at the end when it
 * equals {@link #getOldSize()}), shifting the elements after it. Expands to a
 * {@link SequenceChangeDiff} from the index.
 */
public final class SequenceInsertDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceInsertDiff}s. */
    public interface Processor {
        void processSequenceInsertDiff(SequenceInsertDiff diff);
    }

    private final int beforeIndex;
    private final Object elem;
    private final int oldSize;

    public SequenceInsertDiff(int beforeIndex, Object elem, int oldSize) {
        if (beforeIndex < 0 || beforeIndex > oldSize) {
            throw new IllegalArgumentException("SequenceInsertDiff: index " + beforeIndex + " is not in [0, " + oldSize + "]");
        }
        this.beforeIndex = beforeIndex;
        this.elem = elem;
        this.oldSize = oldSize;
    }

    /** Where the element was inserted: its index in the new list. */
    public int getBeforeIndex() {
        return beforeIndex;
    }

    /** The inserted element. */
    public Object getElem() {
        return elem;
    }

    /** The list's size before the insert. */
    public int getOldSize() {
        return oldSize;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceInsertDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        new SequenceChangeDiff(beforeIndex, oldSize + 1, oldSize).process(p);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceInsertDiff)) {
            return false;
        }
        SequenceInsertDiff d = (SequenceInsertDiff) o;
        return beforeIndex == d.beforeIndex && oldSize == d.oldSize && Objects.equals(elem, d.elem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(53, beforeIndex, elem, oldSize);
    }

    @Override
    public String toString() {
        return "SequenceInsertDiff(" + beforeIndex + ", " + elem + ", oldSize " + oldSize + ")";
    }
}
