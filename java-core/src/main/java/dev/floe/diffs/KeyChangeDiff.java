package dev.floe.diffs;

import java.util.Objects;

/**
 * A map key was renamed: the value under {@code fromKey} now sits under {@code toKey} (a
 * transform of the map's keys). Expands to a {@link KeyRemoveDiff} of the old key and a
 * {@link KeyDiff} of the new key whose value diff is an {@link UnknownDiff} (the diff does not
 * carry the value).
 */
public final class KeyChangeDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link KeyChangeDiff}s. */
    public interface Processor {
        void processKeyChangeDiff(KeyChangeDiff diff);
    }

    private final Object fromKey;
    private final Object toKey;

    public KeyChangeDiff(Object fromKey, Object toKey) {
        this.fromKey = fromKey;
        this.toKey = toKey;
    }

    /** The key before. */
    public Object getFromKey() {
        return fromKey;
    }

    /** The key after. */
    public Object getToKey() {
        return toKey;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processKeyChangeDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        new KeyRemoveDiff(fromKey).process(p);
        new KeyDiff(toKey, new UnknownDiff()).process(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyChangeDiff && Objects.equals(fromKey, ((KeyChangeDiff) o).fromKey)
                && Objects.equals(toKey, ((KeyChangeDiff) o).toKey);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(fromKey) + Objects.hashCode(toKey) + 23;
    }

    @Override
    public String toString() {
        return "KeyChangeDiff(" + fromKey + " -> " + toKey + ")";
    }
}
