package dev.floe.specter.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentTreeMap;
import clojure.lang.RT;
import clojure.lang.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.Test;

/**
 * {@link PersistentSortedMap} and {@link PersistentSortedSet} against {@link TreeMap} and
 * {@link TreeSet} as oracles: the same entries, in the same order, through random chains of
 * {@code headMap}/{@code tailMap}/{@code subMap} (and the set twins), {@code firstKey}/{@code lastKey},
 * Clojure's {@code assoc}/{@code dissoc}/{@code conj}/{@code disj}, Java serialization; and the
 * Clojure laws: equal and hash-equal to Clojure maps and sets with the same entries.
 */
class PersistentSortedCollectionsPropertiesTest {

    static {
        ClojureRuntime.ensureLoaded();
    }

    /** One step of a chain: a sub-range, an end key, or an update. */
    record Op(String kind, int a, int b) {
        @Override
        public String toString() {
            return kind + "(" + a + (kind.startsWith("sub") ? ", " + b : "") + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> key = Arbitraries.integers().between(-25, 25);
        return Combinators.combine(Arbitraries.of("head", "tail", "sub", "first", "last", "assoc", "dissoc"), key, key)
                .as(Op::new).list().ofMaxSize(6);
    }

    private static Comparator<Object> order(boolean reversed) {
        @SuppressWarnings("unchecked")
        Comparator<Object> natural = (Comparator<Object>) (Comparator<?>) Comparator.naturalOrder();
        return reversed ? natural.reversed() : null;
    }

    // ------------------------------------------------------------------ maps

    private static PersistentSortedMap sortedMap(Comparator<Object> cmp, Map<Integer, Integer> entries) {
        IPersistentMap m = PersistentSortedMap.empty(cmp);
        for (Map.Entry<Integer, Integer> e : entries.entrySet()) {
            m = m.assoc(e.getKey(), e.getValue());
        }
        return (PersistentSortedMap) m;
    }

    @Property
    void mapsBehaveAsTreeMaps(@ForAll @Size(max = 30) Map<@IntRange(min = -20, max = 20) Integer, Integer> entries,
            @ForAll("ops") List<Op> ops, @ForAll boolean reversed) {
        Comparator<Object> cmp = order(reversed);
        TreeMap<Object, Object> expected = new TreeMap<>(cmp);
        expected.putAll(entries);
        PersistentSortedMap actual = sortedMap(cmp, entries);
        assertSameMap(expected, actual);
        for (Op op : ops) {
            switch (op.kind()) {
                case "head":
                    expected = new TreeMap<>(expected.headMap(op.a()));
                    actual = actual.headMap(op.a());
                    break;
                case "tail":
                    expected = new TreeMap<>(expected.tailMap(op.a()));
                    actual = actual.tailMap(op.a());
                    break;
                case "sub": {
                    TreeMap<Object, Object> e = expected;
                    PersistentSortedMap a = actual;
                    Object got = same(() -> new TreeMap<>(e.subMap(op.a(), op.b())), () -> a.subMap(op.a(), op.b()));
                    if (got != null) {
                        expected = new TreeMap<>(expected.subMap(op.a(), op.b()));
                        actual = (PersistentSortedMap) got;
                    }
                    break;
                }
                case "first": {
                    TreeMap<Object, Object> e = expected;
                    same(e::firstKey, actual::firstKey);
                    break;
                }
                case "last": {
                    TreeMap<Object, Object> e = expected;
                    same(e::lastKey, actual::lastKey);
                    break;
                }
                case "assoc":
                    expected.put(op.a(), op.b());
                    actual = assertInstanceOf(PersistentSortedMap.class, actual.assoc(op.a(), op.b()));
                    break;
                default:
                    expected.remove(op.a());
                    actual = assertInstanceOf(PersistentSortedMap.class, actual.without(op.a()));
            }
            assertSameMap(expected, actual);
        }
    }

    /** Both throw the same exception class, or both return equal values (the actual one is returned). */
    private static Object same(Supplier<Object> expected, Supplier<Object> actual) {
        Object e;
        try {
            e = expected.get();
        } catch (IllegalArgumentException | NoSuchElementException x) {
            assertThrows(x.getClass(), actual::get);
            return null;
        }
        Object a = actual.get();
        assertEquals(e, a);
        return a;
    }

    private static void assertSameMap(TreeMap<Object, Object> expected, PersistentSortedMap actual) {
        assertEquals(expected, actual);
        assertEquals(actual, expected);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(new ArrayList<>(expected.keySet()), list(actual.keySet()), "keys in comparator order");
        assertEquals(new ArrayList<>(expected.values()), list(actual.values()));
        assertEquals(expected.size(), actual.count());
        List<Object> reversedKeys = new ArrayList<>(expected.keySet());
        Collections.reverse(reversedKeys);
        List<Object> rseqKeys = new ArrayList<>();
        for (ISeq s = actual.rseq(); s != null; s = s.next()) {
            rseqKeys.add(((Map.Entry<?, ?>) s.first()).getKey());
        }
        assertEquals(reversedKeys, rseqKeys);
        if (!expected.isEmpty()) {
            assertEquals(expected.firstKey(), actual.firstKey());
            assertEquals(expected.lastKey(), actual.lastKey());
        }
        IPersistentMap hash = PersistentHashMap.create(expected);
        assertTrue(Util.equiv(hash, actual) && Util.equiv(actual, hash), "= a hash map with the same entries");
        assertEquals(Util.hasheq(hash), Util.hasheq(actual));
    }

    @Property
    void mapsSurviveJavaSerialization(@ForAll @Size(max = 20) Map<Integer, Integer> entries, @ForAll boolean reversed)
            throws IOException, ClassNotFoundException {
        Comparator<Object> cmp = reversed ? Collections.reverseOrder() : null;
        PersistentSortedMap m = sortedMap(cmp, entries);
        PersistentSortedMap back = assertInstanceOf(PersistentSortedMap.class, javaRoundTrip(m));
        assertEquals(m, back);
        assertEquals(list(m.keySet()), list(back.keySet()));
        TreeMap<Object, Object> oracle = new TreeMap<>(cmp);
        oracle.putAll(entries);
        oracle.put(0, 0);
        assertEquals(list(oracle.keySet()), list(((Map<?, ?>) back.assoc(0, 0)).keySet()),
                "the decoded map keeps its comparator");
    }

    // ------------------------------------------------------------------ sets

    private static PersistentSortedSet sortedSet(Comparator<Object> cmp, Iterable<Integer> members) {
        return PersistentSortedSet.create(cmp, members);
    }

    @Property
    void setsBehaveAsTreeSets(@ForAll @Size(max = 30) List<@IntRange(min = -20, max = 20) Integer> members,
            @ForAll("ops") List<Op> ops, @ForAll boolean reversed) {
        Comparator<Object> cmp = order(reversed);
        TreeSet<Object> expected = new TreeSet<>(cmp);
        expected.addAll(members);
        PersistentSortedSet actual = sortedSet(cmp, members);
        assertSameSet(expected, actual);
        for (Op op : ops) {
            switch (op.kind()) {
                case "head":
                    expected = new TreeSet<>(expected.headSet(op.a()));
                    actual = actual.headSet(op.a());
                    break;
                case "tail":
                    expected = new TreeSet<>(expected.tailSet(op.a()));
                    actual = actual.tailSet(op.a());
                    break;
                case "sub": {
                    TreeSet<Object> e = expected;
                    PersistentSortedSet a = actual;
                    Object got = same(() -> new TreeSet<>(e.subSet(op.a(), op.b())), () -> a.subSet(op.a(), op.b()));
                    if (got != null) {
                        expected = new TreeSet<>(expected.subSet(op.a(), op.b()));
                        actual = (PersistentSortedSet) got;
                    }
                    break;
                }
                case "first": {
                    TreeSet<Object> e = expected;
                    same(e::first, actual::first);
                    break;
                }
                case "last": {
                    TreeSet<Object> e = expected;
                    same(e::last, actual::last);
                    break;
                }
                case "assoc":
                    expected.add(op.a());
                    actual = assertInstanceOf(PersistentSortedSet.class, actual.cons(op.a()));
                    break;
                default:
                    expected.remove(op.a());
                    actual = assertInstanceOf(PersistentSortedSet.class, actual.disjoin(op.a()));
            }
            assertSameSet(expected, actual);
        }
    }

    private static void assertSameSet(TreeSet<Object> expected, PersistentSortedSet actual) {
        assertEquals(expected, actual);
        assertEquals(actual, expected);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(new ArrayList<>(expected), list(actual), "members in comparator order");
        assertEquals(new ArrayList<>(expected.descendingSet()), seqList(actual.rseq()));
        assertEquals(new ArrayList<>(expected), seqList(actual.seq(true)));
        if (!expected.isEmpty()) {
            assertEquals(expected.first(), actual.first());
            assertEquals(expected.last(), actual.last());
            Object mid = new ArrayList<>(expected).get(expected.size() / 2);
            assertEquals(new ArrayList<>(expected.tailSet(mid)), seqList(actual.seqFrom(mid, true)));
        }
        IPersistentSet hash = PersistentHashSet.create(new ArrayList<>(expected));
        assertTrue(Util.equiv(hash, actual) && Util.equiv(actual, hash), "= a hash set with the same members");
        assertEquals(Util.hasheq(hash), Util.hasheq(actual));
    }

    private static List<Object> list(Iterable<?> it) {
        List<Object> out = new ArrayList<>();
        for (Object o : it) {
            out.add(o);
        }
        return out;
    }

    private static List<Object> seqList(ISeq s) {
        List<Object> out = new ArrayList<>();
        for (; s != null; s = s.next()) {
            out.add(s.first());
        }
        return out;
    }

    @Property
    void setsSurviveJavaSerialization(@ForAll @Size(max = 20) List<Integer> members, @ForAll boolean reversed)
            throws IOException, ClassNotFoundException {
        Comparator<Object> cmp = reversed ? Collections.reverseOrder() : null;
        PersistentSortedSet s = sortedSet(cmp, members);
        PersistentSortedSet back = assertInstanceOf(PersistentSortedSet.class, javaRoundTrip(s));
        assertEquals(s, back);
        assertEquals(list(s), list(back));
        TreeSet<Object> oracle = new TreeSet<>(cmp);
        oracle.addAll(members);
        oracle.add(0);
        assertEquals(list(oracle), list((SortedSet<?>) back.cons(0)), "the decoded set keeps its comparator");
    }

    private static Object javaRoundTrip(Object v) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    // ------------------------------------------------------------------ examples

    @Test
    void clojureFacets() {
        PersistentSortedMap m = PersistentSortedMap.of(PersistentTreeMap.create(RT.seq(List.of("b", 2L, "a", 1L))));
        assertEquals("{\"a\" 1, \"b\" 2}", RT.printString(m));
        assertEquals("#{1 2}", RT.printString(PersistentSortedSet.create(null, List.of(2L, 1L))));
        IPersistentMap meta = PersistentArrayMap.EMPTY.assoc(Keyword.intern("k"), true);
        PersistentSortedMap withMeta = m.withMeta(meta);
        assertSame(meta, withMeta.meta());
        assertSame(meta, ((PersistentSortedMap) withMeta.assoc("c", 3L)).meta(), "metadata is kept by assoc");
        assertSame(meta, ((PersistentSortedMap) withMeta.empty()).meta());
        assertEquals(m, withMeta);
        assertInstanceOf(PersistentSortedMap.class, m.cons(clojure.lang.MapEntry.create("c", 3L)));
        assertInstanceOf(PersistentSortedMap.class, m.empty());
        assertInstanceOf(PersistentSortedSet.class, PersistentSortedSet.EMPTY.empty());
        assertSame(m, m.without("zz"), "removing a missing key returns the same map");
        assertEquals(2L, m.invoke("b"), "a map is a function of its keys");
        assertNotEquals(m, PersistentSortedMap.EMPTY);
    }

    @Test
    void javaFacets() {
        SortedMap<?, ?> m = PersistentSortedMap.EMPTY;
        assertThrows(NoSuchElementException.class, m::firstKey);
        assertThrows(NoSuchElementException.class, m::lastKey);
        assertThrows(IllegalArgumentException.class, () -> PersistentSortedMap.EMPTY.subMap(2, 1));
        assertThrows(UnsupportedOperationException.class, () -> PersistentSortedMap.EMPTY.put(1, 2));
        SortedSet<?> s = PersistentSortedSet.EMPTY;
        assertThrows(NoSuchElementException.class, s::first);
        assertThrows(IllegalArgumentException.class, () -> PersistentSortedSet.EMPTY.subSet(2, 1));
        assertThrows(UnsupportedOperationException.class, () -> PersistentSortedSet.EMPTY.add(1));
        assertSame(RT.DEFAULT_COMPARATOR, m.comparator(), "Clojure's default order, as a comparator");
        SortedMap<?, ?> reversed = PersistentSortedMap.empty(Collections.reverseOrder());
        assertThrows(ClassCastException.class, () -> ((PersistentSortedMap) reversed).headMap(new Object()),
                "a bound the comparator cannot compare is refused, as by TreeMap");
    }
}
