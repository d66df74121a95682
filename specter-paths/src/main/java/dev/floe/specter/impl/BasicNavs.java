package dev.floe.specter.impl;

import clojure.lang.APersistentMap;
import clojure.lang.IFn;
import clojure.lang.IPersistentVector;
import clojure.lang.RT;
import dev.floe.specter.LensNav;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.Map;

/** Single-place navigators, filters, collectors and terminals. */
public final class BasicNavs {
    private BasicNavs() {}

    static String show(Object o) {
        return RT.printString(o);
    }

    /** Navigates to the structure itself. */
    public static final class Stay extends LensNav {
        @Override
        public Object get(Object s) {
            return s;
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return "STAY";
        }
    }

    /** Navigates nowhere. */
    public static final class Stop extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return Specter.NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return s;
        }

        @Override
        public String name() {
            return "STOP";
        }
    }

    /** The value under a key (nil when absent); NONE removes the key. */
    public static final class Keypath extends LensNav {
        private final Object key;

        public Keypath(Object key) {
            this.key = key;
        }

        /** The key navigated to. */
        public Object key() {
            return key;
        }

        @Override
        public Object get(Object s) {
            // Fast paths first. A failed instanceof against an interface scans the class's
            // secondary supers (tens of ns on HotSpot, every time), and the general checks below
            // test ILookup before Map, so a java.util.Map paid two such misses per key. A class
            // check (APersistentMap, HashMap) never scans; Map.get equals valAt on every Clojure map
            // (APersistentMap and records delegate get to valAt), as Colls.get would choose.
            if (s instanceof APersistentMap) {
                return ((APersistentMap) s).valAt(key);
            }
            if (s instanceof java.util.HashMap) {
                return ((java.util.HashMap<?, ?>) s).get(key);
            }
            if (s instanceof Map) {
                return ((Map<?, ?>) s).get(key);
            }
            if (!Colls.isLookup(s)) {
                throw PathException.incompatible(this, s, "a map, a vector or nil");
            }
            return Colls.get(s, key);
        }

        @Override
        public Object set(Object s, Object v) {
            if (s instanceof APersistentMap && v != Specter.NONE) {
                // what the general path below does for persistent maps, without interface checks
                return ((APersistentMap) s).assoc(key, v);
            }
            if (v == Specter.NONE) {
                return Colls.dissoc(s, key);
            }
            if (s != null && !(s instanceof java.util.Map) && !Colls.isSequential(s)
                    && !(s instanceof clojure.lang.Associative)) {
                throw PathException.incompatible(this, s, "a map, a vector or nil");
            }
            if (Colls.isSequential(s) && !(s instanceof java.util.Map) && !(key instanceof Number)) {
                throw PathException.incompatible(this, s, "a map or nil (the key is not an index)");
            }
            return Colls.assoc(s, key, v);
        }

        @Override
        public String name() {
            return "(keypath " + show(key) + ")";
        }
    }

    /** The value under a key only when the key is present; NONE removes the key. */
    public static final class Must extends LensNav {
        private final Object key;

        public Must(Object key) {
            this.key = key;
        }

        @Override
        public Object get(Object s) {
            if (!Colls.isLookup(s)) {
                throw PathException.incompatible(this, s, "a map, a vector or nil");
            }
            return Colls.containsKey(s, key) ? Colls.get(s, key) : ABSENT;
        }

        @Override
        public Object set(Object s, Object v) {
            return v == Specter.NONE ? Colls.dissoc(s, key) : Colls.assoc(s, key, v);
        }

        @Override
        public String name() {
            return "(must " + show(key) + ")";
        }
    }

    /** The element at an index of a sequence; NONE removes it. */
    public static final class Nth extends LensNav {
        private final int index;

        public Nth(int index) {
            this.index = index;
        }

        @Override
        public Object get(Object s) {
            if (s == null) {
                return null;
            }
            if (!Colls.isSequential(s) && !(s instanceof CharSequence)) {
                throw PathException.incompatible(this, s, "a sequence");
            }
            int n = Colls.count(s);
            if (index < 0 || index >= n) {
                throw new PathException(name() + ": index " + index + " out of bounds for a sequence of size " + n);
            }
            return RT.nth(s, index);
        }

        @Override
        public Object set(Object s, Object v) {
            if (s == null) {
                throw new PathException(name() + ": index " + index + " out of bounds for nil");
            }
            if (s instanceof CharSequence) {
                String str = s.toString();
                return str.substring(0, index) + (v == Specter.NONE ? "" : String.valueOf(v))
                        + str.substring(index + 1);
            }
            return Colls.setIndex(s, index, v, Specter.NONE);
        }

        @Override
        public String name() {
            return "(nthpath " + index + ")";
        }
    }

    /** Navigates to {@code fn(structure, args…)}; a transform replaces the structure. */
    public static final class View extends LensNav {
        private final IFn fn;
        private final Object[] args;

        public View(IFn fn, Object[] args) {
            this.fn = fn;
            this.args = args.clone();
        }

        @Override
        public Object get(Object s) {
            return Fns.call(fn, s, args);
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return "(view " + fn + ")";
        }
    }

    /** Substitutes a value for nil. */
    public static final class NilToVal extends LensNav {
        private final Object value;
        private final String label;

        public NilToVal(Object value, String label) {
            this.value = value;
            this.label = label;
        }

        @Override
        public Object get(Object s) {
            return s == null ? value : s;
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return label != null ? label : "(nil->val " + show(value) + ")";
        }
    }

    /** Stays at the structure when {@code fn(structure, args…)} is truthy; otherwise goes nowhere. */
    public static final class Pred extends LensNav {
        private final IFn fn;
        private final Object[] args;
        private final String label;

        public Pred(IFn fn, Object[] args, String label) {
            this.fn = fn;
            this.args = args.clone();
            this.label = label;
        }

        @Override
        public Object get(Object s) {
            return Colls.truthy(Fns.call(fn, s, args)) ? s : ABSENT;
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return label != null ? label : "(pred " + fn + ")";
        }
    }

    /** Adds a value to the collected values. */
    public static final class PutVal extends BaseNav {
        private final Object value;

        public PutVal(Object value) {
            this.value = value;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return next.invoke(vals.cons(value), s);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return next.invoke(vals.cons(value), s);
        }

        @Override
        public String name() {
            return "(putval " + show(value) + ")";
        }
    }

    /** Collects the current structure. */
    public static final class Val extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return next.invoke(vals.cons(s), s);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return next.invoke(vals.cons(s), s);
        }

        @Override
        public String name() {
            return "VAL";
        }
    }

    /** Drops every collected value. */
    public static final class Dispense extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return next.invoke(Specter.NO_VALS, s);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return next.invoke(Specter.NO_VALS, s);
        }

        @Override
        public String name() {
            return "DISPENSE";
        }
    }

    /** Continues only when {@code fn(collected…)} is truthy (Rama's {@code isCollected}). */
    public static final class IsCollected extends BaseNav {
        private final IFn fn;

        public IsCollected(IFn fn) {
            this.fn = fn;
        }

        private boolean ok(IPersistentVector vals) {
            return Colls.truthy(fn.applyTo(RT.seq(vals)));
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return ok(vals) ? next.invoke(vals, s) : Specter.NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return ok(vals) ? next.invoke(vals, s) : s;
        }

        @Override
        public String name() {
            return "(isCollected " + fn + ")";
        }
    }

    /** A transform terminal: how the navigated value is replaced. */
    public static final class Terminal extends BaseNav {
        /** {@code fn(collected…, v)}. */
        public static final int APPLY = 0;
        /** A constant. */
        public static final int VALUE = 1;
        /** {@code fn(collected-vector, v)}. */
        public static final int VECTOR = 2;

        private final int mode;
        private final Object fnOrValue;
        private final Object[] extraArgs;
        private final String label;

        public Terminal(int mode, Object fnOrValue, Object[] extraArgs, String label) {
            this.mode = mode;
            this.fnOrValue = fnOrValue;
            this.extraArgs = extraArgs.clone();
            this.label = label;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return Specter.NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            switch (mode) {
                case VALUE:
                    return fnOrValue;
                case VECTOR:
                    return ((IFn) fnOrValue).invoke(vals, s);
                default:
                    IFn fn = (IFn) fnOrValue;
                    if (extraArgs.length == 0) {
                        return vals.count() == 0 ? fn.invoke(s) : fn.applyTo(RT.seq(vals.cons(s)));
                    }
                    Object[] all = new Object[vals.count() + 1 + extraArgs.length];
                    int i = 0;
                    for (; i < vals.count(); i++) {
                        all[i] = vals.nth(i);
                    }
                    all[i++] = s;
                    System.arraycopy(extraArgs, 0, all, i, extraArgs.length);
                    return fn.applyTo(RT.seq(all));
            }
        }

        @Override
        public String name() {
            return label;
        }
    }
}
