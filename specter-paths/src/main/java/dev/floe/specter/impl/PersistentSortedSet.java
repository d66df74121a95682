package dev.floe.specter.impl;

import clojure.lang.APersistentMap;
import clojure.lang.APersistentSet;
import clojure.lang.IObj;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.ISeq;
import clojure.lang.PersistentTreeMap;
import clojure.lang.Reversible;
import clojure.lang.Sorted;

import java.util.Comparator;
import java.util.SortedSet;

/**
 * A Clojure persistent sorted set that is also a {@link java.util.SortedSet}: what Rama's
 * sorted-set range navigators return, so Java callers can cast a range result to
 * {@code SortedSet}. Like {@link clojure.lang.PersistentTreeSet} it holds its members as the keys
 * (mapped to themselves) of a {@link PersistentTreeMap}, and behaves as a sorted set in Clojure
 * ({@code sorted?}, {@code rseq}, {@code subseq}, equal and hash-equal to any set with the same
 * members, printed as a set); {@code conj}, {@code disj} and {@code empty} return another
 * {@code PersistentSortedSet} with the same comparator.
 *
 * <p>{@link #headSet}, {@link #tailSet} and {@link #subSet} follow {@code SortedSet}'s half-open
 * ranges ({@code [from, to)}) but return immutable copies rather than live views (see
 * {@link PersistentSortedMap}). Java's mutators throw {@link UnsupportedOperationException}.
 *
 * <p>Immutable and thread-safe. Its metadata is the wrapped tree's.
 */
@SuppressWarnings("rawtypes") // APersistentSet implements the raw Set: the Set it extends must be raw too
public final class PersistentSortedSet extends APersistentSet implements IObj, Reversible, Sorted, SortedSet {
    private static final long serialVersionUID = 1L;

    static {
        ClojureRuntime.ensureLoaded();
    }

    /** The empty set in Clojure's default order. */
    public static final PersistentSortedSet EMPTY = new PersistentSortedSet(PersistentTreeMap.EMPTY);

    /** Members mapped to themselves. */
    private final PersistentTreeMap tree;

    private PersistentSortedSet(PersistentTreeMap tree) {
        super(tree);
        this.tree = tree;
    }

    /** An empty set ordered by {@code comparator} (Clojure's default order when null). */
    public static PersistentSortedSet empty(Comparator<?> comparator) {
        return comparator == null ? EMPTY : new PersistentSortedSet(new PersistentTreeMap(null, comparator));
    }

    /** The set of {@code members} ordered by {@code comparator} (Clojure's default order when null). */
    public static PersistentSortedSet create(Comparator<?> comparator, Iterable<?> members) {
        PersistentTreeMap t = comparator == null ? PersistentTreeMap.EMPTY : new PersistentTreeMap(null, comparator);
        for (Object m : members) {
            t = t.assoc(m, m);
        }
        return new PersistentSortedSet(t);
    }

    /** The set whose members are the keys of {@code tree}, which maps each one to itself (no copy is made). */
    static PersistentSortedSet ofTree(PersistentTreeMap tree) {
        return new PersistentSortedSet(tree);
    }

    /** The wrapped tree, each member mapped to itself (shares structure with this set). */
    public PersistentTreeMap tree() {
        return tree;
    }

    private PersistentSortedSet with(PersistentTreeMap t) {
        return t == tree ? this : new PersistentSortedSet(t);
    }

    // ------------------------------------------------------------------ Clojure

    @Override
    public IPersistentSet disjoin(Object key) {
        return with(tree.without(key));
    }

    @Override
    public IPersistentSet cons(Object o) {
        return tree.containsKey(o) ? this : new PersistentSortedSet(tree.assoc(o, o));
    }

    @Override
    public IPersistentCollection empty() {
        return new PersistentSortedSet((PersistentTreeMap) tree.empty());
    }

    @Override
    public ISeq rseq() {
        return APersistentMap.KeySeq.create(tree.rseq());
    }

    @Override
    public Comparator<Object> comparator() {
        @SuppressWarnings("unchecked")
        Comparator<Object> c = tree.comparator();
        return c;
    }

    @Override
    public Object entryKey(Object entry) {
        return entry;
    }

    @Override
    public ISeq seq(boolean ascending) {
        return APersistentMap.KeySeq.create(tree.seq(ascending));
    }

    @Override
    public ISeq seqFrom(Object key, boolean ascending) {
        return APersistentMap.KeySeq.create(tree.seqFrom(key, ascending));
    }

    @Override
    public IPersistentMap meta() {
        return tree.meta();
    }

    @Override
    public PersistentSortedSet withMeta(IPersistentMap meta) {
        return meta() == meta ? this : new PersistentSortedSet(tree.withMeta(meta));
    }

    // ------------------------------------------------------------------ java.util.SortedSet

    @Override
    public Object first() {
        return SortedTrees.first(tree, "first of an empty set");
    }

    @Override
    public Object last() {
        return SortedTrees.last(tree, "last of an empty set");
    }

    /** The members below {@code toElement}, as a copy. */
    @Override
    public PersistentSortedSet headSet(Object toElement) {
        return new PersistentSortedSet(SortedTrees.range(tree, null, false, toElement, true));
    }

    /** The members at or above {@code fromElement}, as a copy. */
    @Override
    public PersistentSortedSet tailSet(Object fromElement) {
        return new PersistentSortedSet(SortedTrees.range(tree, fromElement, true, null, false));
    }

    /** The members in {@code [fromElement, toElement)}, as a copy. */
    @Override
    public PersistentSortedSet subSet(Object fromElement, Object toElement) {
        SortedTrees.checkOrder(comparator(), fromElement, toElement, "fromElement > toElement");
        return new PersistentSortedSet(SortedTrees.range(tree, fromElement, true, toElement, true));
    }
}
