package dev.floe.diffs;

/**
 * The element at {@link #getFromIndex()} moved to {@link #getToIndex()}, shifting the elements in
 * between; the size stays {@link #getSequenceSize()}. Expands to a {@link SequenceChangeDiff} from
 * the lower of the two indices.
 */
public final class SequenceReorderDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceReorderDiff}s. */
    public interface Processor {
        void processSequenceReorderDiff(SequenceReorderDiff diff);
    }

    private final int fromIndex;
    private final int toIndex;
    private final int sequenceSize;

    public SequenceReorderDiff(int fromIndex, int toIndex, int sequenceSize) {
        if (fromIndex < 0 || toIndex < 0 || fromIndex >= sequenceSize || toIndex >= sequenceSize) {
            throw new IllegalArgumentException("SequenceReorderDiff: " + fromIndex + " -> " + toIndex
                    + " does not fit a list of " + sequenceSize);
        }
        this.fromIndex = fromIndex;
        this.toIndex = toIndex;
        this.sequenceSize = sequenceSize;
    }

    /** The element's index before the move. */
    public int getFromIndex() {
        return fromIndex;
    }

    /** The element's index after the move. */
    public int getToIndex() {
        return toIndex;
    }

    /** The list's size. */
    public int getSequenceSize() {
        return sequenceSize;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceReorderDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        new SequenceChangeDiff(Math.min(fromIndex, toIndex), sequenceSize, sequenceSize).process(p);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceReorderDiff)) {
            return false;
        }
        SequenceReorderDiff d = (SequenceReorderDiff) o;
        return fromIndex == d.fromIndex && toIndex == d.toIndex && sequenceSize == d.sequenceSize;
    }

    @Override
    public int hashCode() {
        return 73 + 31 * (31 * fromIndex + toIndex) + sequenceSize;
    }

    @Override
    public String toString() {
        return "SequenceReorderDiff(" + fromIndex + " -> " + toIndex + ", size " + sequenceSize + ")";
    }
}
