package dev.floe.diffs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several elements were inserted into a list before index {@link #getBeforeIndex()}, in order.
 * Expands to one {@link SequenceInsertDiff} per element (at consecutive indices) when the
 * processor handles those, else to one {@link SequenceChangeDiff} from the index.
 */
public final class SequenceInsertsDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceInsertsDiff}s. */
    public interface Processor {
        void processSequenceInsertsDiff(SequenceInsertsDiff diff);
    }

    private final int beforeIndex;
    private final List<Object> elems;
    private final int oldSize;

    /** @param elems the inserted elements, in order (copied; may hold nulls) */
    public SequenceInsertsDiff(int beforeIndex, List<?> elems, int oldSize) {
        if (beforeIndex < 0 || beforeIndex > oldSize) {
            throw new IllegalArgumentException("SequenceInsertsDiff: index " + beforeIndex + " is not in [0, " + oldSize + "]");
        }
        this.beforeIndex = beforeIndex;
        this.elems = Collections.unmodifiableList(new ArrayList<>(elems));
        this.oldSize = oldSize;
    }

    /** Where the first element was inserted: its index in the new list. */
    public int getBeforeIndex() {
        return beforeIndex;
    }

    /** The inserted elements, in order. */
    public List<Object> getElems() {
        return elems;
    }

    /** The list's size before the inserts. */
    public int getOldSize() {
        return oldSize;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceInsertsDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        if (p instanceof SequenceInsertDiff.Processor) {
            for (int i = 0; i < elems.size(); i++) {
                new SequenceInsertDiff(beforeIndex + i, elems.get(i), oldSize + i).process(p);
            }
        } else if (!elems.isEmpty()) {
            new SequenceChangeDiff(beforeIndex, oldSize + elems.size(), oldSize).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceInsertsDiff)) {
            return false;
        }
        SequenceInsertsDiff d = (SequenceInsertsDiff) o;
        return beforeIndex == d.beforeIndex && oldSize == d.oldSize && elems.equals(d.elems);
    }

    @Override
    public int hashCode() {
        return 59 + 31 * (31 * beforeIndex + oldSize) + elems.hashCode();
    }

    @Override
    public String toString() {
        return "SequenceInsertsDiff(" + beforeIndex + ", " + elems + ", oldSize " + oldSize + ")";
    }
}
