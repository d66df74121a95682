package dev.floe.diffs;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The elements at several indices of a list changed. Expands to one {@link SequenceIndexChangeDiff} per index, ascending. */
public final class SequenceIndexChangesDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SequenceIndexChangesDiff}s. */
    public interface Processor {
        void processSequenceIndexChangesDiff(SequenceIndexChangesDiff diff);
    }

    private final Map<Integer, Diff> indexToDiff;

    /** @param indexToDiff each changed index and how its element changed (copied) */
    public SequenceIndexChangesDiff(Map<Integer, ? extends Diff> indexToDiff) {
        TreeMap<Integer, Diff> m = new TreeMap<>(indexToDiff);
        for (Map.Entry<Integer, Diff> e : m.entrySet()) {
            if (e.getKey() < 0 || e.getValue() == null) {
                throw new IllegalArgumentException("SequenceIndexChangesDiff: index " + e.getKey() + ", diff " + e.getValue());
            }
        }
        this.indexToDiff = Collections.unmodifiableMap(m);
    }

    /** Each changed index and how its element changed, ascending. */
    public Map<Integer, Diff> getIndexToDiff() {
        return indexToDiff;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processSequenceIndexChangesDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        for (Map.Entry<Integer, Diff> e : indexToDiff.entrySet()) {
            new SequenceIndexChangeDiff(e.getKey(), e.getValue()).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceIndexChangesDiff && indexToDiff.equals(((SequenceIndexChangesDiff) o).indexToDiff);
    }

    @Override
    public int hashCode() {
        return 67 + indexToDiff.hashCode();
    }

    @Override
    public String toString() {
        return "SequenceIndexChangesDiff(" + indexToDiff + ")";
    }
}
