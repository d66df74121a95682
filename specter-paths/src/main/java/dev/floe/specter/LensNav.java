package dev.floe.specter;

import clojure.lang.IPersistentVector;

/**
 * A navigator that goes to at most one place, described by a getter and a setter. Runs of
 * consecutive lens navigators ({@code keypath}, {@code must}, {@code nthpath}, {@code view},
 * {@code pred}, {@code nil->val} …) are fused by the path compiler into one loop for select and
 * one recursion for transform, so a chain of keys costs no continuation objects.
 */
public abstract class LensNav implements Nav {
    /** Returned by {@link #get} when there is no place to navigate to. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    /** The navigated value, or {@link #ABSENT} when this navigator goes nowhere in {@code structure}. */
    public abstract Object get(Object structure);

    /**
     * {@code structure} with the navigated place replaced by {@code value}; {@code value} may be
     * {@link Specter#NONE}, which removes the place where removal is supported.
     */
    public abstract Object set(Object structure, Object value);

    @Override
    public final Object select(IPersistentVector vals, Object structure, Next next) {
        Object v = get(structure);
        return v == ABSENT ? Specter.NONE : next.invoke(vals, v);
    }

    @Override
    public final Object transform(IPersistentVector vals, Object structure, Next next) {
        Object v = get(structure);
        return v == ABSENT ? structure : set(structure, next.invoke(vals, v));
    }

    @Override
    public String toString() {
        return name();
    }
}
