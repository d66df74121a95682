package dev.floe.specter.impl;

import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.RT;
import clojure.lang.Sorted;
import dev.floe.specter.Next;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;

/**
 * Range navigators over sorted maps and sets (Rama's additions): the navigated value is a
 * materialized sorted collection holding the keys in range, of the same kind for
 * {@code java.util} collections and a {@link PersistentSortedMap}/{@link PersistentSortedSet} (a
 * Clojure sorted collection that is also a {@code java.util.SortedMap}/{@code SortedSet}) for
 * Clojure sorted collections and stored PState structures; a transform removes the range and
 * merges in what the continuation returns.
 */
public final class SortedNavs {
    private SortedNavs() {}

    static {
        ClojureRuntime.ensureLoaded();
    }

    static final Object NONE = Specter.NONE;

    /** Which keys a range navigator covers. */
    public static final class Range {
        final Object start;
        final boolean hasStart;
        final boolean startInclusive;
        final Object end;
        final boolean hasEnd;
        final boolean endInclusive;
        final int maxAmt;
        final boolean fromEnd;

        /**
         * @param maxAmt at most this many keys, or -1 for no limit
         * @param fromEnd when limited, keep the last keys before the end instead of the first
         */
        public Range(Object start, boolean hasStart, boolean startInclusive, Object end, boolean hasEnd,
                boolean endInclusive, int maxAmt, boolean fromEnd) {
            if (maxAmt < -1) {
                throw new PathException("range max amount must be >= 0, got " + maxAmt);
            }
            this.start = start;
            this.hasStart = hasStart;
            this.startInclusive = startInclusive;
            this.end = end;
            this.hasEnd = hasEnd;
            this.endInclusive = endInclusive;
            this.maxAmt = maxAmt;
            this.fromEnd = fromEnd;
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(hasStart ? (startInclusive ? "[" : "(") + RT.printString(start) : "(-inf");
            sb.append(", ");
            sb.append(hasEnd ? RT.printString(end) + (endInclusive ? "]" : ")") : "+inf)");
            if (maxAmt >= 0) {
                sb.append(fromEnd ? " last " : " first ").append(maxAmt);
            }
            return sb.toString();
        }

        boolean afterStart(Comparator<Object> cmp, Object k) {
            if (!hasStart) {
                return true;
            }
            int c = cmp.compare(k, start);
            return c > 0 || c == 0 && startInclusive;
        }

        boolean beforeEnd(Comparator<Object> cmp, Object k) {
            if (!hasEnd) {
                return true;
            }
            int c = cmp.compare(k, end);
            return c < 0 || c == 0 && endInclusive;
        }
    }

    @SuppressWarnings("unchecked")
    static Comparator<Object> comparatorOf(Object coll) {
        Comparator<?> c = null;
        if (coll instanceof Sorted) {
            c = ((Sorted) coll).comparator();
        } else if (coll instanceof java.util.SortedMap) {
            c = ((java.util.SortedMap<?, ?>) coll).comparator();
        } else if (coll instanceof java.util.SortedSet) {
            c = ((java.util.SortedSet<?>) coll).comparator();
        }
        return c != null ? (Comparator<Object>) c : (Comparator<Object>) (Comparator<?>) Comparator.naturalOrder();
    }

    /**
     * Entries (of a map) or members (of a set) of {@code coll} in range, in ascending key order,
     * found in one ordered walk that reads only what it needs.
     */
    static List<Object> inRange(Object coll, Range r, boolean isMap, String nav) {
        Comparator<Object> cmp = comparatorOf(coll);
        ArrayList<Object> out = new ArrayList<>();
        Iterator<?> it = orderedIterator(coll, r, isMap, nav);
        while (it.hasNext() && (r.maxAmt < 0 || out.size() < r.maxAmt)) {
            Object e = it.next();
            Object k = isMap ? ((Map.Entry<?, ?>) e).getKey() : e;
            if (r.fromEnd) {
                if (!r.beforeEnd(cmp, k)) {
                    continue;
                }
                if (!r.afterStart(cmp, k)) {
                    break;
                }
            } else {
                if (!r.afterStart(cmp, k)) {
                    continue;
                }
                if (!r.beforeEnd(cmp, k)) {
                    break;
                }
            }
            out.add(e);
        }
        if (r.fromEnd) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Entries (maps) or members (sets) ascending from the start, or descending from the end when {@code fromEnd}. */
    @SuppressWarnings("unchecked")
    private static Iterator<?> orderedIterator(Object coll, Range r, boolean isMap, String nav) {
        boolean asc = !r.fromEnd;
        Object from = asc ? r.start : r.end;
        boolean hasFrom = asc ? r.hasStart : r.hasEnd;
        if (coll instanceof Sorted) {
            Sorted sorted = (Sorted) coll;
            ISeq seq = hasFrom ? sorted.seqFrom(from, asc) : sorted.seq(asc);
            return new Iterator<Object>() {
                ISeq s = seq;

                @Override
                public boolean hasNext() {
                    return s != null;
                }

                @Override
                public Object next() {
                    Object e = s.first();
                    s = s.next();
                    return e;
                }
            };
        }
        if (coll instanceof NavigableMap) {
            NavigableMap<Object, Object> m = (NavigableMap<Object, Object>) coll;
            NavigableMap<Object, Object> ordered = asc ? m : m.descendingMap();
            return (hasFrom ? ordered.tailMap(from, true) : ordered).entrySet().iterator();
        }
        if (coll instanceof NavigableSet) {
            NavigableSet<Object> s = (NavigableSet<Object>) coll;
            NavigableSet<Object> ordered = asc ? s : s.descendingSet();
            return hasFrom ? ordered.tailSet(from, true).iterator() : ordered.iterator();
        }
        throw new PathException(nav + " needs a sorted map or set (a Clojure sorted-map/sorted-set "
                + "a java.util.NavigableMap/NavigableSet, or a clojure.lang.Sorted such as a stored PState map), got a " + Colls.typeName(coll));
    }

    /**
     * An empty tree with the comparator and metadata of {@code empty}, the empty collection of a
     * Clojure sorted map or set (a stored PState structure's is a plain sorted one), or null when
     * {@code empty} is of another kind: range results of Clojure sorted collections are built on
     * it and returned as a {@link PersistentSortedMap}/{@link PersistentSortedSet}, which are also
     * {@code java.util.SortedMap}/{@code SortedSet} (Rama's range results are).
     */
    private static PersistentTreeMap treeLike(Object empty) {
        if (empty instanceof PersistentSortedMap) {
            return ((PersistentSortedMap) empty).tree();
        }
        if (empty instanceof PersistentTreeMap) {
            return (PersistentTreeMap) empty;
        }
        if (empty instanceof PersistentSortedSet) {
            return ((PersistentSortedSet) empty).tree();
        }
        if (empty instanceof PersistentTreeSet) {
            PersistentTreeSet e = (PersistentTreeSet) empty;
            return new PersistentTreeMap(e.meta(), e.comparator());
        }
        return null;
    }

    /**
     * An unlimited range of a {@link java.util.TreeMap} as a copy of its sub-map view: the copy is
     * built from sorted input in linear time, without comparing keys.
     */
    @SuppressWarnings("unchecked")
    private static Object treeMapRange(java.util.TreeMap<Object, Object> m, Range r) {
        Comparator<Object> cmp = comparatorOf(m);
        if (r.hasStart && r.hasEnd && cmp.compare(r.start, r.end) > 0) {
            return new java.util.TreeMap<>(m.comparator());
        }
        NavigableMap<Object, Object> view;
        if (r.hasStart && r.hasEnd) {
            view = m.subMap(r.start, r.startInclusive, r.end, r.endInclusive);
        } else if (r.hasStart) {
            view = m.tailMap(r.start, r.startInclusive);
        } else if (r.hasEnd) {
            view = m.headMap(r.end, r.endInclusive);
        } else {
            view = m;
        }
        return new java.util.TreeMap<>((java.util.SortedMap<Object, Object>) view);
    }

    /** A range of a sorted map. */
    public static final class MapRange extends BaseNav {
        private final Range range;
        private final String label;

        public MapRange(Range range, String label) {
            this.range = range;
            this.label = label;
        }

        private static Object sub(Object s, List<Object> entries) {
            PersistentTreeMap t = s instanceof IPersistentMap ? treeLike(((IPersistentCollection) s).empty()) : null;
            if (t != null) {
                for (Object o : entries) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                    t = t.assoc(e.getKey(), e.getValue());
                }
                return PersistentSortedMap.of(t);
            }
            Colls.MapBuilder b = Colls.mapBuilder(s);
            for (Object o : entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                b.put(e.getKey(), e.getValue());
            }
            return b.build();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return next.invoke(vals, PersistentSortedMap.EMPTY);
            }
            if (s.getClass() == java.util.TreeMap.class && range.maxAmt < 0) {
                return next.invoke(vals, treeMapRange((java.util.TreeMap<Object, Object>) s, range));
            }
            if (!(s instanceof Map)) {
                throw incompatible(s, "a sorted map");
            }
            return next.invoke(vals, sub(s, inRange(s, range, true, name())));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (s != null && !(s instanceof Map)) {
                throw incompatible(s, "a sorted map");
            }
            Object like = s == null ? PersistentTreeMap.EMPTY : s;
            List<Object> entries = inRange(like, range, true, name());
            Object r = next.invoke(vals, sub(like, entries));
            Object out = like;
            for (Object e : entries) {
                out = Colls.dissoc(out, ((Map.Entry<?, ?>) e).getKey());
            }
            if (r != NONE && r != null) {
                if (!(r instanceof Map)) {
                    throw new PathException(name() + ": the new range must be a map, got a " + Colls.typeName(r));
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) r).entrySet()) {
                    out = Colls.assoc(out, e.getKey(), e.getValue());
                }
            }
            return out;
        }

        @Override
        public String name() {
            return "(" + label + " " + range.describe() + ")";
        }
    }

    /** A range of a sorted set. */
    public static final class SetRange extends BaseNav {
        private final Range range;
        private final String label;

        public SetRange(Range range, String label) {
            this.range = range;
            this.label = label;
        }

        private static Object sub(Object s, List<Object> keys) {
            PersistentTreeMap t = s instanceof IPersistentSet ? treeLike(((IPersistentCollection) s).empty()) : null;
            if (t != null) {
                for (Object k : keys) {
                    t = t.assoc(k, k);
                }
                return PersistentSortedSet.ofTree(t);
            }
            Colls.SetBuilder b = Colls.setBuilder(s);
            for (Object k : keys) {
                b.add(k);
            }
            return b.build();
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return next.invoke(vals, PersistentSortedSet.EMPTY);
            }
            if (!(s instanceof Set)) {
                throw incompatible(s, "a sorted set");
            }
            return next.invoke(vals, sub(s, inRange(s, range, false, name())));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (s != null && !(s instanceof Set)) {
                throw incompatible(s, "a sorted set");
            }
            Object like = s == null ? PersistentTreeSet.EMPTY : s;
            List<Object> keys = inRange(like, range, false, name());
            Object r = next.invoke(vals, sub(like, keys));
            Object out = like;
            for (Object k : keys) {
                out = Colls.setRemove(out, k);
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
            return "(" + label + " " + range.describe() + ")";
        }
    }

}
