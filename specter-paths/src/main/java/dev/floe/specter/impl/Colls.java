package dev.floe.specter.impl;

import clojure.lang.APersistentVector;
import clojure.lang.Associative;
import clojure.lang.IEditableCollection;
import clojure.lang.ILookup;
import clojure.lang.IMapEntry;
import clojure.lang.IMeta;
import clojure.lang.IObj;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentList;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.IRecord;
import clojure.lang.ISeq;
import clojure.lang.ITransientAssociative;
import clojure.lang.ITransientCollection;
import clojure.lang.ITransientMap;
import clojure.lang.ITransientSet;
import clojure.lang.ITransientVector;
import clojure.lang.MapEntry;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentQueue;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Sequential;
import clojure.lang.Sorted;
import dev.floe.specter.PathException;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One place that knows how to read and rebuild every collection kind the engine supports:
 * Clojure persistent collections, {@code java.util} collections and strings. Every rebuild
 * returns the same kind of collection it was given (a vector stays a vector, a {@code TreeMap}
 * stays a {@code TreeMap} with its comparator, a {@code LinkedHashMap} keeps insertion order).
 * Inputs are never mutated: {@code java.util} collections are copied before they change, so a
 * transform that fails half way leaves the caller's data untouched.
 */
public final class Colls {
    private Colls() {}

    public static boolean truthy(Object o) {
        return o != null && o != Boolean.FALSE;
    }

    /** The type name used in error messages. */
    public static String typeName(Object o) {
        return o == null ? "nil" : o.getClass().getName();
    }

    // ------------------------------------------------------------------ kinds

    public static boolean isMap(Object o) {
        return o instanceof Map;
    }

    public static boolean isSet(Object o) {
        return o instanceof Set;
    }

    /** Vectors, lists, seqs, queues and {@code java.util.List}s (but not maps or sets). */
    public static boolean isSequential(Object o) {
        return o instanceof List || o instanceof Sequential || o instanceof ISeq;
    }

    public static boolean isSorted(Object o) {
        return o instanceof Sorted || o instanceof SortedMap || o instanceof SortedSet;
    }

    /** True when the collection is a Clojure list or seq, so "front" is the cheap end. */
    public static boolean isListLike(Object o) {
        return o instanceof IPersistentList || o instanceof ISeq;
    }

    // ------------------------------------------------------------------ lookup

    public static Object get(Object m, Object k) {
        if (m == null) {
            return null;
        }
        if (m instanceof ILookup) {
            return ((ILookup) m).valAt(k);
        }
        if (m instanceof Map) {
            return ((Map<?, ?>) m).get(k);
        }
        if (m instanceof List && k instanceof Number) {
            List<?> l = (List<?>) m;
            int i = ((Number) k).intValue();
            return i >= 0 && i < l.size() ? l.get(i) : null;
        }
        if (m instanceof CharSequence && k instanceof Number) {
            CharSequence s = (CharSequence) m;
            int i = ((Number) k).intValue();
            return i >= 0 && i < s.length() ? s.charAt(i) : null;
        }
        if (m instanceof Set) {
            return ((Set<?>) m).contains(k) ? k : null;
        }
        return RT.get(m, k);
    }

    /** True when {@link #get} can meaningfully look a key up in {@code m}. */
    public static boolean isLookup(Object m) {
        return m == null || m instanceof ILookup || m instanceof Map || m instanceof List
                || m instanceof CharSequence || m instanceof Set || m.getClass().isArray();
    }

    public static boolean containsKey(Object m, Object k) {
        if (m == null) {
            return false;
        }
        if (m instanceof Associative) {
            return ((Associative) m).containsKey(k);
        }
        if (m instanceof Map) {
            return ((Map<?, ?>) m).containsKey(k);
        }
        if (m instanceof List) {
            if (!(k instanceof Number)) {
                return false;
            }
            int i = ((Number) k).intValue();
            return i >= 0 && i < ((List<?>) m).size();
        }
        if (m instanceof Set) {
            return ((Set<?>) m).contains(k);
        }
        if (m instanceof CharSequence) {
            if (!(k instanceof Number)) {
                return false;
            }
            int i = ((Number) k).intValue();
            return i >= 0 && i < ((CharSequence) m).length();
        }
        return RT.booleanCast(RT.contains(m, k));
    }

    // ------------------------------------------------------------------ map writes

    /** Associates {@code k} to {@code v}; nil becomes a new map. */
    public static Object assoc(Object m, Object k, Object v) {
        if (m == null) {
            return PersistentArrayMap.EMPTY.assoc(k, v);
        }
        if (m instanceof Associative) {
            return ((Associative) m).assoc(k, v);
        }
        if (m instanceof Map) {
            Map<Object, Object> copy = copyMap(m);
            copy.put(k, v);
            return finishMap(m, copy);
        }
        if (m instanceof List && k instanceof Number && (m instanceof IPersistentCollection || m instanceof ISeq)) {
            // a persistent list or seq: rebuild the same kind (index = count appends)
            List<Object> l = asList(m);
            int i = ((Number) k).intValue();
            if (i != l.size()) {
                checkIndex(i, l.size(), "keypath");
            }
            SeqBuilder b = seqBuilder(m);
            for (int j = 0; j < l.size(); j++) {
                b.add(j == i ? v : l.get(j));
            }
            if (i == l.size()) {
                b.add(v);
            }
            return b.build();
        }
        if (m instanceof List && k instanceof Number) {
            List<Object> copy = copyList(m);
            int i = ((Number) k).intValue();
            if (i == copy.size()) {
                copy.add(v);
            } else {
                copy.set(checkIndex(i, copy.size(), "keypath"), v);
            }
            return finishList(m, copy);
        }
        throw new PathException("cannot associate key " + RT.printString(k) + " into a " + typeName(m));
    }

    /** Removes {@code k}; on sequences the index is removed and later elements shift. */
    public static Object dissoc(Object m, Object k) {
        if (m == null) {
            return null;
        }
        if (m instanceof IPersistentMap) {
            return ((IPersistentMap) m).without(k);
        }
        if (m instanceof Map) {
            Map<Object, Object> copy = copyMap(m);
            copy.remove(k);
            return finishMap(m, copy);
        }
        if (isSequential(m) && k instanceof Number) {
            return removeIndex(m, ((Number) k).intValue());
        }
        if (m instanceof Set) {
            return setRemove(m, k);
        }
        throw new PathException("cannot remove key " + RT.printString(k) + " from a " + typeName(m));
    }

    static int checkIndex(int i, int size, String nav) {
        if (i < 0 || i >= size) {
            throw new PathException(nav + ": index " + i + " out of bounds for a sequence of size " + size);
        }
        return i;
    }

    // ------------------------------------------------------------------ sequences

    public static int count(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Collection) {
            return ((Collection<?>) o).size();
        }
        if (o instanceof CharSequence) {
            return ((CharSequence) o).length();
        }
        return RT.count(o);
    }

    /** The elements of a sequential collection, set or map (maps yield map entries). */
    public static Iterable<Object> elements(Object coll) {
        if (coll == null) {
            return Collections.emptyList();
        }
        if (coll instanceof Map && !(coll instanceof IPersistentMap)) {
            return () -> entryIterator((Map<?, ?>) coll);
        }
        if (coll instanceof Iterable) {
            @SuppressWarnings("unchecked")
            Iterable<Object> it = (Iterable<Object>) coll;
            return it;
        }
        if (coll instanceof CharSequence) {
            CharSequence s = (CharSequence) coll;
            return () -> new Iterator<Object>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < s.length();
                }

                @Override
                public Object next() {
                    return s.charAt(i++);
                }
            };
        }
        if (coll.getClass().isArray()) {
            return () -> new Iterator<Object>() {
                final int n = java.lang.reflect.Array.getLength(coll);
                int i;

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Object next() {
                    return java.lang.reflect.Array.get(coll, i++);
                }
            };
        }
        throw new PathException("cannot iterate a " + typeName(coll));
    }

    /** A new array of {@code like}'s component type holding {@code elems} (unboxed for primitive arrays). */
    public static Object arrayLike(Object like, List<Object> elems) {
        Object out = java.lang.reflect.Array.newInstance(like.getClass().getComponentType(), elems.size());
        for (int i = 0; i < elems.size(); i++) {
            java.lang.reflect.Array.set(out, i, elems.get(i));
        }
        return out;
    }

    /**
     * The entries of a map in its own order: a persistent map (records included, whose
     * {@code entrySet} is unordered) is iterated directly, a java.util map through its entry set.
     */
    @SuppressWarnings("unchecked")
    public static Iterable<Map.Entry<Object, Object>> entries(Object map) {
        if (map instanceof IPersistentMap) {
            return (Iterable<Map.Entry<Object, Object>>) (Iterable<?>) map;
        }
        return ((Map<Object, Object>) map).entrySet();
    }

    private static Iterator<Object> entryIterator(Map<?, ?> m) {
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        return new Iterator<Object>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                Map.Entry<?, ?> e = it.next();
                return MapEntry.create(e.getKey(), e.getValue());
            }
        };
    }

    /** Elements of a sequential value as a random-access list (no copy for lists). */
    public static List<Object> asList(Object coll) {
        if (coll == null) {
            return Collections.emptyList();
        }
        if (coll instanceof List && coll instanceof java.util.RandomAccess) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) coll;
            return l;
        }
        ArrayList<Object> out = new ArrayList<>();
        for (Object o : elements(coll)) {
            out.add(o);
        }
        return out;
    }

    /** A builder of the same sequential kind as {@code like}. */
    public static SeqBuilder seqBuilder(Object like) {
        return new SeqBuilder(like);
    }

    /** Rebuilds {@code like}'s kind from the given elements. */
    public static Object seqFrom(Object like, Iterable<?> elems) {
        SeqBuilder b = seqBuilder(like);
        for (Object o : elems) {
            b.add(o);
        }
        return b.build();
    }

    /** Removes the element at {@code i}. */
    public static Object removeIndex(Object seq, int i) {
        List<Object> l = asList(seq);
        checkIndex(i, l.size(), "remove");
        SeqBuilder b = seqBuilder(seq);
        for (int j = 0; j < l.size(); j++) {
            if (j != i) {
                b.add(l.get(j));
            }
        }
        return b.build();
    }

    /** Replaces or removes (value {@code NONE}) the element at index {@code i}. */
    public static Object setIndex(Object seq, int i, Object v, Object none) {
        if (v == none) {
            return removeIndex(seq, i);
        }
        if (seq instanceof IPersistentVector) {
            return ((IPersistentVector) seq).assocN(i, v);
        }
        List<Object> l = asList(seq);
        checkIndex(i, l.size(), "nth");
        if (seq instanceof List && !(seq instanceof IPersistentCollection)) {
            List<Object> copy = copyList(seq);
            copy.set(i, v);
            return finishList(seq, copy);
        }
        SeqBuilder b = seqBuilder(seq);
        for (int j = 0; j < l.size(); j++) {
            b.add(j == i ? v : l.get(j));
        }
        return b.build();
    }

    /**
     * Accumulates the elements of a rebuilt sequence. Vectors build through transients, lists and
     * seqs rebuild as lists, strings rebuild as strings from characters and strings, and
     * {@code java.util.List}s rebuild as a new instance of their own class.
     */
    public static final class SeqBuilder {
        private final Object like;
        private ITransientCollection transientVec;
        private ArrayList<Object> items;
        private StringBuilder text;

        SeqBuilder(Object like) {
            this.like = like;
            if (like instanceof CharSequence) {
                text = new StringBuilder();
            } else if (like == null || like instanceof IPersistentVector) {
                transientVec = PersistentVector.EMPTY.asTransient();
            } else {
                items = new ArrayList<>();
            }
        }

        public SeqBuilder add(Object o) {
            if (transientVec != null) {
                transientVec = transientVec.conj(o);
            } else if (text != null) {
                if (o instanceof Character || o instanceof CharSequence) {
                    text.append(o);
                } else {
                    throw new PathException("cannot put a " + typeName(o) + " into a string");
                }
            } else {
                items.add(o);
            }
            return this;
        }

        public SeqBuilder addAll(Iterable<?> elems) {
            for (Object o : elems) {
                add(o);
            }
            return this;
        }

        public Object build() {
            if (transientVec != null) {
                Object v = transientVec.persistent();
                return withMeta(like, v);
            }
            if (text != null) {
                return text.toString();
            }
            if (like instanceof PersistentQueue) {
                PersistentQueue q = PersistentQueue.EMPTY;
                for (Object o : items) {
                    q = q.cons(o);
                }
                return withMeta(like, q);
            }
            if (like instanceof IPersistentCollection || like instanceof ISeq) {
                return withMeta(like, PersistentList.create(items));
            }
            if (like instanceof List) {
                List<Object> out = newList(like);
                out.addAll(items);
                return finishList(like, out);
            }
            return PersistentVector.create(items);
        }
    }

    static Object withMeta(Object like, Object result) {
        if (like instanceof IMeta && result instanceof IObj) {
            IPersistentMap meta = ((IMeta) like).meta();
            if (meta != null) {
                return ((IObj) result).withMeta(meta);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ maps

    /** A builder of the same map kind as {@code like} (records rebuild by assoc/dissoc). */
    public static MapBuilder mapBuilder(Object like) {
        return new MapBuilder(like);
    }

    public static final class MapBuilder {
        private final Object like;
        private ITransientMap transientMap;
        private Object persistent;
        private Map<Object, Object> javaMap;
        private ArrayList<Object[]> recordEntries;

        MapBuilder(Object like) {
            this.like = like;
            if (like == null) {
                transientMap = PersistentArrayMap.EMPTY.asTransient();
            } else if (like instanceof IRecord) {
                recordEntries = new ArrayList<>();
            } else if (like instanceof IPersistentMap) {
                IPersistentCollection empty = ((IPersistentCollection) like).empty();
                if (empty instanceof IEditableCollection) {
                    transientMap = (ITransientMap) ((IEditableCollection) empty).asTransient();
                } else {
                    persistent = empty;
                }
            } else if (like instanceof Map) {
                javaMap = newMap(like);
            } else {
                throw new PathException("cannot build a map like a " + typeName(like));
            }
        }

        public MapBuilder put(Object k, Object v) {
            if (transientMap != null) {
                transientMap = transientMap.assoc(k, v);
            } else if (persistent != null) {
                persistent = ((Associative) persistent).assoc(k, v);
            } else if (javaMap != null) {
                javaMap.put(k, v);
            } else {
                recordEntries.add(new Object[] {k, v});
            }
            return this;
        }

        public Object build() {
            if (transientMap != null) {
                return withMeta(like, transientMap.persistent());
            }
            if (persistent != null) {
                return withMeta(like, persistent);
            }
            if (javaMap != null) {
                return finishMap(like, javaMap);
            }
            HashSet<Object> kept = new HashSet<>();
            for (Object[] e : recordEntries) {
                kept.add(e[0]);
            }
            IPersistentMap r = (IPersistentMap) like;
            for (Object k : ((Map<?, ?>) like).keySet()) {
                if (!kept.contains(k)) {
                    r = r.without(k);
                }
            }
            for (Object[] e : recordEntries) {
                r = r.assoc(e[0], e[1]);
            }
            return r;
        }
    }

    /** Keys and values of a map entry or 2-element sequence returned by a transform fn. */
    public static Object[] pair(Object o, String nav) {
        if (o instanceof Map.Entry) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            return new Object[] {e.getKey(), e.getValue()};
        }
        if (isSequential(o) && count(o) >= 2) {
            return new Object[] {RT.nth(o, 0), RT.nth(o, 1)};
        }
        throw new PathException(nav + ": a map element must be replaced by a [key value] pair, got a "
                + typeName(o));
    }

    public static Object entry(Object k, Object v) {
        return MapEntry.create(k, v);
    }

    // ------------------------------------------------------------------ sets

    public static Object setAdd(Object s, Object e) {
        if (s == null) {
            return PersistentHashSet.create(e);
        }
        if (s instanceof IPersistentSet) {
            return ((IPersistentSet) s).cons(e);
        }
        if (s instanceof Set) {
            Set<Object> copy = copySet(s);
            copy.add(e);
            return finishSet(s, copy);
        }
        throw new PathException("cannot add an element to a " + typeName(s));
    }

    public static Object setRemove(Object s, Object e) {
        if (s == null) {
            return null;
        }
        if (s instanceof IPersistentSet) {
            return ((IPersistentSet) s).disjoin(e);
        }
        if (s instanceof Set) {
            Set<Object> copy = copySet(s);
            copy.remove(e);
            return finishSet(s, copy);
        }
        throw new PathException("cannot remove an element from a " + typeName(s));
    }

    /** A builder of the same set kind as {@code like}. */
    public static SetBuilder setBuilder(Object like) {
        return new SetBuilder(like);
    }

    public static final class SetBuilder {
        private final Object like;
        private ITransientCollection transientSet;
        private Object persistent;
        private Set<Object> javaSet;

        SetBuilder(Object like) {
            this.like = like;
            if (like == null) {
                transientSet = PersistentHashSet.EMPTY.asTransient();
            } else if (like instanceof IPersistentSet) {
                IPersistentCollection empty = ((IPersistentCollection) like).empty();
                if (empty instanceof IEditableCollection) {
                    transientSet = ((IEditableCollection) empty).asTransient();
                } else {
                    persistent = empty;
                }
            } else if (like instanceof Set) {
                javaSet = newSet(like);
            } else {
                throw new PathException("cannot build a set like a " + typeName(like));
            }
        }

        public SetBuilder add(Object o) {
            if (transientSet != null) {
                transientSet = ((ITransientSet) transientSet).conj(o);
            } else if (persistent != null) {
                persistent = ((IPersistentSet) persistent).cons(o);
            } else {
                javaSet.add(o);
            }
            return this;
        }

        public Object build() {
            if (transientSet != null) {
                return withMeta(like, transientSet.persistent());
            }
            if (persistent != null) {
                return withMeta(like, persistent);
            }
            return finishSet(like, javaSet);
        }
    }

    // ------------------------------------------------------------------ java.util copies

    private static boolean isUnmodifiable(Object o) {
        String n = o.getClass().getName();
        return n.startsWith("java.util.ImmutableCollections") || n.startsWith("java.util.Collections$Unmodifiable")
                || n.startsWith("java.util.Collections$Empty") || n.startsWith("java.util.Collections$Singleton");
    }

    private static <T> T instantiate(Object like) {
        Class<?> c = like.getClass();
        try {
            Constructor<?> ctor = c.getConstructor();
            @SuppressWarnings("unchecked")
            T t = (T) ctor.newInstance();
            return t;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> newMap(Object like) {
        if (like instanceof SortedMap) {
            Comparator<Object> cmp = (Comparator<Object>) ((SortedMap<?, ?>) like).comparator();
            if (like.getClass() == TreeMap.class || isUnmodifiable(like)) {
                return new TreeMap<>(cmp);
            }
        }
        if (!isUnmodifiable(like)) {
            Map<Object, Object> m = instantiate(like);
            if (m != null) {
                return m;
            }
        }
        if (like instanceof SortedMap) {
            return new TreeMap<>((Comparator<Object>) ((SortedMap<?, ?>) like).comparator());
        }
        return like instanceof java.util.LinkedHashMap || isUnmodifiable(like)
                ? new java.util.LinkedHashMap<>() : new HashMap<>();
    }

    static Map<Object, Object> copyMap(Object like) {
        Map<Object, Object> m = newMap(like);
        @SuppressWarnings("unchecked")
        Map<Object, Object> src = (Map<Object, Object>) like;
        m.putAll(src);
        return m;
    }

    static Object finishMap(Object like, Map<Object, Object> m) {
        if (isUnmodifiable(like)) {
            return like instanceof SortedMap
                    ? Collections.unmodifiableSortedMap((SortedMap<Object, Object>) m)
                    : Collections.unmodifiableMap(m);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Set<Object> newSet(Object like) {
        if (like instanceof SortedSet) {
            Comparator<Object> cmp = (Comparator<Object>) ((SortedSet<?>) like).comparator();
            if (like.getClass() == TreeSet.class || isUnmodifiable(like)) {
                return new TreeSet<>(cmp);
            }
        }
        if (!isUnmodifiable(like)) {
            Set<Object> s = instantiate(like);
            if (s != null) {
                return s;
            }
        }
        if (like instanceof SortedSet) {
            return new TreeSet<>((Comparator<Object>) ((SortedSet<?>) like).comparator());
        }
        return like instanceof java.util.LinkedHashSet || isUnmodifiable(like)
                ? new java.util.LinkedHashSet<>() : new HashSet<>();
    }

    static Set<Object> copySet(Object like) {
        Set<Object> s = newSet(like);
        @SuppressWarnings("unchecked")
        Set<Object> src = (Set<Object>) like;
        s.addAll(src);
        return s;
    }

    static Object finishSet(Object like, Set<Object> s) {
        if (isUnmodifiable(like)) {
            return like instanceof SortedSet
                    ? Collections.unmodifiableSortedSet((SortedSet<Object>) s)
                    : Collections.unmodifiableSet(s);
        }
        return s;
    }

    static List<Object> newList(Object like) {
        if (!isUnmodifiable(like)) {
            List<Object> l = instantiate(like);
            if (l != null) {
                return l;
            }
        }
        return new ArrayList<>();
    }

    static List<Object> copyList(Object like) {
        List<Object> l = newList(like);
        @SuppressWarnings("unchecked")
        List<Object> src = (List<Object>) like;
        l.addAll(src);
        return l;
    }

    static Object finishList(Object like, List<Object> l) {
        return isUnmodifiable(like) ? Collections.unmodifiableList(l) : l;
    }

    // ------------------------------------------------------------------ misc

    /** Vector of a Clojure or Java map entry, so map elements are always [k v] lists. */
    public static Object asEntry(Object o) {
        if (o instanceof IMapEntry) {
            return o;
        }
        if (o instanceof Map.Entry) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            return MapEntry.create(e.getKey(), e.getValue());
        }
        return o;
    }

    public static boolean isVector(Object o) {
        return o instanceof APersistentVector || o instanceof IPersistentVector;
    }

    public static Object emptySortedLike(Object like) {
        if (like instanceof PersistentTreeMap || like instanceof PersistentTreeSet) {
            return ((IPersistentCollection) like).empty();
        }
        return null;
    }

    /** Transient helpers kept here so navigators need not know transient types. */
    public static ITransientAssociative transientAssoc(ITransientAssociative t, Object k, Object v) {
        return t.assoc(k, v);
    }

    public static ITransientVector transientVector() {
        return PersistentVector.EMPTY.asTransient();
    }
}
