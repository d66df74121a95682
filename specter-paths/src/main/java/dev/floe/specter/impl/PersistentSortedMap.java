package dev.floe.specter.impl;

import clojure.lang.APersistentMap;
import clojure.lang.IFn;
import clojure.lang.IKVReduce;
import clojure.lang.IMapEntry;
import clojure.lang.IObj;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.ISeq;
import clojure.lang.PersistentTreeMap;
import clojure.lang.Reversible;
import clojure.lang.Sorted;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * A Clojure persistent sorted map that is also a {@link java.util.SortedMap}: what Rama's
 * sorted-map range navigators return, so Java callers can cast a range result to
 * {@code SortedMap}. It wraps a {@link PersistentTreeMap} and behaves as one in Clojure
 * ({@code sorted?}, {@code rseq}, {@code subseq}, equal and hash-equal to any map with the same
 * entries, printed as a map); {@code assoc}, {@code dissoc}, {@code conj} and {@code empty} return
 * another {@code PersistentSortedMap} with the same comparator.
 *
 * <p>{@link #headMap}, {@link #tailMap} and {@link #subMap} follow {@code SortedMap}'s half-open
 * ranges ({@code [from, to)}) but return immutable copies rather than live views: the map never
 * changes, so a copy reads the same as a view, except that a copy accepts keys outside the range
 * it was cut from. Java's mutators ({@code put}, {@code remove} …) throw
 * {@link UnsupportedOperationException}.
 *
 * <p>Immutable and thread-safe. Its metadata is the wrapped tree's.
 */
@SuppressWarnings("rawtypes") // APersistentMap implements the raw Map: the Map it extends must be raw too
public final class PersistentSortedMap extends APersistentMap
        implements IObj, Reversible, Sorted, IKVReduce, SortedMap {
    private static final long serialVersionUID = 1L;

    static {
        ClojureRuntime.ensureLoaded();
    }

    /** The empty map in Clojure's default order. */
    public static final PersistentSortedMap EMPTY = new PersistentSortedMap(PersistentTreeMap.EMPTY);

    private final PersistentTreeMap tree;

    private PersistentSortedMap(PersistentTreeMap tree) {
        this.tree = tree;
    }

    /** The map holding {@code tree}'s entries, metadata and comparator (no copy is made). */
    public static PersistentSortedMap of(PersistentTreeMap tree) {
        return new PersistentSortedMap(tree);
    }

    /** An empty map ordered by {@code comparator} (Clojure's default order when null). */
    public static PersistentSortedMap empty(Comparator<?> comparator) {
        return comparator == null ? EMPTY : new PersistentSortedMap(new PersistentTreeMap(null, comparator));
    }

    /** The wrapped tree (shares structure with this map). */
    public PersistentTreeMap tree() {
        return tree;
    }

    private PersistentSortedMap with(PersistentTreeMap t) {
        return t == tree ? this : new PersistentSortedMap(t);
    }

    // ------------------------------------------------------------------ Clojure

    @Override
    public IPersistentMap assoc(Object key, Object val) {
        return with(tree.assoc(key, val));
    }

    @Override
    public IPersistentMap assocEx(Object key, Object val) {
        return with(tree.assocEx(key, val));
    }

    @Override
    public IPersistentMap without(Object key) {
        return with(tree.without(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return tree.containsKey(key);
    }

    @Override
    public IMapEntry entryAt(Object key) {
        return tree.entryAt(key);
    }

    @Override
    public Object valAt(Object key) {
        return tree.valAt(key);
    }

    @Override
    public Object valAt(Object key, Object notFound) {
        return tree.valAt(key, notFound);
    }

    @Override
    public int count() {
        return tree.count();
    }

    @Override
    public ISeq seq() {
        return tree.seq();
    }

    @Override
    public IPersistentCollection empty() {
        return new PersistentSortedMap((PersistentTreeMap) tree.empty());
    }

    @Override
    public Iterator iterator() {
        return tree.iterator();
    }

    @Override
    public ISeq rseq() {
        return tree.rseq();
    }

    @Override
    public Comparator<Object> comparator() {
        @SuppressWarnings("unchecked")
        Comparator<Object> c = tree.comparator();
        return c;
    }

    @Override
    public Object entryKey(Object entry) {
        return tree.entryKey(entry);
    }

    @Override
    public ISeq seq(boolean ascending) {
        return tree.seq(ascending);
    }

    @Override
    public ISeq seqFrom(Object key, boolean ascending) {
        return tree.seqFrom(key, ascending);
    }

    @Override
    public Object kvreduce(IFn f, Object init) {
        return tree.kvreduce(f, init);
    }

    @Override
    public IPersistentMap meta() {
        return tree.meta();
    }

    @Override
    public PersistentSortedMap withMeta(IPersistentMap meta) {
        return meta() == meta ? this : new PersistentSortedMap(tree.withMeta(meta));
    }

    // ------------------------------------------------------------------ java.util.SortedMap

    @Override
    public Object firstKey() {
        return SortedTrees.first(tree, "firstKey of an empty map");
    }

    @Override
    public Object lastKey() {
        return SortedTrees.last(tree, "lastKey of an empty map");
    }

    /** The entries with keys below {@code toKey}, as a copy. */
    @Override
    public PersistentSortedMap headMap(Object toKey) {
        return new PersistentSortedMap(SortedTrees.range(tree, null, false, toKey, true));
    }

    /** The entries with keys at or above {@code fromKey}, as a copy. */
    @Override
    public PersistentSortedMap tailMap(Object fromKey) {
        return new PersistentSortedMap(SortedTrees.range(tree, fromKey, true, null, false));
    }

    /** The entries with keys in {@code [fromKey, toKey)}, as a copy. */
    @Override
    public PersistentSortedMap subMap(Object fromKey, Object toKey) {
        SortedTrees.checkOrder(comparator(), fromKey, toKey, "fromKey > toKey");
        return new PersistentSortedMap(SortedTrees.range(tree, fromKey, true, toKey, true));
    }
}
