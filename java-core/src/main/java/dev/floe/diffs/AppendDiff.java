package dev.floe.diffs;

/**
 * An element the diff does not carry was appended to a list at {@link #getIndex()} (the size
 * before the append): part of a {@link SequenceChangeDiff}'s expansion. Does not expand; cannot
 * be applied.
 */
public final class AppendDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link AppendDiff}s. */
    public interface Processor {
        void processAppendDiff(AppendDiff diff);
    }

    private final int index;

    public AppendDiff(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("AppendDiff: index " + index);
        }
        this.index = index;
    }

    /** The index of the appended element: the list's size before the append. */
    public int getIndex() {
        return index;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processAppendDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppendDiff && index == ((AppendDiff) o).index;
    }

    @Override
    public int hashCode() {
        return 83 + index;
    }

    @Override
    public String toString() {
        return "AppendDiff(" + index + ")";
    }
}
