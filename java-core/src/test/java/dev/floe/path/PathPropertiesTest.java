package dev.floe.path;

import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.roundTrip;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.selectOne;
import static dev.floe.path.PathTesting.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import clojure.lang.IPersistentMap;
import clojure.lang.PersistentTreeMap;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.specter.PathException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of paths over generated nested maps, key chains and sorted collections. */
class PathPropertiesTest {
    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    /** The map kinds a generated structure is converted to (recursively). */
    enum Kind {
        HASH_MAP, TREE_MAP, CLOJURE_HASH_MAP, CLOJURE_SORTED_MAP;

        Object convert(Object v) {
            if (!(v instanceof Map)) {
                return v;
            }
            Object[] kvs = new Object[((Map<?, ?>) v).size() * 2];
            int i = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                kvs[i++] = e.getKey();
                kvs[i++] = convert(e.getValue());
            }
            switch (this) {
                case HASH_MAP:
                    return PathTesting.hashMap(kvs);
                case TREE_MAP:
                    return PathTesting.treeMap(kvs);
                case CLOJURE_HASH_MAP:
                    return PathTesting.cMap(kvs);
                default:
                    return PathTesting.cSortedMap(kvs);
            }
        }

        void assertKind(Object result) {
            switch (this) {
                case HASH_MAP:
                    assertSame(HashMap.class, result.getClass());
                    break;
                case TREE_MAP:
                    assertSame(TreeMap.class, result.getClass());
                    break;
                case CLOJURE_HASH_MAP:
                    assertInstanceOf(IPersistentMap.class, result);
                    break;
                default:
                    assertInstanceOf(PersistentTreeMap.class, result);
            }
        }
    }

    // ------------------------------------------------------------------ generators

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.integers().between(-5, 5).map(i -> (Object) i);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> nested = map(depth - 1).map(m -> (Object) m);
        return Arbitraries.oneOf(List.of(leaf, nested));
    }

    private static Arbitrary<Map<String, Object>> map(int depth) {
        return Arbitraries.maps(Arbitraries.of(KEYS), value(depth)).ofMaxSize(4).map(HashMap::new);
    }

    @Provide
    Arbitrary<Map<String, Object>> nestedMaps() {
        return map(3);
    }

    @Provide
    Arbitrary<List<String>> keyChains() {
        return Arbitraries.of(KEYS).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> sortedKeys() {
        return Arbitraries.integers().between(0, 30).list().uniqueElements().ofMaxSize(15);
    }

    // ------------------------------------------------------------------ oracles

    /** Whether every value before the last key is a map or null (else key navigation fails). */
    private static boolean navigable(Object m, List<String> keys) {
        Object cur = m;
        for (int i = 0; i < keys.size(); i++) {
            if (cur != null && !(cur instanceof Map)) {
                return false;
            }
            cur = cur == null ? null : ((Map<?, ?>) cur).get(keys.get(i));
        }
        return true;
    }

    private static Object getIn(Object m, List<String> keys) {
        Object cur = m;
        for (String k : keys) {
            cur = cur == null ? null : ((Map<?, ?>) cur).get(k);
        }
        return cur;
    }

    private static boolean containsIn(Object m, List<String> keys) {
        Object cur = m;
        for (String k : keys) {
            if (!(cur instanceof Map) || !((Map<?, ?>) cur).containsKey(k)) {
                return false;
            }
            cur = ((Map<?, ?>) cur).get(k);
        }
        return true;
    }

    private static Object setIn(Object m, List<String> keys, Object v) {
        Map<Object, Object> copy = m == null ? new HashMap<>() : new HashMap<>((Map<?, ?>) m);
        String k = keys.get(0);
        copy.put(k, keys.size() == 1 ? v : setIn(copy.get(k), keys.subList(1, keys.size()), v));
        return copy;
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 400)
    void termValThenSelectGivesTheValue(@ForAll("nestedMaps") Map<String, Object> m, @ForAll("keyChains") List<String> keys,
            @ForAll int v, @ForAll Kind kind) {
        Object data = kind.convert(m);
        Path.Impl p = Path.key(keys.toArray());
        if (navigable(m, keys)) {
            Object out = transform(p.termVal(v), data);
            assertEquals(list(v), select(p, out));
            assertEquals(setIn(m, keys, v), out, "the rest of the structure is unchanged");
            kind.assertKind(out);
        } else {
            assertThrows(PathException.class, () -> transform(p.termVal(v), data));
        }
        assertEquals(kind.convert(m), data, "the input is never mutated");
    }

    @Property(tries = 400)
    void keyAndMustMatchHandWrittenNavigation(@ForAll("nestedMaps") Map<String, Object> m,
            @ForAll("keyChains") List<String> keys, @ForAll Kind kind) {
        Object data = kind.convert(m);
        Object[] ks = keys.toArray();
        if (navigable(m, keys)) {
            List<Object> expected = new ArrayList<>();
            expected.add(getIn(m, keys));
            assertEquals(expected, select(Path.key(ks), data));
            assertEquals(getIn(m, keys), selectOne(Path.key(ks), data));
        } else {
            assertThrows(PathException.class, () -> select(Path.key(ks), data));
        }
        if (containsIn(m, keys)) {
            assertEquals(list(getIn(m, keys)), select(Path.must(ks), data));
        } else if (navigable(m, keys)) {
            assertEquals(list(), select(Path.must(ks), data));
        }
    }

    @Property(tries = 300)
    void elementNavigatorsMatchTheMapsContents(@ForAll("nestedMaps") Map<String, Object> m, @ForAll Kind kind) {
        Object data = kind.convert(m);
        List<Object> vals = select(Path.mapVals(), data);
        assertEquals(m.size(), vals.size());
        assertEquals(new HashSet<>(m.values()), new HashSet<>(vals));
        assertEquals(m.keySet(), new HashSet<>(select(Path.mapKeys(), data)));
        List<Object> entries = select(Path.all(), data);
        Set<List<Object>> expected = new HashSet<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            expected.add(list(e.getKey(), e.getValue()));
        }
        Set<Object> got = new HashSet<>();
        for (Object e : entries) {
            assertEquals(2, ((List<?>) e).size());
            got.add(list(((List<?>) e).get(0), ((List<?>) e).get(1)));
        }
        assertEquals(expected, got);
        if (kind == Kind.TREE_MAP || kind == Kind.CLOJURE_SORTED_MAP) {
            assertEquals(new ArrayList<>(new TreeMap<>(m).keySet()), select(Path.mapKeys(), data), "sorted kinds iterate in order");
        }
    }

    @Property(tries = 300)
    void identityTransformsReturnAnEqualStructure(@ForAll("nestedMaps") Map<String, Object> m, @ForAll Kind kind,
            @ForAll @IntRange(min = 0, max = 8) int which) {
        Path.Impl[] paths = {
            Path.stay(),
            Path.all(),
            Path.mapVals(),
            Path.mapKeys(),
            Path.mapVals().filterPred((Object x) -> x instanceof Map).all(),
            Path.mapVals().filterPred((Object x) -> x instanceof Map).mapVals(),
            Path.subselect(Path.mapVals()),
            Path.multiPath(Path.mapVals(), Path.mapKeys()),
            Path.must("a").filterPred((Object x) -> x instanceof Map).must("b"),
        };
        Object data = kind.convert(m);
        Object out = transform(paths[which].term((Object x) -> x), data);
        assertEquals(data, out, paths[which].toString());
        kind.assertKind(out);
    }

    @Property(tries = 300)
    void boundVariablesBehaveLikeLiterals(@ForAll("nestedMaps") Map<String, Object> m,
            @ForAll("keyChains") List<String> keys, @ForAll Kind kind) {
        Object data = kind.convert(m);
        Object[] vars = new Object[keys.size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = "*k" + i;
        }
        Path withVars = Path.key(vars);
        if (navigable(m, keys)) {
            assertEquals(select(Path.key(keys.toArray()), data), selectBound(withVars, data, keys.toArray()));
        } else {
            assertThrows(PathException.class, () -> selectBound(withVars, data, keys.toArray()));
        }
    }

    // ------------------------------------------------------------------ sorted ranges

    private static <K> List<K> firstN(Iterable<K> xs, int n) {
        List<K> out = new ArrayList<>();
        for (K x : xs) {
            if (out.size() == n) {
                break;
            }
            out.add(x);
        }
        return out;
    }

    private static List<Integer> lastN(NavigableSet<Integer> xs, int n) {
        List<Integer> out = firstN(xs.descendingSet(), n);
        java.util.Collections.reverse(out);
        return out;
    }

    @Property(tries = 500)
    void sortedMapRangesMatchNavigableMap(@ForAll("sortedKeys") List<Integer> keys,
            @ForAll @IntRange(min = -2, max = 32) int start, @ForAll @IntRange(min = -2, max = 32) int end,
            @ForAll boolean excludeStart, @ForAll boolean includeEnd, @ForAll @IntRange(min = 0, max = 6) int maxAmt,
            @ForAll boolean clojure) {
        TreeMap<Integer, Integer> oracle = new TreeMap<>();
        Object[] kvs = new Object[keys.size() * 2];
        for (int i = 0; i < keys.size(); i++) {
            oracle.put(keys.get(i), keys.get(i) * 10);
            kvs[2 * i] = keys.get(i);
            kvs[2 * i + 1] = keys.get(i) * 10;
        }
        Object data = clojure ? PathTesting.cSortedMap(kvs) : PathTesting.treeMap(kvs);

        SortedRangeOptions.Impl opts = SortedRangeOptions.create();
        opts = excludeStart ? opts.excludeStart() : opts;
        opts = includeEnd ? opts.includeEnd() : opts;
        NavigableMap<Integer, Integer> two = start > end ? new TreeMap<>() : oracle.subMap(start, !excludeStart, end, includeEnd);
        assertEquals(new ArrayList<>(two.keySet()), keysOf(selectOne(Path.sortedMapRange(start, end, opts), data)));

        SortedRangeFromOptions.Impl from = SortedRangeFromOptions.maxAmt(maxAmt);
        from = excludeStart ? from.excludeStart() : from;
        assertEquals(firstN(oracle.tailMap(start, !excludeStart).keySet(), maxAmt),
                keysOf(selectOne(Path.sortedMapRangeFrom(start, from), data)));
        assertEquals(new ArrayList<>(oracle.tailMap(start, true).keySet()), keysOf(selectOne(Path.sortedMapRangeFrom(start), data)));

        SortedRangeToOptions.Impl to = SortedRangeToOptions.maxAmt(maxAmt);
        to = includeEnd ? to.includeEnd() : to;
        assertEquals(lastN(oracle.headMap(end, includeEnd).navigableKeySet(), maxAmt),
                keysOf(selectOne(Path.sortedMapRangeTo(end, to), data)));
        assertEquals(new ArrayList<>(oracle.headMap(end, false).keySet()), keysOf(selectOne(Path.sortedMapRangeTo(end), data)));

        // a transform through the range changes exactly the range
        Object out = transform(Path.sortedMapRange(start, end, opts).mapVals().term((Integer v) -> -v - 1), data);
        TreeMap<Integer, Integer> expected = new TreeMap<>(oracle);
        for (Integer k : two.keySet()) {
            expected.put(k, -expected.get(k) - 1);
        }
        assertEquals(expected, out);
        assertEquals(new ArrayList<>(expected.keySet()), keysOf(out), "still sorted");
        Object deleted = transform(Path.sortedMapRangeTo(end, to).termVal(Map.of()), data);
        TreeMap<Integer, Integer> expectedDeleted = new TreeMap<>(oracle);
        for (Integer k : lastN(oracle.headMap(end, includeEnd).navigableKeySet(), maxAmt)) {
            expectedDeleted.remove(k);
        }
        assertEquals(expectedDeleted, deleted);
        assertEquals(oracle, data, "the input is never mutated");
    }

    @Property(tries = 300)
    void sortedSetRangesMatchNavigableSet(@ForAll("sortedKeys") List<Integer> keys,
            @ForAll @IntRange(min = -2, max = 32) int start, @ForAll @IntRange(min = -2, max = 32) int end,
            @ForAll boolean excludeStart, @ForAll boolean includeEnd, @ForAll @IntRange(min = 0, max = 6) int maxAmt,
            @ForAll boolean clojure) {
        TreeSet<Integer> oracle = new TreeSet<>(keys);
        Object data = clojure ? PathTesting.cSortedSet(keys.toArray()) : PathTesting.treeSet(keys.toArray());
        SortedRangeOptions.Impl opts = SortedRangeOptions.create();
        opts = excludeStart ? opts.excludeStart() : opts;
        opts = includeEnd ? opts.includeEnd() : opts;
        NavigableSet<Integer> two = start > end ? new TreeSet<>() : oracle.subSet(start, !excludeStart, end, includeEnd);
        assertEquals(new ArrayList<>(two), new ArrayList<>((Set<?>) selectOne(Path.sortedSetRange(start, end, opts), data)));
        SortedRangeFromOptions.Impl from = SortedRangeFromOptions.maxAmt(maxAmt);
        from = excludeStart ? from.excludeStart() : from;
        assertEquals(firstN(oracle.tailSet(start, !excludeStart), maxAmt),
                new ArrayList<>((Set<?>) selectOne(Path.sortedSetRangeFrom(start, from), data)));
        SortedRangeToOptions.Impl to = SortedRangeToOptions.maxAmt(maxAmt);
        to = includeEnd ? to.includeEnd() : to;
        assertEquals(lastN(oracle.headSet(end, includeEnd), maxAmt),
                new ArrayList<>((Set<?>) selectOne(Path.sortedSetRangeTo(end, to), data)));
        Object removed = transform(Path.sortedSetRange(start, end, opts).termVal(Set.of()), data);
        TreeSet<Integer> expected = new TreeSet<>(oracle);
        expected.removeAll(two);
        assertEquals(expected, removed);
    }

    private static List<Object> keysOf(Object sortedMap) {
        return new ArrayList<>(((Map<?, ?>) sortedMap).keySet());
    }

    // ------------------------------------------------------------------ paths as values

    /** A path built from a recipe of step choices; the same recipe builds an equal path. */
    private static Path.Impl build(List<Integer> recipe) {
        Path.Impl p = Path.create();
        for (int i = 0; i < recipe.size(); i++) {
            int c = recipe.get(i);
            switch (c % 12) {
                case 0: p = p.key("k" + c, c); break;
                case 1: p = p.must((long) c); break;
                case 2: p = p.all(); break;
                case 3: p = p.mapVals(); break;
                case 4: p = p.sortedMapRangeFrom(c, SortedRangeFromOptions.maxAmt(c % 5)); break;
                case 5: p = p.multiPath(Path.key(c), Path.nth(c % 3)); break;
                case 6: p = p.filterEqual("*v" + c); break;
                case 7: p = p.nullToVal(List.of(c)); break;
                case 8: p = p.ifPath(Path.must(c), Path.stay(), Path.stop()); break;
                case 9: p = p.sortedSetRange(c, c + 3, SortedRangeOptions.includeEnd()); break;
                case 10: p = p.collectOne(Path.first()).putCollected(new dev.floe.Constant("*c")); break;
                default: p = p.termVal(c); break;
            }
        }
        return p;
    }

    @Property(tries = 300)
    void pathsAreValues(@ForAll List<@IntRange(min = 0, max = 100) Integer> recipe) {
        Path.Impl a = build(recipe);
        Path.Impl b = build(recipe);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.toString(), b.toString());
        Path back = roundTrip(a);
        assertEquals(a, back);
        assertEquals(a.hashCode(), back.hashCode());
        assertEquals(a.toString(), back.toString());
        assertEquals(PathTesting.compiled(a).vars(), PathTesting.compiled(back).vars());
    }
}
