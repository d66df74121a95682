package dev.floe.diffs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values under several keys changed, each as its own diff. Expands to one {@link KeyDiff} per key, in the map's order. */
public final class KeysDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link KeysDiff}s. */
    public interface Processor {
        void processKeysDiff(KeysDiff diff);
    }

    private final Map<Object, Diff> keyToDiff;

    /** @param keyToDiff each changed key and how its value changed (copied, order kept) */
    public KeysDiff(Map<?, ? extends Diff> keyToDiff) {
        Map<Object, Diff> m = new LinkedHashMap<>(keyToDiff);
        for (Map.Entry<Object, Diff> e : m.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("KeysDiff: the diff of key " + e.getKey() + " is null");
            }
        }
        this.keyToDiff = Collections.unmodifiableMap(m);
    }

    /** Each changed key and how its value changed. */
    public Map<Object, Diff> getKeyToDiff() {
        return keyToDiff;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processKeysDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        for (Map.Entry<Object, Diff> e : keyToDiff.entrySet()) {
            new KeyDiff(e.getKey(), e.getValue()).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeysDiff && keyToDiff.equals(((KeysDiff) o).keyToDiff);
    }

    @Override
    public int hashCode() {
        return keyToDiff.hashCode();
    }

    @Override
    public String toString() {
        return "KeysDiff(" + keyToDiff + ")";
    }
}
