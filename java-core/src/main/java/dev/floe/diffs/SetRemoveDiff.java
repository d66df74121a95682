package dev.floe.diffs;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * One element, or several, removed from a set. A processor always sees single-element diffs: one with
 * several elements is processed as one single-element {@code SetRemoveDiff} per element, in order
 * ({@link #getElem()} then works); that is also its expansion.
 */
public final class SetRemoveDiff extends SetElemsDiff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link SetRemoveDiff}s (each with a single element). */
    public interface Processor {
        void processSetRemoveDiff(SetRemoveDiff diff);
    }

    /** One element removed from the set. */
    public SetRemoveDiff(Object elem) {
        super(Collections.singleton(elem));
    }

    private SetRemoveDiff(Set<Object> elems) {
        super(elems);
    }

    /** Several elements removed from the set (at least one; copied, order kept). */
    public static SetRemoveDiff of(Collection<?> elems) {
        return new SetRemoveDiff(elemsOf(elems, "SetRemoveDiff"));
    }

    @Override
    boolean handledBy(Diff.Processor p) {
        return p instanceof Processor;
    }

    @Override
    void processOne(Diff.Processor p, SetElemsDiff one) {
        ((Processor) p).processSetRemoveDiff((SetRemoveDiff) one);
    }

    @Override
    SetElemsDiff single(Object elem) {
        return new SetRemoveDiff(elem);
    }
}
