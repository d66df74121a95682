package dev.floe.diffs;

/** The element at an index of a list changed, as {@link #getValDiff()} says. Expands to a {@link KeyDiff} of the (Integer) index. */
public final class SequenceIndexChangeDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceIndexChangeDiff}s. */
    public interface Processor {
        void processSequenceIndexChangeDiff(SequenceIndexChangeDiff diff);
    }

    private final int index;
    private final Diff valDiff;

    public SequenceIndexChangeDiff(int index, Diff valDiff) {
        if (index < 0 || valDiff == null) {
            throw new IllegalArgumentException("SequenceIndexChangeDiff: index " + index + ", diff " + valDiff);
        }
        this.index = index;
        this.valDiff = valDiff;
    }

    /** The index of the changed element. */
    public int getIndex() {
        return index;
    }

    /** How the element changed. */
    public Diff getValDiff() {
        return valDiff;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceIndexChangeDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        new KeyDiff(index, valDiff).process(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceIndexChangeDiff && index == ((SequenceIndexChangeDiff) o).index
                && valDiff.equals(((SequenceIndexChangeDiff) o).valDiff);
    }

    @Override
    public int hashCode() {
        return 61 + 31 * index + valDiff.hashCode();
    }

    @Override
    public String toString() {
        return "SequenceIndexChangeDiff(" + index + ", " + valDiff + ")";
    }
}
