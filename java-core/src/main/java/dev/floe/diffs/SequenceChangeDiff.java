package dev.floe.diffs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every element of a list from {@link #getFromIndex()} on may have changed, in a way the diff
 * does not carry; the size went from {@link #getOldSize()} to {@link #getNewSize()}. What the
 * sequence diffs that shift elements expand to. Expands to: a {@link KeysRemoveDiff} of the
 * indices past the new size (descending) when the list shrank; a {@link KeysDiff} mapping each
 * index from {@code fromIndex} below both sizes to an {@link UnknownDiff}; one {@link AppendDiff}
 * per index past the old size when the list grew. Carries no values, so it cannot be applied.
 */
public final class SequenceChangeDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceChangeDiff}s. */
    public interface Processor {
        void processSequenceChangeDiff(SequenceChangeDiff diff);
    }

    private final int fromIndex;
    private final int newSize;
    private final int oldSize;

    public SequenceChangeDiff(int fromIndex, int newSize, int oldSize) {
        if (fromIndex < 0 || newSize < 0 || oldSize < 0 || fromIndex > Math.max(newSize, oldSize)) {
            throw new IllegalArgumentException("SequenceChangeDiff: from " + fromIndex + ", size " + oldSize + " -> " + newSize);
        }
        this.fromIndex = fromIndex;
        this.newSize = newSize;
        this.oldSize = oldSize;
    }

    /** The first index that may have changed. */
    public int getFromIndex() {
        return fromIndex;
    }

    /** The list's size after the change. */
    public int getNewSize() {
        return newSize;
    }

    /** The list's size before the change. */
    public int getOldSize() {
        return oldSize;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceChangeDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        if (newSize < oldSize) {
            List<Object> removed = new ArrayList<>();
            for (int i = oldSize - 1; i >= newSize; i--) {
                removed.add(i);
            }
            new KeysRemoveDiff(removed).process(p);
        }
        int common = Math.min(newSize, oldSize);
        if (fromIndex < common) {
            Map<Object, Diff> changed = new LinkedHashMap<>();
            for (int i = fromIndex; i < common; i++) {
                changed.put(i, new UnknownDiff());
            }
            new KeysDiff(changed).process(p);
        }
        for (int i = oldSize; i < newSize; i++) {
            new AppendDiff(i).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceChangeDiff)) {
            return false;
        }
        SequenceChangeDiff d = (SequenceChangeDiff) o;
        return fromIndex == d.fromIndex && newSize == d.newSize && oldSize == d.oldSize;
    }

    @Override
    public int hashCode() {
        return 79 + 31 * (31 * fromIndex + newSize) + oldSize;
    }

    @Override
    public String toString() {
        return "SequenceChangeDiff(from " + fromIndex + ", size " + oldSize + " -> " + newSize + ")";
    }
}
