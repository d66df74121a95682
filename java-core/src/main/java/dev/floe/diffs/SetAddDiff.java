package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * One element, or several, added to a set. A processor always sees single-element diffs: one with
 * several elements is processed as one single-element {@code SetAddDiff} per element, in order
 * ({@link #getElem()} then works); that is also its expansion.
 */
public final class SetAddDiff extends SetElemsDiff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SetAddDiff}s (each with a single element). */
    public interface Processor {
        void processSetAddDiff(SetAddDiff diff);
    }

    /** One element added to the set. */
    public SetAddDiff(Object elem) {
        super(Collections.singleton(elem));
    }

    private SetAddDiff(Set<Object> elems) {
        super(elems);
    }

    /** Several elements added to the set (at least one; copied, order kept). */
    public static SetAddDiff of(Collection<?> elems) {
        return new SetAddDiff(elemsOf(elems, "SetAddDiff"));
    }

    @Override
    boolean handledBy(Diff.Processor p) {
        return p instanceof Processor;
    }

    @Override
    void processOne(Diff.Processor p, SetElemsDiff one) {
        ((Processor) p).processSetAddDiff((SetAddDiff) one);
    }

    @Override
    SetElemsDiff single(Object elem) {
        return new SetAddDiff(elem);
    }
}
