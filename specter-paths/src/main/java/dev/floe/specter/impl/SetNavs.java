package dev.floe.specter.impl;

import clojure.lang.IPersistentVector;
import clojure.lang.RT;
import dev.floe.specter.Next;
import dev.floe.specter.Specter;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Navigators over members and subsets of sets. */
public final class SetNavs {
    private SetNavs() {}

    static final Object NONE = Specter.NONE;

    static void checkSet(BaseNav nav, Object s) {
        if (s != null && !(s instanceof Set)) {
            throw nav.incompatible(s, "a set");
        }
    }

    /** A void member of a set: selects nothing; a transform adds the value (nil becomes a set). */
    public static final class NoneElem extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            Object r = next.invoke(vals, NONE);
            return r == NONE ? s : Colls.setAdd(s, r);
        }

        @Override
        public String name() {
            return "NONE-ELEM";
        }
    }

    /** The member itself when present; a transform replaces it (NONE removes it). */
    public static final class SetElem extends BaseNav {
        private final Object elem;

        public SetElem(Object elem) {
            this.elem = elem;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            return s != null && ((Set<?>) s).contains(elem) ? next.invoke(vals, elem) : NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            if (s == null || !((Set<?>) s).contains(elem)) {
                return s;
            }
            Object r = next.invoke(vals, elem);
            Object without = Colls.setRemove(s, elem);
            return r == NONE ? without : Colls.setAdd(without, r);
        }

        @Override
        public String name() {
            return "(set-elem " + RT.printString(elem) + ")";
        }
    }

    /**
     * The members that are also in the given set. A transform removes those members and adds
     * the returned ones; the set kind is kept.
     */
    public static final class Subset extends BaseNav {
        private final Set<Object> elems;

        public Subset(Collection<?> elems) {
            this.elems = new LinkedHashSet<>(elems);
        }

        private Object sub(Object s) {
            if (s == null) {
                return null;
            }
            Colls.SetBuilder b = Colls.setBuilder(s);
            for (Object e : (Set<?>) s) {
                if (elems.contains(e)) {
                    b.add(e);
                }
            }
            return b.build();
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            return next.invoke(vals, sub(s));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSet(this, s);
            Object sub = sub(s);
            Object r = next.invoke(vals, sub);
            if (s == null) {
                return r == NONE ? null : r;
            }
            Object out = s;
            for (Object e : (Set<?>) sub) {
                out = Colls.setRemove(out, e);
            }
            if (r != NONE && r != null) {
                for (Object e : Colls.elements(r)) {
                    out = Colls.setAdd(out, e);
                }
            }
            return out;
        }

        @Override
        public String name() {
            return "(subset " + RT.printString(clojure.lang.PersistentHashSet.create(RT.seq(elems))) + ")";
        }
    }
}
