package dev.floe.diffs;

import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import dev.floe.codec.FloeCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The laws of diffs on random nested values (Clojure persistent and java.util maps, sorted maps,
 * sets and lists) and random edits of them: applying {@code between(a, b)} to {@code a} gives
 * {@code b}; equal values have no diff; expansion keeps the meaning; unhandled() once per leaf.
 * A failure names its seed.
 */
class DiffLawsTest {
    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    // ------------------------------------------------------------------------------ generators

    /** A random value: a scalar or a nested collection of one of ten kinds. */
    static Object value(Random r, int depth) {
        if (depth <= 0 || r.nextInt(3) == 0) {
            return scalar(r);
        }
        int n = r.nextInt(10) == 0 ? 50 + r.nextInt(250) : r.nextInt(7);
        switch (r.nextInt(10)) {
            case 0: {
                IPersistentMap m = PersistentHashMap.EMPTY;
                for (int i = 0; i < n; i++) {
                    m = m.assoc(key(r, n), value(r, depth - 1));
                }
                return m;
            }
            case 1: {
                IPersistentMap m = PersistentTreeMap.EMPTY;
                for (int i = 0; i < n; i++) {
                    m = m.assoc(key(r, n), value(r, depth - 1));
                }
                return m;
            }
            case 2: {
                Map<Object, Object> m = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(key(r, n), value(r, depth - 1));
                }
                return m;
            }
            case 3: {
                Map<Object, Object> m = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(key(r, n), value(r, depth - 1));
                }
                return m;
            }
            case 4: {
                IPersistentCollection s = PersistentHashSet.EMPTY;
                for (int i = 0; i < n; i++) {
                    s = s.cons(key(r, n));
                }
                return s;
            }
            case 5: {
                IPersistentCollection s = PersistentTreeSet.EMPTY;
                for (int i = 0; i < n; i++) {
                    s = s.cons(key(r, n));
                }
                return s;
            }
            case 6: {
                Set<Object> s = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    s.add(key(r, n));
                }
                return s;
            }
            case 7:
                return PersistentVector.create(elements(r, n, depth));
            case 8:
                return PersistentList.create(elements(r, n, depth));
            default:
                return elements(r, n, depth);
        }
    }

    private static List<Object> elements(Random r, int n, int depth) {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(r.nextInt(4) == 0 ? scalar(r) : value(r, depth - 1));
        }
        return l;
    }

    private static Object key(Random r, int n) {
        return (long) r.nextInt(Math.max(4, 2 * n));
    }

    private static Object scalar(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return "s" + r.nextInt(4);
            case 1:
                return null;
            default:
                return (long) r.nextInt(6);
        }
    }

    /** A random edit somewhere inside {@code v}, sharing the rest of {@code v}. */
    @SuppressWarnings("unchecked")
    static Object edit(Object v, Random r, int depth) {
        if (r.nextInt(12) == 0) {
            return value(r, depth); // replaced, perhaps by another kind
        }
        if (v instanceof Map) {
            Map<Object, Object> m = (Map<Object, Object>) v;
            List<Object> keys = new ArrayList<>(m.keySet());
            int op = r.nextInt(3);
            Object k = keys.isEmpty() || op == 0 ? key(r, keys.size()) : keys.get(r.nextInt(keys.size()));
            if (op == 1 && !keys.isEmpty()) {
                if (v instanceof IPersistentMap) {
                    return ((IPersistentMap) v).without(k);
                }
                Map<Object, Object> c = v instanceof TreeMap ? new TreeMap<>(m) : new HashMap<>(m);
                c.remove(k);
                return c;
            }
            Object nv = m.containsKey(k) ? edit(m.get(k), r, depth - 1) : value(r, depth - 1);
            if (v instanceof IPersistentMap) {
                return ((IPersistentMap) v).assoc(k, nv);
            }
            Map<Object, Object> c = v instanceof TreeMap ? new TreeMap<>(m) : new HashMap<>(m);
            c.put(k, nv);
            return c;
        }
        if (v instanceof Set) {
            Set<Object> s = (Set<Object>) v;
            List<Object> elems = new ArrayList<>(s);
            boolean remove = !elems.isEmpty() && r.nextBoolean();
            Object e = remove ? elems.get(r.nextInt(elems.size())) : key(r, elems.size());
            if (v instanceof IPersistentSet) {
                return remove ? ((IPersistentSet) v).disjoin(e) : ((IPersistentSet) v).cons(e);
            }
            Set<Object> c = new HashSet<>(s);
            if (remove) {
                c.remove(e);
            } else {
                c.add(e);
            }
            return c;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>((List<Object>) v);
            int n = l.size();
            int op = r.nextInt(7);
            if (v instanceof IPersistentVector && op == 0) {
                return ((IPersistentVector) v).cons(value(r, depth - 1));
            }
            if (v instanceof IPersistentVector && op == 1 && n > 0) {
                int i = r.nextInt(n);
                return ((IPersistentVector) v).assocN(i, edit(l.get(i), r, depth - 1));
            }
            if (v instanceof IPersistentVector && op == 2 && n > 0) {
                return ((IPersistentVector) v).pop();
            }
            if (op == 3 && n > 0) {
                int from = r.nextInt(n);
                l.subList(from, from + 1 + r.nextInt(n - from)).clear();
            } else if (op == 4 || n == 0) {
                int at = r.nextInt(n + 1);
                for (int k = r.nextInt(3); k >= 0; k--) {
                    l.add(at, value(r, depth - 1));
                }
            } else if (op == 5) {
                int i = r.nextInt(n);
                l.set(i, edit(l.get(i), r, depth - 1));
            } else {
                l.add(value(r, depth - 1));
            }
            if (v instanceof IPersistentVector) {
                return PersistentVector.create(l);
            }
            return v instanceof IPersistentCollection ? PersistentList.create(l) : l;
        }
        return r.nextBoolean() ? scalar(r) : value(r, depth);
    }

    /** Two values: a random one and a few random edits of it. */
    static Object[] pair(long seed) {
        Random r = new Random(seed);
        Object a = value(r, 3);
        Object b = a;
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            b = edit(b, r, 3);
        }
        return new Object[] {a, b};
    }

    // ------------------------------------------------------------------------------ laws

    @Property(tries = 1000)
    void applyingTheDiffBetweenTwoValuesToTheFirstGivesTheSecond(@ForAll long seed) {
        Object[] ab = pair(seed);
        Diff d = Diffs.between(ab[0], ab[1]);
        if (d == null) {
            assertEquals(ab[1], ab[0], "seed " + seed + ": no diff, yet the values differ");
        } else {
            assertEquals(ab[1], Diffs.apply(d, ab[0]), "seed " + seed + ": " + d);
        }
    }

    @Property(tries = 300)
    void equalValuesHaveNoDiff(@ForAll long seed) {
        Object a = value(new Random(seed), 3);
        Object sameButNotIdentical = value(new Random(seed), 3);
        assertNull(Diffs.between(a, a), "seed " + seed);
        assertNull(Diffs.between(a, sameButNotIdentical), "seed " + seed);
    }

    @Property(tries = 500)
    void aProcessorOfTheSingleFormsReceivesChangesThatRebuildTheNewValue(@ForAll long seed) {
        Object[] ab = pair(seed);
        Diff d = Diffs.between(ab[0], ab[1]);
        if (d == null) {
            return;
        }
        List<Object> got = Processors.process(d, Processors.SINGLE_FORMS);
        Object v = ab[0];
        for (Object o : got) {
            assertTrue(o instanceof Diff, "seed " + seed + ": " + d + " left something unhandled: " + got);
            assertTrue(Processors.SINGLE_FORMS.contains(o.getClass()), "seed " + seed + ": " + o);
            v = Diffs.apply((Diff) o, v);
        }
        assertEquals(ab[1], v, "seed " + seed + ": " + d + " expanded to " + got);
    }

    @Property(tries = 500)
    void aProcessorOfNothingGetsOneUnhandledPerLeafAndOneOfEverythingGetsTheDiffWhole(@ForAll long seed) {
        Object[] ab = pair(seed);
        Diff d = Diffs.between(ab[0], ab[1]);
        if (d == null) {
            return;
        }
        List<Object> leaves = Processors.process(d, Processors.LEAVES);
        assertTrue(!leaves.isEmpty() && !leaves.contains(Processors.UNHANDLED), "seed " + seed + ": " + leaves);
        Processors.Recording nothing = Processors.handling(Set.of());
        d.process(nothing.processor);
        assertEquals(leaves.size(), nothing.received.size(), "seed " + seed + ": " + d);
        assertEquals(leaves.size(), nothing.unhandledCount(), "seed " + seed + ": " + d);
        assertEquals(Processors.asSeenWhole(d), Processors.process(d, Set.copyOf(Processors.ALL_CLASSES)), "seed " + seed);
    }

    @Property(tries = 300)
    void diffsSurviveTheFloeCodec(@ForAll long seed) {
        Object[] ab = pair(seed);
        Diff d = Diffs.between(ab[0], ab[1]);
        if (d == null) {
            return;
        }
        FloeCodec codec = new FloeCodec();
        Object back = codec.decode(codec.encode(d));
        assertEquals(d, back, "seed " + seed);
        assertEquals(ab[1], Diffs.apply((Diff) back, ab[0]), "seed " + seed);
    }

    // ------------------------------------------------------------------------------ what between produces

    private static IPersistentMap sortedMap(int n) {
        IPersistentMap m = PersistentTreeMap.EMPTY;
        for (long i = 0; i < n; i++) {
            m = m.assoc(i, "v" + i);
        }
        return m;
    }

    @Test
    void smallEditsOfLargeValuesGiveTheSingleChange() {
        IPersistentMap big = sortedMap(10_000);
        assertEquals(new KeyDiff(500L, new NewValueDiff("x")), Diffs.between(big, big.assoc(500L, "x")));
        assertEquals(new KeyDiff(20_000L, new NewValueDiff("x")), Diffs.between(big, big.assoc(20_000L, "x")));
        assertEquals(new KeyRemoveDiff(7L), Diffs.between(big, big.without(7L)));
        assertEquals(new MultiDiff(List.of(new KeyRemoveDiff(7L), new KeyDiff(8L, new NewValueDiff("y")))),
                Diffs.between(big, big.without(7L).assoc(8L, "y")));
        IPersistentMap nested = PersistentHashMap.EMPTY.assoc("k", big);
        assertEquals(new KeyDiff("k", new KeyDiff(3L, new NewValueDiff("z"))), Diffs.between(nested, nested.assoc("k", big.assoc(3L, "z"))));

        IPersistentSet set = PersistentTreeSet.create(clojure.lang.RT.seq(List.copyOf(((Map<?, ?>) big).keySet())));
        assertEquals(new SetAddDiff(-1L), Diffs.between(set, set.cons(-1L)));
        assertEquals(new SetRemoveDiff(5L), Diffs.between(set, set.disjoin(5L)));

        IPersistentVector vec = PersistentVector.create(List.copyOf(((Map<?, ?>) big).values()));
        assertEquals(new SequenceInsertDiff(10_000, "w", 10_000), Diffs.between(vec, vec.cons("w")));
        assertEquals(new SequenceInsertsDiff(10_000, List.of("w", "v"), 10_000), Diffs.between(vec, vec.cons("w").cons("v")));
        assertEquals(new SequenceIndexChangeDiff(42, new NewValueDiff("w")), Diffs.between(vec, vec.assocN(42, "w")));
        assertEquals(new SequenceIndexRemoveDiff(9_999, 1, 10_000), Diffs.between(vec, vec.pop()));
        @SuppressWarnings("unchecked")
        List<Object> front = new ArrayList<>((List<Object>) vec);
        front.add(0, "f");
        assertEquals(new SequenceInsertDiff(0, "f", 10_000), Diffs.between(vec, PersistentVector.create(front)));
        front.remove(0);
        front.remove(5000);
        assertEquals(new SequenceIndexRemoveDiff(5000, 1, 10_000), Diffs.between(vec, PersistentVector.create(front)));
    }

    @Test
    void differentKindsAndScalarsGiveANewValue() {
        assertEquals(new NewValueDiff(2L), Diffs.between(1L, 2L));
        assertEquals(new NewValueDiff(PersistentVector.create(1L)), Diffs.between(PersistentHashSet.create(1L), PersistentVector.create(1L)));
        Map<Object, Object> hash = new HashMap<>(Map.of(1L, 1L));
        IPersistentMap sorted = (IPersistentMap) PersistentTreeMap.EMPTY.assoc(1L, 2L);
        assertEquals(new NewValueDiff(sorted), Diffs.between(hash, sorted), "a hash map and a sorted map differ in kind");
        assertEquals(new NewValueDiff(PersistentVector.create(3L, 4L)),
                Diffs.between(PersistentVector.create(1L, 2L), PersistentVector.create(3L, 4L)), "nothing in common");
        assertNull(Diffs.between(null, null));
        assertEquals(new NewValueDiff(null), Diffs.between(1L, null));
        assertEquals(new KeyDiff("a", new NewValueDiff(null)), Diffs.between(PersistentHashMap.EMPTY, PersistentHashMap.create("a", null)));
        assertEquals(new TreeSet<>(List.of(1L)), Diffs.apply(Diffs.between(new TreeSet<>(List.of(1L, 2L)), new TreeSet<>(List.of(1L))),
                new TreeSet<>(List.of(1L, 2L))));
    }
}
