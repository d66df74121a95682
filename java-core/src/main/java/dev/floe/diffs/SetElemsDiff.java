package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@link SetAddDiff} and {@link SetRemoveDiff} share: one element or several, and processing
 * that always hands a processor single-element diffs (one per element, in order).
 */
public abstract class SetElemsDiff extends Diff {
    private static final long serialVersionUID = 1L;

    private final Set<Object> elems;

    SetElemsDiff(Set<Object> elems) {
        this.elems = elems;
    }

    /** One element, or a copy of several (at least one, order kept) for {@code what}'s {@code of}. */
    static Set<Object> elemsOf(Collection<?> elems, String what) {
        if (elems.isEmpty()) {
            throw new IllegalArgumentException(what + ".of: no elements");
        }
        if (elems.size() == 1) {
            return Collections.singleton(elems.iterator().next());
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(elems));
    }

    /** The element, when the diff has one. */
    public Object getElem() {
        if (elems.size() != 1) {
            throw new IllegalStateException(getClass().getSimpleName() + " of " + elems.size() + " elements: use getElems()");
        }
        return elems.iterator().next();
    }

    /** The elements (one or several). */
    public Set<Object> getElems() {
        return elems;
    }

    /** True when {@code p} handles this class. */
    abstract boolean handledBy(Diff.Processor p);

    /** Hands {@code p} (which handles this class) the single-element diff {@code one}. */
    abstract void processOne(Diff.Processor p, SetElemsDiff one);

    /** The single-element diff of this class for {@code elem}. */
    abstract SetElemsDiff single(Object elem);

    @Override
    final boolean processOwn(Diff.Processor p) {
        if (!handledBy(p)) {
            return false;
        }
        if (elems.size() == 1) {
            processOne(p, this);
        } else {
            for (Object e : elems) {
                processOne(p, single(e));
            }
        }
        return true;
    }

    @Override
    final void expand(Diff.Processor p) {
        if (elems.size() == 1) {
            p.unhandled();
            return;
        }
        for (Object e : elems) {
            single(e).process(p);
        }
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && elems.equals(((SetElemsDiff) o).elems);
    }

    @Override
    public final int hashCode() {
        return getClass().getSimpleName().hashCode() * 31 + elems.hashCode();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(" + (elems.size() == 1 ? String.valueOf(elems.iterator().next()) : elems.toString()) + ")";
    }
}
