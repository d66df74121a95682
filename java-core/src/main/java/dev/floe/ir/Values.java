package dev.floe.ir;

import clojure.lang.Util;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Equality of literal values in the IR ({@link Arg.Lit}): Clojure's {@code =} semantics (so
 * {@code 1} and {@code 1L}, or a Java list and a Clojure vector with the same elements, are the
 * same literal, as they are to the Java builder and the Clojure DSL), extended so that the IR is a
 * value: NaN equals NaN, functions compare as {@link FnRef}s (by code), arrays by content, and
 * the hash code is consistent with that equality across Java and Clojure collections.
 */
final class Values {
    private Values() {}

    static boolean equiv(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            return isNaN(a) && isNaN(b) || Util.equiv(a, b);
        }
        if (FnRef.isFunction(a) || FnRef.isFunction(b)) {
            return FnRef.isFunction(a) && FnRef.isFunction(b) && FnRef.of(a).equals(FnRef.of(b));
        }
        if (a.getClass().isArray() || b.getClass().isArray()) {
            return a.getClass().isArray() && b.getClass().isArray() && a.getClass() == b.getClass()
                    && sequenceEquiv(new ArrayIterator(a), new ArrayIterator(b));
        }
        if (a instanceof Map || b instanceof Map) {
            return a instanceof Map && b instanceof Map && mapEquiv((Map<?, ?>) a, (Map<?, ?>) b);
        }
        if (a instanceof Set || b instanceof Set) {
            return a instanceof Set && b instanceof Set && setEquiv((Set<?>) a, (Set<?>) b);
        }
        if (a instanceof List || b instanceof List) {
            return a instanceof List && b instanceof List && ((List<?>) a).size() == ((List<?>) b).size()
                    && sequenceEquiv(((List<?>) a).iterator(), ((List<?>) b).iterator());
        }
        return Util.equiv(a, b);
    }

    static int hash(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            // equiv compares floating values with ==: 0.0 == -0.0, and 1.5f == 1.5.
            return d == 0.0 ? 0 : Double.hashCode(d);
        }
        if (o instanceof Number) {
            return Util.hasheq(o);
        }
        if (FnRef.isFunction(o)) {
            return FnRef.of(o).hashCode();
        }
        if (o.getClass().isArray()) {
            return sequenceHash(new ArrayIterator(o));
        }
        if (o instanceof Map) {
            int h = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                h += hash(e.getKey()) ^ hash(e.getValue());
            }
            return h;
        }
        if (o instanceof Set) {
            int h = 0;
            for (Object x : (Set<?>) o) {
                h += hash(x);
            }
            return h;
        }
        if (o instanceof List) {
            return sequenceHash(((List<?>) o).iterator());
        }
        return Util.hasheq(o);
    }

    private static boolean isNaN(Object n) {
        return n instanceof Double && ((Double) n).isNaN() || n instanceof Float && ((Float) n).isNaN();
    }

    private static boolean sequenceEquiv(Iterator<?> a, Iterator<?> b) {
        while (a.hasNext() && b.hasNext()) {
            if (!equiv(a.next(), b.next())) {
                return false;
            }
        }
        return !a.hasNext() && !b.hasNext();
    }

    private static int sequenceHash(Iterator<?> it) {
        int h = 1;
        while (it.hasNext()) {
            h = 31 * h + hash(it.next());
        }
        return h;
    }

    private static boolean setEquiv(Set<?> a, Set<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Object x : a) {
            if (!contains(b, x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Set<?> s, Object x) {
        if (s.contains(x)) {
            return true;
        }
        for (Object y : s) {
            if (equiv(x, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mapEquiv(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        outer:
        for (Map.Entry<?, ?> e : a.entrySet()) {
            if (b.containsKey(e.getKey())) {
                if (!equiv(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
                continue;
            }
            for (Map.Entry<?, ?> f : b.entrySet()) {
                if (equiv(e.getKey(), f.getKey())) {
                    if (!equiv(e.getValue(), f.getValue())) {
                        return false;
                    }
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** The elements of any array, boxed. */
    private static final class ArrayIterator implements Iterator<Object> {
        private final Object array;
        private final int length;
        private int i;

        ArrayIterator(Object array) {
            this.array = array;
            this.length = Array.getLength(array);
        }

        @Override
        public boolean hasNext() {
            return i < length;
        }

        @Override
        public Object next() {
            if (i >= length) {
                throw new java.util.NoSuchElementException();
            }
            return Array.get(array, i++);
        }
    }
}
