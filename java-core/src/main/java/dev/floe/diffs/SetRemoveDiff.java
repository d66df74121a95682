package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One element, or several, removed from a set. A processor always sees single-element diffs: one with
 * several elements is processed as one single-element {@code SetRemoveDiff} per element, in order
 * ({@link #getElem()} then works); that is also its expansion.
 */
public final class SetRemoveDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SetRemoveDiff}s (each with a single element). */
    public interface Processor {
        void processSetRemoveDiff(SetRemoveDiff diff);
    }

    private final Set<Object> elems;

    /** One element removed from the set. */
    public SetRemoveDiff(Object elem) {
        this.elems = Collections.singleton(elem);
    }

    private SetRemoveDiff(Set<Object> elems) {
        this.elems = elems;
    }

    /** Several elements removed from the set (at least one; copied, order kept). */
    public static SetRemoveDiff of(Collection<?> elems) {
        if (elems.isEmpty()) {
            throw new IllegalArgumentException("SetRemoveDiff.of: no elements");
        }
        if (elems.size() == 1) {
            return new SetRemoveDiff(elems.iterator().next());
        }
        return new SetRemoveDiff(Collections.unmodifiableSet(new LinkedHashSet<>(elems)));
    }

    /** The element, when the diff has one. */
    public Object getElem() {
        if (elems.size() != 1) {
            throw new IllegalStateException("SetRemoveDiff of " + elems.size() + " elements: use getElems()");
        }
        return elems.iterator().next();
    }

    /** The elements (one or several). */
    public Set<Object> getElems() {
        return elems;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (!(p instanceof Processor)) {
            return false;
        }
        if (elems.size() == 1) {
            ((Processor) p).processSetRemoveDiff(this);
        } else {
            for (Object e : elems) {
                ((Processor) p).processSetRemoveDiff(new SetRemoveDiff(e));
            }
        }
        return true;
    }

    @Override
    void expand(Diff.Processor p) {
        if (elems.size() == 1) {
            p.unhandled();
            return;
        }
        for (Object e : elems) {
            new SetRemoveDiff(e).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetRemoveDiff && elems.equals(((SetRemoveDiff) o).elems);
    }

    @Override
    public int hashCode() {
        return 41 + elems.hashCode();
    }

    @Override
    public String toString() {
        return "SetRemoveDiff(" + (elems.size() == 1 ? String.valueOf(elems.iterator().next()) : elems.toString()) + ")";
    }
}
