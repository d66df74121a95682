package dev.floe.diffs;

import java.util.Objects;

/** A key was removed (from a map; or an index from a list, in a {@link SequenceChangeDiff}'s expansion). Does not expand. */
public final class KeyRemoveDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link KeyRemoveDiff}s. */
    public interface Processor {
        void processKeyRemoveDiff(KeyRemoveDiff diff);
    }

    private final Object key;

    public KeyRemoveDiff(Object key) {
        this.key = key;
    }

    /** The removed key. */
    public Object getKey() {
        return key;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processKeyRemoveDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRemoveDiff && Objects.equals(key, ((KeyRemoveDiff) o).key);
    }

    @Override
    public int hashCode() {
        return 17 + Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return "KeyRemoveDiff(" + key + ")";
    }
}
