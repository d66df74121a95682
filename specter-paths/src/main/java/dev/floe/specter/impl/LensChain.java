package dev.floe.specter.impl;

import clojure.lang.IPersistentVector;
import dev.floe.specter.KeyChainLookup;
import dev.floe.specter.LensNav;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.Specter;

/**
 * Consecutive single-place navigators fused into one: select is a loop of getters, transform is
 * one recursion of getters and setters. This is what makes {@code [:a :b :c]} about as fast as
 * nested {@code get} calls.
 */
public final class LensChain extends BaseNav {
    private final LensNav[] lenses;

    public LensChain(LensNav[] lenses) {
        this(lenses.clone(), true);
    }

    private LensChain(LensNav[] owned, boolean check) {
        if (check && owned.length < 2) {
            throw new IllegalArgumentException("a lens chain needs at least two lenses");
        }
        this.lenses = owned;
    }

    /** A chain over {@code lenses}, which the caller hands over (it must not change them afterwards). */
    public static LensChain owning(LensNav[] lenses) {
        return new LensChain(lenses, true);
    }

    /** The fused navigators, in order. */
    public java.util.List<Nav> lenses() {
        return java.util.List.of((Nav[]) lenses);
    }

    /** The value at the end of the chain, or {@link LensNav#ABSENT}. */
    public Object get(Object structure) {
        Object s = structure;
        int i = 0;
        if (lenses[1] instanceof BasicNavs.Keypath && lenses[0] instanceof BasicNavs.Keypath && chainLookup(s)) {
            // two keys at once: a stored map reads the inner entry without the outer one
            s = ((KeyChainLookup) s).getIn(((BasicNavs.Keypath) lenses[0]).key(), ((BasicNavs.Keypath) lenses[1]).key(),
                    lenses[1]);
            i = 2;
        }
        for (; i < lenses.length; i++) {
            s = lenses[i].get(s);
            if (s == LensNav.ABSENT) {
                return LensNav.ABSENT;
            }
        }
        return s;
    }

    /** A {@link KeyChainLookup}, ruling out Clojure's own maps by class first (no interface scan for them). */
    private static boolean chainLookup(Object s) {
        if (s == null) {
            return false;
        }
        Class<?> c = s.getClass();
        return c != clojure.lang.PersistentArrayMap.class && c != clojure.lang.PersistentHashMap.class
                && c != clojure.lang.PersistentTreeMap.class && s instanceof KeyChainLookup;
    }

    @Override
    public Object select(IPersistentVector vals, Object structure, Next next) {
        Object v = get(structure);
        return v == LensNav.ABSENT ? Specter.NONE : next.invoke(vals, v);
    }

    @Override
    public Object transform(IPersistentVector vals, Object structure, Next next) {
        return transformAt(0, vals, structure, next);
    }

    private Object transformAt(int i, IPersistentVector vals, Object s, Next next) {
        if (i == lenses.length) {
            return next.invoke(vals, s);
        }
        LensNav l = lenses[i];
        Object v = l.get(s);
        if (v == LensNav.ABSENT) {
            return s;
        }
        return l.set(s, transformAt(i + 1, vals, v, next));
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < lenses.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(lenses[i].name());
        }
        return sb.append(']').toString();
    }
}
