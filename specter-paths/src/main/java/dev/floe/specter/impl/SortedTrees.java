package dev.floe.specter.impl;

import clojure.lang.ISeq;
import clojure.lang.PersistentTreeMap;

import java.util.Comparator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What {@link PersistentSortedMap} and {@link PersistentSortedSet} (a set is its members mapped to
 * themselves) do alike on their tree: the smallest and largest keys, and ranges as copies.
 */
final class SortedTrees {
    private SortedTrees() {}

    /** The smallest key; {@code what} names the call for the empty case. */
    static Object first(PersistentTreeMap tree, String what) {
        if (tree.count() == 0) {
            throw new NoSuchElementException(what);
        }
        return tree.minKey();
    }

    /** The largest key; {@code what} names the call for the empty case. */
    static Object last(PersistentTreeMap tree, String what) {
        if (tree.count() == 0) {
            throw new NoSuchElementException(what);
        }
        return tree.maxKey();
    }

    /** Refuses {@code from > to}, as TreeMap's subMap and TreeSet's subSet do. */
    static void checkOrder(Comparator<Object> cmp, Object from, Object to, String message) {
        if (cmp.compare(from, to) > 0) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The entries with keys in [from, to) (a missing bound is open), as a new tree. */
    @SuppressWarnings("unchecked") // PersistentTreeMap exposes its comparator as a raw type
    static PersistentTreeMap range(PersistentTreeMap tree, Object from, boolean hasFrom, Object to, boolean hasTo) {
        Comparator<Object> cmp = tree.comparator();
        // like TreeMap/TreeSet, refuse a bound the comparator cannot compare even when nothing is read
        if (hasFrom) {
            cmp.compare(from, from);
        }
        if (hasTo) {
            cmp.compare(to, to);
        }
        PersistentTreeMap out = (PersistentTreeMap) tree.empty();
        for (ISeq s = hasFrom ? tree.seqFrom(from, true) : tree.seq(true); s != null; s = s.next()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) s.first();
            if (hasTo && cmp.compare(e.getKey(), to) >= 0) {
                break;
            }
            out = out.assoc(e.getKey(), e.getValue());
        }
        return out;
    }
}
