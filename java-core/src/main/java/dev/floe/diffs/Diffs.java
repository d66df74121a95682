package dev.floe.diffs;

import clojure.lang.ILookup;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentStack;
import clojure.lang.IPersistentVector;
import clojure.lang.IRecord;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import clojure.lang.Sorted;
import dev.floe.store.StoredList;
import dev.floe.store.StoredMap;
import dev.floe.store.StoredSet;
import dev.floe.store.StoredStructure;
import dev.floe.store.TreeDiff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applying a diff to a value, and the diff between two values.
 *
 * <p>The laws (property-tested in {@code DiffLawsTest}): for all values {@code a} and {@code b},
 * {@code apply(between(a, b), a)} equals {@code b} (when {@code between} returns null, {@code a}
 * equals {@code b}); {@code between(a, a)} is null; and processing a diff with a processor that
 * handles only the single-change diffs yields changes whose application in order equals applying
 * the diff.
 *
 * <p>Both functions are pure and thread-safe. {@code apply} keeps the kind of the old value (a
 * Clojure persistent value stays persistent; a {@code java.util} collection is copied, never
 * changed in place).
 */
public final class Diffs {
    private Diffs() {}

    /** Absent from a map. */
    private static final Object NONE = new Object();

    // ------------------------------------------------------------------------------ apply

    /**
     * The value {@code diff} makes of {@code oldValue}.
     *
     * @throws DiffNotApplicableException when the diff carries no value ({@link UnknownDiff},
     *     {@link ResyncDiff}, {@link AppendDiff}, {@link SequenceChangeDiff},
     *     {@link DestroyedDiff}, {@link UngracefulTerminationDiff}, or a {@link KeyChangeDiff}
     *     expanded to a key with an unknown value) or does not fit the value (a key diff on a set,
     *     a sequence diff whose old size is not the list's): the caller reads the new value whole
     */
    public static Object apply(Diff diff, Object oldValue) {
        if (diff instanceof NewValueDiff) {
            return ((NewValueDiff) diff).getVal();
        }
        if (diff instanceof KeyDiff) {
            KeyDiff d = (KeyDiff) diff;
            return assocKey(oldValue, d.getKey(), apply(d.getValDiff(), getKey(oldValue, d.getKey(), d)), d);
        }
        if (diff instanceof KeysDiff) {
            Object v = oldValue;
            for (Map.Entry<Object, Diff> e : ((KeysDiff) diff).getKeyToDiff().entrySet()) {
                v = assocKey(v, e.getKey(), apply(e.getValue(), getKey(v, e.getKey(), diff)), diff);
            }
            return v;
        }
        if (diff instanceof KeyRemoveDiff) {
            return removeKey(oldValue, ((KeyRemoveDiff) diff).getKey(), diff);
        }
        if (diff instanceof KeysRemoveDiff) {
            Object v = oldValue;
            for (Object k : ((KeysRemoveDiff) diff).getKeys()) {
                v = removeKey(v, k, diff);
            }
            return v;
        }
        if (diff instanceof KeyChangeDiff) {
            KeyChangeDiff d = (KeyChangeDiff) diff;
            if (!(oldValue instanceof Map) || !((Map<?, ?>) oldValue).containsKey(d.getFromKey())) {
                throw notApplicable(diff, "its key " + d.getFromKey() + " is not in " + describe(oldValue));
            }
            Object v = getKey(oldValue, d.getFromKey(), d);
            return assocKey(removeKey(oldValue, d.getFromKey(), d), d.getToKey(), v, d);
        }
        if (diff instanceof SetAddDiff) {
            return addElems(oldValue, ((SetAddDiff) diff).getElems(), diff);
        }
        if (diff instanceof SetRemoveDiff) {
            return removeElems(oldValue, ((SetRemoveDiff) diff).getElems(), diff);
        }
        if (diff instanceof MultiSetAddDiff) {
            MultiSetAddDiff d = (MultiSetAddDiff) diff;
            return assocKey(oldValue, d.getElem(), count(getKey(oldValue, d.getElem(), d), d.getNewCount()), d);
        }
        if (diff instanceof MultiSetRemoveDiff) {
            MultiSetRemoveDiff d = (MultiSetRemoveDiff) diff;
            return d.getNewCount() == 0 ? removeKey(oldValue, d.getElem(), d)
                    : assocKey(oldValue, d.getElem(), count(getKey(oldValue, d.getElem(), d), d.getNewCount()), d);
        }
        if (diff instanceof SequenceInsertDiff) {
            SequenceInsertDiff d = (SequenceInsertDiff) diff;
            return insert(oldValue, d.getBeforeIndex(), Collections.singletonList(d.getElem()), d.getOldSize(), d);
        }
        if (diff instanceof SequenceInsertsDiff) {
            SequenceInsertsDiff d = (SequenceInsertsDiff) diff;
            return insert(oldValue, d.getBeforeIndex(), d.getElems(), d.getOldSize(), d);
        }
        if (diff instanceof SequenceIndexChangeDiff) {
            SequenceIndexChangeDiff d = (SequenceIndexChangeDiff) diff;
            return changeIndex(oldValue, d.getIndex(), d.getValDiff(), d);
        }
        if (diff instanceof SequenceIndexChangesDiff) {
            Object v = oldValue;
            for (Map.Entry<Integer, Diff> e : ((SequenceIndexChangesDiff) diff).getIndexToDiff().entrySet()) {
                v = changeIndex(v, e.getKey(), e.getValue(), diff);
            }
            return v;
        }
        if (diff instanceof SequenceIndexRemoveDiff) {
            SequenceIndexRemoveDiff d = (SequenceIndexRemoveDiff) diff;
            return removeRange(oldValue, d.getIndex(), d.getAmt(), d.getOldSize(), d);
        }
        if (diff instanceof SequenceReorderDiff) {
            SequenceReorderDiff d = (SequenceReorderDiff) diff;
            List<Object> l = listOf(oldValue, d.getSequenceSize(), d);
            List<Object> out = new ArrayList<>(l);
            out.add(d.getToIndex(), out.remove(d.getFromIndex()));
            return rebuildList(oldValue, out);
        }
        if (diff instanceof MultiDiff) {
            Object v = oldValue;
            for (Diff d : ((MultiDiff) diff).getDiffs()) {
                v = apply(d, v);
            }
            return v;
        }
        if (diff == null) {
            throw new IllegalArgumentException("apply: the diff is null (between returns null for equal values: nothing to apply)");
        }
        throw notApplicable(diff, "it carries no value");
    }

    private static DiffNotApplicableException notApplicable(Diff diff, String why) {
        return new DiffNotApplicableException(diff, "cannot apply " + diff + ": " + why + "; read the new value instead");
    }

    private static String describe(Object v) {
        return v == null ? "nil" : "a " + v.getClass().getName();
    }

    /** A multi-set count of the type already there (Integer or Long). */
    private static Object count(Object old, int n) {
        return old instanceof Integer ? (Object) n : (Object) (long) n;
    }

    private static Object getKey(Object coll, Object key, Diff diff) {
        if (coll == null) {
            return null;
        }
        if (coll instanceof ILookup && coll instanceof Map) {
            return ((ILookup) coll).valAt(key);
        }
        if (coll instanceof Map) {
            return ((Map<?, ?>) coll).get(key);
        }
        if (coll instanceof List && key instanceof Number) {
            int i = ((Number) key).intValue();
            List<?> l = (List<?>) coll;
            return i >= 0 && i < l.size() ? l.get(i) : null;
        }
        throw notApplicable(diff, "key " + key + " of " + describe(coll));
    }

    private static Object assocKey(Object coll, Object key, Object val, Diff diff) {
        if (coll == null) {
            return PersistentArrayMap.EMPTY.assoc(key, val);
        }
        if (coll instanceof IPersistentMap) {
            return ((IPersistentMap) coll).assoc(key, val);
        }
        if (coll instanceof Map) {
            Map<Object, Object> m = copyMap((Map<?, ?>) coll);
            m.put(key, val);
            return m;
        }
        if (coll instanceof List && key instanceof Number) {
            int i = ((Number) key).intValue();
            int n = ((List<?>) coll).size();
            if (i == n) {
                return insert(coll, n, Collections.singletonList(val), n, diff);
            }
            return setIndex(coll, i, val, diff);
        }
        throw notApplicable(diff, "key " + key + " of " + describe(coll));
    }

    private static Object removeKey(Object coll, Object key, Diff diff) {
        if (coll == null) {
            return null;
        }
        if (coll instanceof IPersistentMap) {
            return ((IPersistentMap) coll).without(key);
        }
        if (coll instanceof Map) {
            Map<Object, Object> m = copyMap((Map<?, ?>) coll);
            m.remove(key);
            return m;
        }
        if (coll instanceof List && key instanceof Number) {
            int n = ((List<?>) coll).size();
            return removeRange(coll, ((Number) key).intValue(), 1, n, diff);
        }
        throw notApplicable(diff, "key " + key + " of " + describe(coll));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> copyMap(Map<?, ?> m) {
        if (m instanceof SortedMap) {
            return new TreeMap<>((SortedMap<Object, Object>) m);
        }
        if (m instanceof LinkedHashMap) {
            return new LinkedHashMap<>(m);
        }
        return new HashMap<>(m);
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> copySet(Set<?> s) {
        if (s instanceof SortedSet) {
            return new TreeSet<>((SortedSet<Object>) s);
        }
        if (s instanceof LinkedHashSet) {
            return new LinkedHashSet<>(s);
        }
        return new HashSet<>(s);
    }

    private static Object addElems(Object coll, Set<Object> elems, Diff diff) {
        if (coll == null) {
            return PersistentHashSet.create(new ArrayList<>(elems));
        }
        if (coll instanceof IPersistentSet) {
            IPersistentCollection s = (IPersistentCollection) coll;
            for (Object e : elems) {
                s = s.cons(e);
            }
            return s;
        }
        if (coll instanceof Set) {
            Set<Object> s = copySet((Set<?>) coll);
            s.addAll(elems);
            return s;
        }
        throw notApplicable(diff, "it adds to a set, not to " + describe(coll));
    }

    private static Object removeElems(Object coll, Set<Object> elems, Diff diff) {
        if (coll == null) {
            return null;
        }
        if (coll instanceof IPersistentSet) {
            IPersistentSet s = (IPersistentSet) coll;
            for (Object e : elems) {
                s = s.disjoin(e);
            }
            return s;
        }
        if (coll instanceof Set) {
            Set<Object> s = copySet((Set<?>) coll);
            s.removeAll(elems);
            return s;
        }
        throw notApplicable(diff, "it removes from a set, not from " + describe(coll));
    }

    /** The value as a list of the size the diff expects. */
    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object coll, int expectedSize, Diff diff) {
        if (coll == null) {
            coll = PersistentVector.EMPTY;
        }
        if (!(coll instanceof List)) {
            throw notApplicable(diff, "it changes a list, not " + describe(coll));
        }
        List<Object> l = (List<Object>) coll;
        if (l.size() != expectedSize) {
            throw notApplicable(diff, "it changes a list of " + expectedSize + " elements, not one of " + l.size());
        }
        return l;
    }

    /** A list of the old value's kind holding {@code elems}. */
    private static Object rebuildList(Object old, List<Object> elems) {
        if (old == null || old instanceof IPersistentVector) {
            return PersistentVector.create(elems);
        }
        if (old instanceof IPersistentCollection) {
            return PersistentList.create(elems);
        }
        return old instanceof LinkedList ? new LinkedList<>(elems) : elems;
    }

    private static Object insert(Object coll, int at, List<Object> elems, int oldSize, Diff diff) {
        List<Object> l = listOf(coll, oldSize, diff);
        if (at == oldSize && (coll == null || coll instanceof IPersistentVector)) {
            IPersistentVector v = coll == null ? PersistentVector.EMPTY : (IPersistentVector) coll;
            for (Object e : elems) {
                v = v.cons(e);
            }
            return v;
        }
        List<Object> out = new ArrayList<>(l.size() + elems.size());
        out.addAll(l.subList(0, at));
        out.addAll(elems);
        out.addAll(l.subList(at, l.size()));
        return rebuildList(coll, out);
    }

    private static Object setIndex(Object coll, int i, Object val, Diff diff) {
        List<Object> l = listOf(coll, coll == null ? 0 : ((List<?>) coll).size(), diff);
        if (i < 0 || i >= l.size()) {
            throw notApplicable(diff, "index " + i + " is not in a list of " + l.size());
        }
        if (coll instanceof IPersistentVector) {
            return ((IPersistentVector) coll).assocN(i, val);
        }
        List<Object> out = new ArrayList<>(l);
        out.set(i, val);
        return rebuildList(coll, out);
    }

    private static Object changeIndex(Object coll, int i, Diff valDiff, Diff diff) {
        if (!(coll instanceof List) || i >= ((List<?>) coll).size()) {
            throw notApplicable(diff, "index " + i + " is not in " + describe(coll));
        }
        return setIndex(coll, i, apply(valDiff, ((List<?>) coll).get(i)), diff);
    }

    private static Object removeRange(Object coll, int from, int amt, int oldSize, Diff diff) {
        List<Object> l = listOf(coll, oldSize, diff);
        if (from < 0 || from + amt > l.size()) {
            throw notApplicable(diff, amt + " elements from " + from + " are not in a list of " + l.size());
        }
        if (from + amt == l.size() && coll instanceof IPersistentVector) {
            IPersistentStack v = (IPersistentStack) coll;
            for (int k = 0; k < amt; k++) {
                v = v.pop();
            }
            return v;
        }
        List<Object> out = new ArrayList<>(l.size() - amt);
        out.addAll(l.subList(0, from));
        out.addAll(l.subList(from + amt, l.size()));
        return rebuildList(coll, out);
    }

    // ------------------------------------------------------------------------------ between

    /**
     * The diff that turns {@code oldValue} into {@code newValue}, or null when they are equal.
     * Structural: maps give {@link KeyDiff}s / {@link KeysDiff} of changed or new keys (recursing
     * into changed values) and {@link KeyRemoveDiff} / {@link KeysRemoveDiff} of removed ones, in
     * a {@link MultiDiff} when both; sets give {@link SetRemoveDiff} and {@link SetAddDiff}; lists
     * give, around the common prefix and suffix, {@link SequenceIndexChangeDiff}s of changed
     * elements and a {@link SequenceInsertDiff} / {@link SequenceInsertsDiff} or a
     * {@link SequenceIndexRemoveDiff}; anything else, and two values of different kinds (a map
     * and a list, a sorted and a hash map, a Clojure and a {@code java.util} collection), a
     * {@link NewValueDiff}.
     *
     * <p>Cost: identical ({@code ==}) values are skipped without a look inside; two versions of
     * a Clojure sorted map or set walk only the tree nodes they do not share ({@link TreeDiff});
     * two views of the same stored structure of a PState ({@code StoredMap}, {@code StoredSet},
     * {@code StoredList}) look only at the keys in their overlays
     * ({@link StoredStructure#changedKeysSince}), one point lookup each, recursing into nested
     * subindexed structures the same way. Compare a working view with its committed view before
     * the commit is written. Values put in diffs are plain (stored views are materialized).
     */
    public static Diff between(Object oldValue, Object newValue) {
        return diff(oldValue, newValue);
    }

    private enum Shape { MAP, SET, LIST, OTHER }

    private static Shape shape(Object v) {
        if (v instanceof Map) {
            return Shape.MAP;
        }
        if (v instanceof Set) {
            return Shape.SET;
        }
        if (v instanceof List) {
            return Shape.LIST;
        }
        return Shape.OTHER;
    }

    /** Stands for "not sorted" and "natural order" among comparators. */
    private static final Object UNSORTED = new Object();
    private static final Object NATURAL = new Object();

    private static Object order(Object v) {
        Object c;
        if (v instanceof Sorted) {
            c = ((Sorted) v).comparator();
        } else if (v instanceof SortedMap) {
            c = ((SortedMap<?, ?>) v).comparator();
        } else if (v instanceof SortedSet) {
            c = ((SortedSet<?>) v).comparator();
        } else {
            return UNSORTED;
        }
        return c == null ? NATURAL : c;
    }

    /** True when applying diffs to {@code a} keeps it of {@code b}'s kind. */
    private static boolean sameKind(Object a, Object b, Shape shape) {
        if ((a instanceof IPersistentCollection) != (b instanceof IPersistentCollection)) {
            return false;
        }
        if ((a instanceof IRecord || b instanceof IRecord) && a.getClass() != b.getClass()) {
            return false;
        }
        if (shape == Shape.LIST) {
            return (a instanceof IPersistentVector) == (b instanceof IPersistentVector);
        }
        return order(a).equals(order(b));
    }

    private static Object plain(Object v) {
        return v instanceof StoredStructure ? ((StoredStructure) v).materialize() : v;
    }

    private static Diff diff(Object a, Object b) {
        if (a == b) {
            return null;
        }
        if (a instanceof StoredStructure && b instanceof StoredStructure) {
            List<Object> keys = ((StoredStructure) b).changedKeysSince((StoredStructure) a);
            if (keys != null) {
                return storedDiff(a, b, keys);
            }
        }
        Shape s = shape(a);
        if (s != Shape.OTHER && s == shape(b) && sameKind(a, b, s)) {
            switch (s) {
                case MAP:
                    return mapDiff((Map<?, ?>) a, (Map<?, ?>) b);
                case SET:
                    return setDiff((Set<?>) a, (Set<?>) b);
                default:
                    return listDiff((List<?>) a, (List<?>) b);
            }
        }
        return Objects.equals(a, b) ? null : new NewValueDiff(plain(b));
    }

    private static Object lookup(Map<?, ?> m, Object k) {
        if (m instanceof ILookup) {
            return ((ILookup) m).valAt(k, NONE);
        }
        Object v = m.get(k);
        return v != null || m.containsKey(k) ? v : NONE;
    }

    /** The diff of one key, or null when unchanged. */
    private static Diff keyDiff(Object oldVal, Object newVal) {
        if (newVal == NONE) {
            return null;
        }
        if (oldVal == NONE) {
            return new NewValueDiff(plain(newVal));
        }
        return diff(oldVal, newVal);
    }

    private static Diff mapDiff(Map<?, ?> a, Map<?, ?> b) {
        if (a instanceof PersistentTreeMap && b instanceof PersistentTreeMap && TreeDiff.AVAILABLE) {
            return treeMapDiff((PersistentTreeMap) a, (PersistentTreeMap) b);
        }
        Map<Object, Diff> changed = new LinkedHashMap<>();
        List<Object> removed = new ArrayList<>();
        for (Map.Entry<?, ?> e : b.entrySet()) {
            Diff d = keyDiff(lookup(a, e.getKey()), e.getValue());
            if (d != null) {
                changed.put(e.getKey(), d);
            }
        }
        for (Object k : a.keySet()) {
            if (!b.containsKey(k)) {
                removed.add(k);
            }
        }
        return mapResult(changed, removed);
    }

    @SuppressWarnings("unchecked")
    private static Diff treeMapDiff(PersistentTreeMap a, PersistentTreeMap b) {
        Comparator<Object> order = (Comparator<Object>) b.comparator();
        TreeMap<Object, Diff> changed = new TreeMap<>(order);
        TreeSet<Object> removed = new TreeSet<>(order);
        // entries of b outside the subtrees it shares with a: every new or changed one is among them
        TreeDiff.changed(a, b, (k, v) -> {
            Diff d = keyDiff(a.valAt(k, NONE), v);
            if (d != null) {
                changed.put(k, d);
            }
        });
        // entries of a outside the subtrees it shares with b: every removed one is among them
        TreeDiff.changed(b, a, (k, v) -> {
            if (!b.containsKey(k)) {
                removed.add(k);
            }
        });
        return mapResult(new LinkedHashMap<>(changed), new ArrayList<>(removed));
    }

    private static Diff mapResult(Map<Object, Diff> changed, List<Object> removed) {
        Diff rm = removed.isEmpty() ? null
                : removed.size() == 1 ? new KeyRemoveDiff(removed.get(0)) : new KeysRemoveDiff(removed);
        Diff ch;
        if (changed.isEmpty()) {
            ch = null;
        } else if (changed.size() == 1) {
            Map.Entry<Object, Diff> e = changed.entrySet().iterator().next();
            ch = new KeyDiff(e.getKey(), e.getValue());
        } else {
            ch = new KeysDiff(changed);
        }
        return combine(rm, ch);
    }

    private static Diff combine(Diff first, Diff second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return new MultiDiff(List.of(first, second));
    }

    @SuppressWarnings("unchecked")
    private static Diff setDiff(Set<?> a, Set<?> b) {
        Collection<Object> added;
        Collection<Object> removed;
        PersistentTreeMap ta = a instanceof PersistentTreeSet && TreeDiff.AVAILABLE ? TreeDiff.treeOf((PersistentTreeSet) a) : null;
        PersistentTreeMap tb = b instanceof PersistentTreeSet && TreeDiff.AVAILABLE ? TreeDiff.treeOf((PersistentTreeSet) b) : null;
        if (ta != null && tb != null) {
            Comparator<Object> order = (Comparator<Object>) tb.comparator();
            Collection<Object> add = new TreeSet<>(order);
            Collection<Object> rm = new TreeSet<>(order);
            TreeDiff.changed(ta, tb, (k, v) -> {
                if (!ta.containsKey(k)) {
                    add.add(k);
                }
            });
            TreeDiff.changed(tb, ta, (k, v) -> {
                if (!tb.containsKey(k)) {
                    rm.add(k);
                }
            });
            added = add;
            removed = rm;
        } else {
            added = new ArrayList<>();
            removed = new ArrayList<>();
            for (Object e : b) {
                if (!a.contains(e)) {
                    added.add(e);
                }
            }
            for (Object e : a) {
                if (!b.contains(e)) {
                    removed.add(e);
                }
            }
        }
        return combine(removed.isEmpty() ? null : SetRemoveDiff.of(removed), added.isEmpty() ? null : SetAddDiff.of(added));
    }

    /** A list read cheaply by index (a copy of a stored list or a linked one). */
    @SuppressWarnings("unchecked")
    private static List<Object> indexed(List<?> l) {
        if (l instanceof RandomAccess && !(l instanceof StoredStructure)) {
            return (List<Object>) l;
        }
        return new ArrayList<>(l);
    }

    private static boolean same(Object x, Object y) {
        return x == y || Objects.equals(x, y);
    }

    private static Diff listDiff(List<?> oldList, List<?> newList) {
        List<Object> a = indexed(oldList);
        List<Object> b = indexed(newList);
        int n = a.size();
        int m = b.size();
        int p = 0;
        while (p < n && p < m && same(a.get(p), b.get(p))) {
            p++;
        }
        int s = 0;
        while (s < n - p && s < m - p && same(a.get(n - 1 - s), b.get(m - 1 - s))) {
            s++;
        }
        int am = n - p - s;
        int bm = m - p - s;
        if (am == 0 && bm == 0) {
            return null;
        }
        int overlap = Math.min(am, bm);
        Map<Integer, Diff> changes = new TreeMap<>();
        boolean allWhole = true;
        for (int i = p; i < p + overlap; i++) {
            Diff d = diff(a.get(i), b.get(i));
            if (d != null) {
                changes.put(i, d);
                allWhole &= d instanceof NewValueDiff;
            }
        }
        if (p == 0 && s == 0 && overlap > 0 && changes.size() == overlap && allWhole) {
            return new NewValueDiff(plain(newList)); // nothing in common: the value itself is no bigger
        }
        Diff tail = null;
        if (bm > am) {
            tail = inserts(p + am, b.subList(p + am, p + bm), n);
        } else if (am > bm) {
            tail = new SequenceIndexRemoveDiff(p + bm, am - bm, n);
        }
        return combine(indexChanges(changes), tail);
    }

    private static Diff inserts(int at, List<Object> elems, int oldSize) {
        if (elems.size() == 1) {
            return new SequenceInsertDiff(at, plain(elems.get(0)), oldSize);
        }
        List<Object> out = new ArrayList<>(elems.size());
        for (Object e : elems) {
            out.add(plain(e));
        }
        return new SequenceInsertsDiff(at, out, oldSize);
    }

    private static Diff indexChanges(Map<Integer, Diff> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        if (changes.size() == 1) {
            Map.Entry<Integer, Diff> e = changes.entrySet().iterator().next();
            return new SequenceIndexChangeDiff(e.getKey(), e.getValue());
        }
        return new SequenceIndexChangesDiff(changes);
    }

    /** Two views of one stored structure that differ only at {@code keys} (their overlays' keys). */
    private static Diff storedDiff(Object a, Object b, List<Object> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        if (b instanceof StoredMap) {
            StoredMap ma = (StoredMap) a;
            StoredMap mb = (StoredMap) b;
            Map<Object, Diff> changed = new LinkedHashMap<>();
            List<Object> removed = new ArrayList<>();
            for (Object k : keys) {
                Object ov = ma.valAt(k, NONE);
                Object nv = mb.valAt(k, NONE);
                if (nv == NONE) {
                    if (ov != NONE) {
                        removed.add(k);
                    }
                    continue;
                }
                Diff d = keyDiff(ov, nv);
                if (d != null) {
                    changed.put(k, d);
                }
            }
            return mapResult(changed, removed);
        }
        if (b instanceof StoredSet) {
            StoredSet sa = (StoredSet) a;
            StoredSet sb = (StoredSet) b;
            List<Object> added = new ArrayList<>();
            List<Object> removed = new ArrayList<>();
            for (Object k : keys) {
                boolean was = sa.contains(k);
                boolean is = sb.contains(k);
                if (is && !was) {
                    added.add(k);
                } else if (was && !is) {
                    removed.add(k);
                }
            }
            return combine(removed.isEmpty() ? null : SetRemoveDiff.of(removed), added.isEmpty() ? null : SetAddDiff.of(added));
        }
        StoredList la = (StoredList) a;
        StoredList lb = (StoredList) b;
        int n = la.count();
        int m = lb.count();
        Map<Integer, Diff> changes = new TreeMap<>();
        for (Object k : keys) {
            int i = ((Number) k).intValue();
            if (i < Math.min(n, m)) {
                Diff d = diff(la.nth(i), lb.nth(i));
                if (d != null) {
                    changes.put(i, d);
                }
            }
        }
        Diff tail = null;
        if (m > n) {
            List<Object> appended = new ArrayList<>(m - n);
            for (int i = n; i < m; i++) {
                appended.add(lb.nth(i));
            }
            tail = inserts(n, appended, n);
        } else if (m < n) {
            tail = new SequenceIndexRemoveDiff(m, n - m, n);
        }
        return combine(indexChanges(changes), tail);
    }
}
