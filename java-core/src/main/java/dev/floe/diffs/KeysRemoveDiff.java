package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Several keys were removed. Expands to one {@link KeyRemoveDiff} per key, in the set's order. */
public final class KeysRemoveDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link KeysRemoveDiff}s. */
    public interface Processor {
        void processKeysRemoveDiff(KeysRemoveDiff diff);
    }

    private final Set<Object> keys;

    /** @param keys the removed keys (copied, order kept) */
    public KeysRemoveDiff(Collection<?> keys) {
        this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    /** The removed keys. */
    public Set<Object> getKeys() {
        return keys;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processKeysRemoveDiff(this);
            return true;
        }
        return false;
    }

    @Override
    void expand(Diff.Processor p) {
        for (Object k : keys) {
            new KeyRemoveDiff(k).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeysRemoveDiff && keys.equals(((KeysRemoveDiff) o).keys);
    }

    @Override
    public int hashCode() {
        return 19 + keys.hashCode();
    }

    @Override
    public String toString() {
        return "KeysRemoveDiff(" + keys + ")";
    }
}
