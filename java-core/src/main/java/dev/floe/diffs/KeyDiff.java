package dev.floe.diffs;

import java.util.Objects;

/**
 * The value under a key changed; {@link #getValDiff()} says how (a {@link NewValueDiff} when it
 * was replaced or the key is new, a nested diff when part of it changed). Also what a
 * {@link SequenceIndexChangeDiff} expands to (the key is then the Integer index). Does not expand.
 */
public final class KeyDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link KeyDiff}s. */
    public interface Processor {
        void processKeyDiff(KeyDiff diff);
    }

    private final Object key;
    private final Diff valDiff;

    public KeyDiff(Object key, Diff valDiff) {
        if (valDiff == null) {
            throw new IllegalArgumentException("KeyDiff of key " + key + ": the value's diff is null");
        }
        this.key = key;
        this.valDiff = valDiff;
    }

    /** The key whose value changed. */
    public Object getKey() {
        return key;
    }

    /** How the value under the key changed. */
    public Diff getValDiff() {
        return valDiff;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processKeyDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDiff && Objects.equals(key, ((KeyDiff) o).key) && valDiff.equals(((KeyDiff) o).valDiff);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + valDiff.hashCode();
    }

    @Override
    public String toString() {
        return "KeyDiff(" + key + ", " + valDiff + ")";
    }
}
