package dev.floe.diffs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Several diffs that happened one after the other; each applies to the value the previous one left. Expands to them, in order. */
public final class MultiDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link MultiDiff}s. */
    public interface Processor {
        void processMultiDiff(MultiDiff diff);
    }

    private final List<Diff> diffs;

    /** @param diffs in the order they happened (copied) */
    public MultiDiff(List<? extends Diff> diffs) {
        List<Diff> l = new ArrayList<>(diffs);
        if (l.contains(null)) {
            throw new IllegalArgumentException("MultiDiff: a null diff in " + l);
        }
        this.diffs = Collections.unmodifiableList(l);
    }

    /** The diffs, in the order they happened. */
    public List<Diff> getDiffs() {
        return diffs;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processMultiDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        for (Diff d : diffs) {
            d.process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDiff && diffs.equals(((MultiDiff) o).diffs);
    }

    @Override
    public int hashCode() {
        return 89 + diffs.hashCode();
    }

    @Override
    public String toString() {
        return "MultiDiff" + diffs;
    }
}
