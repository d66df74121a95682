package dev.floe.bench;

import clojure.java.api.Clojure;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.ITransientCollection;
import clojure.lang.ITransientMap;
import clojure.lang.Keyword;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentVector;
import clojure.lang.Util;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data every benchmark pair runs on, built once per trial. Sizes are fixed here so both sides
 * of a pair always see the same input.
 */
final class BenchData {
    private BenchData() {}

    /** Keys per level of the nested maps: more than 8, so Clojure builds hash maps, not array maps. */
    static final int FANOUT = 16;
    /** Depth of the nested maps and of the keypath chains. */
    static final int DEPTH = 4;
    /** Elements of the vectors and entries of the flat map. */
    static final int COLL_SIZE = 1000;
    /** Entries of the sorted maps. */
    static final int SORTED_SIZE = 10_000;
    /** The sorted-map range selected: {@code [SORTED_FROM, SORTED_TO)}, 100 keys. */
    static final long SORTED_FROM = 5_000;
    static final long SORTED_TO = 5_100;
    /** The subsequence replaced by the srange pair: {@code [SRANGE_FROM, SRANGE_TO)}. */
    static final int SRANGE_FROM = 100;
    static final int SRANGE_TO = 200;
    /** Elements of the vector spliced in by the srange pair. */
    static final int SRANGE_INSERT_SIZE = 10;

    /** {@code :k0 … :k15}. */
    static final Keyword[] KEYWORDS = new Keyword[FANOUT];
    /** {@code "k0" … "k15"}. */
    static final String[] STRINGS = new String[FANOUT];

    static {
        // Initialise the Clojure runtime before any collection class: a JVM whose first Clojure
        // class is PersistentTreeMap fails clojure.core's static init (a Clojure class-init cycle).
        Clojure.var("clojure.core", "identity");
        for (int i = 0; i < FANOUT; i++) {
            STRINGS[i] = "k" + i;
            KEYWORDS[i] = Keyword.intern(STRINGS[i]);
        }
    }

    /**
     * Nested Clojure hash maps, {@code FANOUT} keyword keys per level, {@code DEPTH} levels, every
     * leaf a distinct Long (the leaf's key indexes in base {@code FANOUT}).
     */
    static IPersistentMap nestedClojureMap() {
        return nestedClojure(DEPTH, 0);
    }

    private static IPersistentMap nestedClojure(int depth, long code) {
        ITransientMap t = PersistentHashMap.EMPTY.asTransient();
        for (int i = 0; i < FANOUT; i++) {
            long c = code * FANOUT + i;
            t = t.assoc(KEYWORDS[i], depth == 1 ? (Object) c : nestedClojure(depth - 1, c));
        }
        return t.persistent();
    }

    /** The same shape as {@link #nestedClojureMap} with String keys, in {@code java.util.HashMap}s. */
    static Map<String, Object> nestedHashMap() {
        return nestedJava(DEPTH, 0);
    }

    private static Map<String, Object> nestedJava(int depth, long code) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < FANOUT; i++) {
            long c = code * FANOUT + i;
            m.put(STRINGS[i], depth == 1 ? (Object) c : nestedJava(depth - 1, c));
        }
        return m;
    }

    /** {@code [0 1 … n-1]} as Longs. */
    static IPersistentVector longVector(int n, long offset) {
        ITransientCollection t = PersistentVector.EMPTY.asTransient();
        for (long i = 0; i < n; i++) {
            t = t.conj(offset + i);
        }
        return (IPersistentVector) t.persistent();
    }

    /** {@code {:k0 0, :k1 1, …}}: {@code n} keyword keys to Long values. */
    static IPersistentMap flatClojureMap(int n) {
        ITransientMap t = PersistentHashMap.EMPTY.asTransient();
        for (long i = 0; i < n; i++) {
            t = t.assoc(Keyword.intern("e" + i), i);
        }
        return t.persistent();
    }

    /** A Clojure sorted map (default comparator) of Long keys {@code 0 … n-1} to their negation. */
    static PersistentTreeMap sortedClojureMap(int n) {
        PersistentTreeMap m = PersistentTreeMap.EMPTY;
        for (long i = 0; i < n; i++) {
            m = m.assoc(i, -i);
        }
        return m;
    }

    /** A {@code TreeMap} (natural order) of Long keys {@code 0 … n-1} to their negation. */
    static TreeMap<Object, Object> sortedJavaMap(int n) {
        TreeMap<Object, Object> m = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            m.put(i, -i);
        }
        return m;
    }

    /**
     * Fails unless the two results of a benchmark pair are equal and of the same class: a pair
     * whose sides disagree measures nothing.
     */
    static void checkSame(String pair, Object floe, Object hand) {
        if (!Util.equiv(floe, hand)) {
            throw new IllegalStateException(pair + ": Floe and hand-written results differ: " + floe + " vs " + hand);
        }
        Class<?> fc = floe == null ? null : floe.getClass();
        Class<?> hc = hand == null ? null : hand.getClass();
        if (fc != hc) {
            throw new IllegalStateException(pair + ": Floe returned a " + fc + ", hand-written a " + hc);
        }
    }
}
