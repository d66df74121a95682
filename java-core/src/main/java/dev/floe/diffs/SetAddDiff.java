package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One element, or several, added to a set. A processor always sees single-element diffs: one with
 * several elements is processed as one single-element {@code SetAddDiff} per element, in order
 * ({@link #getElem()} then works); that is also its expansion.
 */
public final class SetAddDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SetAddDiff}s (each with a single element). */
    public interface Processor {
        void processSetAddDiff(SetAddDiff diff);
    }

    private final Set<Object> elems;

    /** One element added to the set. */
    public SetAddDiff(Object elem) {
        this.elems = Collections.singleton(elem);
    }

    private SetAddDiff(Set<Object> elems) {
        this.elems = elems;
    }

    /** Several elements added to the set (at least one; copied, order kept). */
    public static SetAddDiff of(Collection<?> elems) {
        if (elems.isEmpty()) {
            throw new IllegalArgumentException("SetAddDiff.of: no elements");
        }
        if (elems.size() == 1) {
            return new SetAddDiff(elems.iterator().next());
        }
        return new SetAddDiff(Collections.unmodifiableSet(new LinkedHashSet<>(elems)));
    }

    /** The element, when the diff has one. */
    public Object getElem() {
        if (elems.size() != 1) {
            throw new IllegalStateException("SetAddDiff of " + elems.size() + " elements: use getElems()");
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
            ((Processor) p).processSetAddDiff(this);
        } else {
            for (Object e : elems) {
                ((Processor) p).processSetAddDiff(new SetAddDiff(e));
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
            new SetAddDiff(e).process(p);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetAddDiff && elems.equals(((SetAddDiff) o).elems);
    }

    @Override
    public int hashCode() {
        return 37 + elems.hashCode();
    }

    @Override
    public String toString() {
        return "SetAddDiff(" + (elems.size() == 1 ? String.valueOf(elems.iterator().next()) : elems.toString()) + ")";
    }
}
