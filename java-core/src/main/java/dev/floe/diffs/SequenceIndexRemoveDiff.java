package dev.floe.diffs;

/**
 * {@link #getAmt()} elements were removed from a list starting at {@link #getIndex()}, shifting
 * the elements after them. Expands to a {@link SequenceChangeDiff} from the index.
 */
public final class SequenceIndexRemoveDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceIndexRemoveDiff}s. */
    public interface Processor {
        void processSequenceIndexRemoveDiff(SequenceIndexRemoveDiff diff);
    }

    private final int index;
    private final int amt;
    private final int oldSize;

    public SequenceIndexRemoveDiff(int index, int amt, int oldSize) {
        if (index < 0 || amt < 1 || index + amt > oldSize) {
            throw new IllegalArgumentException("SequenceIndexRemoveDiff: " + amt + " elements from index " + index
                    + " do not fit a list of " + oldSize);
        }
        this.index = index;
        this.amt = amt;
        this.oldSize = oldSize;
    }

    /** The index of the first removed element. */
    public int getIndex() {
        return index;
    }

    /** How many elements were removed. */
    public int getAmt() {
        return amt;
    }

    /** The list's size before the removal. */
    public int getOldSize() {
        return oldSize;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceIndexRemoveDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        new SequenceChangeDiff(index, oldSize - amt, oldSize).process(p);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceIndexRemoveDiff)) {
            return false;
        }
        SequenceIndexRemoveDiff d = (SequenceIndexRemoveDiff) o;
        return index == d.index && amt == d.amt && oldSize == d.oldSize;
    }

    @Override
    public int hashCode() {
        return 71 + 31 * (31 * index + amt) + oldSize;
    }

    @Override
    public String toString() {
        return "SequenceIndexRemoveDiff(" + index + ", " + amt + ", oldSize " + oldSize + ")";
    }
}
