package dev.floe.path;

import static dev.floe.path.PathTesting.assertNamesNavigatorAndType;
import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.hashSet;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.selectFails;
import static dev.floe.path.PathTesting.selectOne;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.specter.PathException;
import dev.floe.specter.impl.PersistentSortedMap;
import dev.floe.specter.impl.PersistentSortedSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sorted ranges (RAMA-API §5.7.2) on TreeMap/TreeSet and Clojure sorted maps/sets. */
class SortedRangeTest {

    /** Sorted maps with keys 1..9 and value 10 * key. */
    enum SortedMapKind {
        TREE_MAP {
            @Override
            Object of(int... keys) {
                TreeMap<Object, Object> m = new TreeMap<>();
                for (int k : keys) {
                    m.put(k, k * 10);
                }
                return m;
            }

            @Override
            void assertKind(Object result) {
                assertSame(TreeMap.class, result.getClass());
            }
        },
        CLOJURE_SORTED_MAP {
            @Override
            Object of(int... keys) {
                Object[] kvs = new Object[keys.length * 2];
                for (int i = 0; i < keys.length; i++) {
                    kvs[2 * i] = keys[i];
                    kvs[2 * i + 1] = keys[i] * 10;
                }
                return PathTesting.cSortedMap(kvs);
            }

            @Override
            void assertKind(Object result) {
                assertInstanceOf(PersistentTreeMap.class, result);
            }

            @Override
            void assertRangeKind(Object result) {
                assertSame(PersistentSortedMap.class, result.getClass(),
                        "§5.7.2/§5.16: a range of a Clojure sorted map is also a java.util.SortedMap");
            }
        };

        abstract Object of(int... keys);

        /** Checks the kind of a transform's result: the input's. */
        abstract void assertKind(Object result);

        /** Checks the kind of a selected range: a java.util.SortedMap/SortedSet, and the input's kind for java.util ones. */
        void assertRangeKind(Object result) {
            assertKind(result);
        }

        Object nine() {
            return of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        }

        Supplier<Object> nineSupplier() {
            return this::nine;
        }
    }

    enum SortedSetKind {
        TREE_SET {
            @Override
            Object of(int... xs) {
                TreeSet<Object> s = new TreeSet<>();
                for (int x : xs) {
                    s.add(x);
                }
                return s;
            }

            @Override
            void assertKind(Object result) {
                assertSame(TreeSet.class, result.getClass());
            }
        },
        CLOJURE_SORTED_SET {
            @Override
            Object of(int... xs) {
                Object[] members = new Object[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    members[i] = xs[i];
                }
                return PathTesting.cSortedSet(members);
            }

            @Override
            void assertKind(Object result) {
                assertInstanceOf(PersistentTreeSet.class, result);
            }

            @Override
            void assertRangeKind(Object result) {
                assertSame(PersistentSortedSet.class, result.getClass(),
                        "§5.7.2/§5.16: a range of a Clojure sorted set is also a java.util.SortedSet");
            }
        };

        abstract Object of(int... xs);

        /** Checks the kind of a transform's result: the input's. */
        abstract void assertKind(Object result);

        /** Checks the kind of a selected range: a java.util.SortedMap/SortedSet, and the input's kind for java.util ones. */
        void assertRangeKind(Object result) {
            assertKind(result);
        }

        Object nine() {
            return of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        }

        Supplier<Object> nineSupplier() {
            return this::nine;
        }
    }

    /** The single selected range, checked to be a sorted map of the input's kind. */
    private static Map<?, ?> range(SortedMapKind kind, Path p, Object in) {
        List<Object> got = select(p, in);
        assertEquals(1, got.size(), "a range navigates to one value");
        kind.assertRangeKind(got.get(0));
        assertSorted(got.get(0));
        return (Map<?, ?>) got.get(0);
    }

    private static Set<?> range(SortedSetKind kind, Path p, Object in) {
        List<Object> got = select(p, in);
        assertEquals(1, got.size(), "a range navigates to one value");
        kind.assertRangeKind(got.get(0));
        assertSorted(got.get(0));
        return (Set<?>) got.get(0);
    }

    /**
     * A sorted collection: a java.util SortedMap/SortedSet or a Clojure sorted map/set. (Clojure's
     * sorted collections don't implement java.util.SortedMap/SortedSet; see the report.)
     */
    private static void assertSorted(Object coll) {
        assertTrue(coll instanceof SortedMap || coll instanceof SortedSet || coll instanceof clojure.lang.Sorted,
                () -> "not a sorted collection: " + coll.getClass().getName());
    }

    private static List<Object> keys(Map<?, ?> m) {
        return new ArrayList<>(m.keySet());
    }

    private static List<Object> members(Set<?> s) {
        return new ArrayList<>(s);
    }

    @Nested
    class MapRanges {
        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void sortedMapRangeIsHalfOpenByDefault(SortedMapKind kind) {
            Map<?, ?> r = range(kind, Path.sortedMapRange(3, 6), kind.nine());
            assertEquals(list(3, 4, 5), keys(r));
            assertEquals(Map.of(3, 30, 4, 40, 5, 50), r);
            assertEquals(r, range(kind, Path.sortedMapRange(3, 6, SortedRangeOptions.create()), kind.nine()));
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void sortedMapRangeOptions(SortedMapKind kind) {
            assertEquals(list(4, 5), keys(range(kind, Path.sortedMapRange(3, 6, SortedRangeOptions.excludeStart()), kind.nine())));
            assertEquals(list(3, 4, 5, 6), keys(range(kind, Path.sortedMapRange(3, 6, SortedRangeOptions.includeEnd()), kind.nine())));
            assertEquals(list(4, 5, 6), keys(range(kind,
                    Path.sortedMapRange(3, 6, SortedRangeOptions.excludeStart().includeEnd()), kind.nine())));
            assertEquals(list(4, 5, 6), keys(range(kind,
                    Path.sortedMapRange(3, 6, SortedRangeOptions.includeEnd().excludeStart()), kind.nine())));
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void sortedMapRangeEdgeCases(SortedMapKind kind) {
            assertEquals(list(), keys(range(kind, Path.sortedMapRange(4, 4), kind.nine())), "empty half-open range");
            assertEquals(list(4), keys(range(kind, Path.sortedMapRange(4, 4, SortedRangeOptions.includeEnd()), kind.nine())));
            assertEquals(list(), keys(range(kind, Path.sortedMapRange(6, 3), kind.nine())), "start after end");
            assertEquals(list(1, 2, 3, 4, 5, 6, 7, 8, 9), keys(range(kind, Path.sortedMapRange(-100, 100), kind.nine())));
            assertEquals(list(4, 6), keys(range(kind, Path.sortedMapRange(3, 7), kind.of(2, 4, 6, 8))),
                    "bounds need not be keys");
            assertEquals(list(), keys(range(kind, Path.sortedMapRange(3, 7), kind.of())));
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void sortedMapRangeFrom(SortedMapKind kind) {
            assertEquals(list(7, 8, 9), keys(range(kind, Path.sortedMapRangeFrom(7), kind.nine())));
            assertEquals(list(3, 4), keys(range(kind, Path.sortedMapRangeFrom(3, 2), kind.nine())), "maxAmt");
            assertEquals(list(3, 4), keys(range(kind, Path.sortedMapRangeFrom(3, SortedRangeFromOptions.maxAmt(2)), kind.nine())));
            assertEquals(list(4, 5), keys(range(kind,
                    Path.sortedMapRangeFrom(3, SortedRangeFromOptions.excludeStart().maxAmt(2)), kind.nine())));
            assertEquals(list(4, 5), keys(range(kind,
                    Path.sortedMapRangeFrom(3, SortedRangeFromOptions.maxAmt(2).excludeStart()), kind.nine())));
            assertEquals(list(8, 9), keys(range(kind, Path.sortedMapRangeFrom(7, SortedRangeFromOptions.excludeStart()), kind.nine())));
            assertEquals(list(), keys(range(kind, Path.sortedMapRangeFrom(3, 0), kind.nine())), "maxAmt 0");
            assertEquals(list(8, 9), keys(range(kind, Path.sortedMapRangeFrom(8, 100), kind.nine())), "maxAmt beyond the end");
            assertEquals(list(4, 6), keys(range(kind, Path.sortedMapRangeFrom(3, 2), kind.of(2, 4, 6, 8))),
                    "a start that is not a key");
            assertEquals(list(), keys(range(kind, Path.sortedMapRangeFrom(10), kind.nine())));
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void sortedMapRangeToTakesTheLastKeysBeforeTheEnd(SortedMapKind kind) {
            assertEquals(list(1, 2, 3), keys(range(kind, Path.sortedMapRangeTo(4), kind.nine())));
            assertEquals(list(4, 5), keys(range(kind, Path.sortedMapRangeTo(6, 2), kind.nine())),
                    "maxAmt keeps the LAST n before the end, ascending");
            assertEquals(list(4, 5), keys(range(kind, Path.sortedMapRangeTo(6, SortedRangeToOptions.maxAmt(2)), kind.nine())));
            assertEquals(list(5, 6), keys(range(kind,
                    Path.sortedMapRangeTo(6, SortedRangeToOptions.includeEnd().maxAmt(2)), kind.nine())));
            assertEquals(list(5, 6), keys(range(kind,
                    Path.sortedMapRangeTo(6, SortedRangeToOptions.maxAmt(2).includeEnd()), kind.nine())));
            assertEquals(list(1, 2, 3, 4), keys(range(kind, Path.sortedMapRangeTo(4, SortedRangeToOptions.includeEnd()), kind.nine())));
            assertEquals(list(1, 2), keys(range(kind, Path.sortedMapRangeTo(3, 100), kind.nine())));
            assertEquals(list(), keys(range(kind, Path.sortedMapRangeTo(6, 0), kind.nine())));
            assertEquals(list(4, 6), keys(range(kind, Path.sortedMapRangeTo(7, 2), kind.of(2, 4, 6, 8))),
                    "an end that is not a key");
            assertEquals(list(), keys(range(kind, Path.sortedMapRangeTo(1), kind.nine())));
        }

        @Test
        void rangesOfNullAreEmptySortedMaps() {
            for (Path p : new Path[] {Path.sortedMapRange(1, 2), Path.sortedMapRangeFrom(1), Path.sortedMapRangeTo(2, 3)}) {
                List<Object> got = select(p, null);
                assertEquals(list(Map.of()), got);
                assertSorted(got.get(0));
            }
        }

        @Test
        void rangesFollowTheMapsComparator() {
            TreeMap<Object, Object> desc = new TreeMap<>(Collections.reverseOrder());
            for (int i = 1; i <= 9; i++) {
                desc.put(i, i);
            }
            Map<?, ?> r = (Map<?, ?>) selectOne(Path.sortedMapRange(7, 4), desc);
            assertEquals(list(7, 6, 5), keys(r));
            assertSame(desc.comparator(), ((TreeMap<?, ?>) r).comparator());
            assertEquals(list(3, 2), keys((Map<?, ?>) selectOne(Path.sortedMapRangeTo(1, 2), desc)));
            assertEquals(list(3, 2), keys((Map<?, ?>) selectOne(Path.sortedMapRangeFrom(3, 2), desc)));
        }

        @Test
        void clojureSortedMapsCompareIntegerAndLongBounds() {
            Object m = SortedMapKind.CLOJURE_SORTED_MAP.nine();
            assertEquals(list(3, 4, 5), keys((Map<?, ?>) selectOne(Path.sortedMapRange(3L, 6L), m)));
            assertEquals(list(8, 9), keys((Map<?, ?>) selectOne(Path.sortedMapRangeFrom(8L), m)));
        }

        @Test
        void topLevelAndNestedRanges() {
            TreeMap<Object, Object> posts = new TreeMap<>();
            for (long t = 100; t < 110; t++) {
                posts.put(t, "post" + t);
            }
            Object data = hashMap("alice", hashMap("posts", posts));
            assertEquals(list("post100", "post101", "post102"),
                    select(Path.key("alice", "posts").sortedMapRangeFrom(0L, 3).mapVals(), data));
            assertEquals(list("post108", "post109"),
                    select(Path.key("alice", "posts").sortedMapRangeTo(1000L, 2).mapVals(), data));
        }
    }

    @Nested
    class MapRangeTransforms {
        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void deletingARangeLeavesTheRest(SortedMapKind kind) {
            Object out = transformChecked(Path.sortedMapRange(3, 6).termVal(Map.of()), kind.nineSupplier());
            kind.assertKind(out);
            assertEquals(list(1, 2, 6, 7, 8, 9), keys((Map<?, ?>) out));
            Object viaVoid = transformChecked(Path.sortedMapRange(3, 6).mapVals().termVoid(), kind.nineSupplier());
            assertEquals(out, viaVoid);
            assertEquals(out, transformChecked(Path.sortedMapRange(3, 6).termVoid(), kind.nineSupplier()),
                    "termVoid on the range removes every key in it");
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void updatingARangeChangesOnlyTheRange(SortedMapKind kind) {
            Object out = transformChecked(Path.sortedMapRange(3, 6, SortedRangeOptions.includeEnd()).mapVals()
                    .term((Integer v) -> -v), kind.nineSupplier());
            kind.assertKind(out);
            Map<Object, Object> expected = new TreeMap<>();
            for (int k = 1; k <= 9; k++) {
                expected.put(k, k >= 3 && k <= 6 ? -k * 10 : k * 10);
            }
            assertEquals(expected, out);
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void maxAmtWindowsReplaceOnlyTheWindow(SortedMapKind kind) {
            Object from = transformChecked(Path.sortedMapRangeFrom(3, 2).termVal(Map.of()), kind.nineSupplier());
            assertEquals(list(1, 2, 5, 6, 7, 8, 9), keys((Map<?, ?>) from));
            Object fromExcl = transformChecked(Path.sortedMapRangeFrom(3, SortedRangeFromOptions.excludeStart().maxAmt(2))
                    .mapVals().termVal(0), kind.nineSupplier());
            assertEquals(Map.of(1, 10, 2, 20, 3, 30, 4, 0, 5, 0, 6, 60, 7, 70, 8, 80, 9, 90), fromExcl);
            Object to = transformChecked(Path.sortedMapRangeTo(6, 2).termVal(Map.of()), kind.nineSupplier());
            assertEquals(list(1, 2, 3, 6, 7, 8, 9), keys((Map<?, ?>) to));
            Object toIncl = transformChecked(Path.sortedMapRangeTo(6, SortedRangeToOptions.includeEnd().maxAmt(1))
                    .termVal(Map.of()), kind.nineSupplier());
            assertEquals(list(1, 2, 3, 4, 5, 7, 8, 9), keys((Map<?, ?>) toIncl));
            kind.assertKind(toIncl);
        }

        @ParameterizedTest
        @EnumSource(SortedMapKind.class)
        void replacingARangeWithANewMapWritesItsEntries(SortedMapKind kind) {
            Object out = transformChecked(Path.sortedMapRange(3, 5).term((Map<Object, Object> r) -> {
                TreeMap<Object, Object> n = new TreeMap<>(r);
                n.remove(3);
                n.put(4, "four");
                return n;
            }), kind.nineSupplier());
            kind.assertKind(out);
            Map<?, ?> m = (Map<?, ?>) out;
            assertEquals(list(1, 2, 4, 5, 6, 7, 8, 9), keys(m));
            assertEquals("four", m.get(4));
            assertEquals(50, m.get(5));
        }

        @Test
        void rangeTransformOnANestedMissingMapCreatesASortedMap() {
            Object out = transform(Path.key("m").sortedMapRangeFrom(0).termVal(Map.of(1, "a")), hashMap());
            Object inner = ((Map<?, ?>) out).get("m");
            assertEquals(Map.of(1, "a"), inner);
            assertSorted(inner);
        }
    }

    @Nested
    class SetRanges {
        @ParameterizedTest
        @EnumSource(SortedSetKind.class)
        void sortedSetRange(SortedSetKind kind) {
            assertEquals(list(3, 4, 5), members(range(kind, Path.sortedSetRange(3, 6), kind.nine())));
            assertEquals(list(4, 5), members(range(kind, Path.sortedSetRange(3, 6, SortedRangeOptions.excludeStart()), kind.nine())));
            assertEquals(list(3, 4, 5, 6), members(range(kind, Path.sortedSetRange(3, 6, SortedRangeOptions.includeEnd()), kind.nine())));
            assertEquals(list(4, 5, 6), members(range(kind,
                    Path.sortedSetRange(3, 6, SortedRangeOptions.excludeStart().includeEnd()), kind.nine())));
        }

        @ParameterizedTest
        @EnumSource(SortedSetKind.class)
        void sortedSetRangeFrom(SortedSetKind kind) {
            assertEquals(list(7, 8, 9), members(range(kind, Path.sortedSetRangeFrom(7), kind.nine())));
            assertEquals(list(3, 4), members(range(kind, Path.sortedSetRangeFrom(3, 2), kind.nine())));
            assertEquals(list(4, 5), members(range(kind,
                    Path.sortedSetRangeFrom(3, SortedRangeFromOptions.excludeStart().maxAmt(2)), kind.nine())));
            assertEquals(list(8, 9), members(range(kind, Path.sortedSetRangeFrom(7, SortedRangeFromOptions.excludeStart()), kind.nine())));
        }

        @ParameterizedTest
        @EnumSource(SortedSetKind.class)
        void sortedSetRangeToTakesTheLastMembers(SortedSetKind kind) {
            assertEquals(list(1, 2, 3), members(range(kind, Path.sortedSetRangeTo(4), kind.nine())));
            assertEquals(list(4, 5), members(range(kind, Path.sortedSetRangeTo(6, 2), kind.nine())));
            assertEquals(list(5, 6), members(range(kind,
                    Path.sortedSetRangeTo(6, SortedRangeToOptions.includeEnd().maxAmt(2)), kind.nine())));
            assertEquals(list(1, 2, 3, 4), members(range(kind, Path.sortedSetRangeTo(4, SortedRangeToOptions.includeEnd()), kind.nine())));
        }

        @Test
        void rangesOfNullAreEmptySortedSets() {
            List<Object> got = select(Path.sortedSetRangeFrom(1), null);
            assertEquals(list(Set.of()), got);
            assertSorted(got.get(0));
        }

        @ParameterizedTest
        @EnumSource(SortedSetKind.class)
        void setRangeTransformsReplaceOnlyTheRange(SortedSetKind kind) {
            Object deleted = transformChecked(Path.sortedSetRange(3, 6).termVal(Set.of()), kind.nineSupplier());
            kind.assertKind(deleted);
            assertEquals(list(1, 2, 6, 7, 8, 9), members((Set<?>) deleted));
            Object removedAll = transformChecked(Path.sortedSetRangeFrom(3, 2).all().termVoid(), kind.nineSupplier());
            assertEquals(list(1, 2, 5, 6, 7, 8, 9), members((Set<?>) removedAll));
            Object scaled = transformChecked(Path.sortedSetRangeTo(3).all().term((Integer x) -> x * 100), kind.nineSupplier());
            kind.assertKind(scaled);
            assertEquals(list(3, 4, 5, 6, 7, 8, 9, 100, 200), members((Set<?>) scaled));
            Object lastTwo = transformChecked(Path.sortedSetRangeTo(6, SortedRangeToOptions.maxAmt(2)).termVal(Set.of(0)),
                    kind.nineSupplier());
            assertEquals(list(0, 1, 2, 3, 6, 7, 8, 9), members((Set<?>) lastTwo));
        }
    }

    @Nested
    class RuntimeOptions {
        @Test
        void optionsAndMaxAmtMayBeVariables() {
            Object m = SortedMapKind.TREE_MAP.nine();
            assertEquals(list(Map.of(4, 40, 5, 50, 6, 60)), selectBound(Path.sortedMapRange(3, 6, "*opts"), m,
                    SortedRangeOptions.excludeStart().includeEnd()));
            assertEquals(list(Map.of(4, 40, 5, 50)), selectBound(Path.sortedMapRangeFrom(3, "*opts"), m,
                    SortedRangeFromOptions.excludeStart().maxAmt(2)));
            assertEquals(list(Map.of(3, 30, 4, 40)), selectBound(Path.sortedMapRangeFrom(3, "*n"), m, 2),
                    "an Integer maxAmt from a variable");
            assertEquals(list(Map.of(3, 30, 4, 40)), selectBound(Path.sortedMapRangeFrom(3, "*n"), m, 2L),
                    "a Long maxAmt from a variable");
            assertEquals(list(Map.of(5, 50, 6, 60)), selectBound(Path.sortedMapRangeTo(6, "*opts"), m,
                    SortedRangeToOptions.includeEnd().maxAmt(2)));
            assertEquals(list(Map.of(4, 40, 5, 50)), selectBound(Path.sortedMapRangeTo("*end", "*n"), m, 6, 2));
            Object s = SortedSetKind.TREE_SET.nine();
            assertEquals(list(Set.of(4, 5, 6)), selectBound(Path.sortedSetRange("*s", "*e", "*o"), s, 3, 6,
                    SortedRangeOptions.excludeStart().includeEnd()));
            assertEquals(list(Set.of(4, 5)), selectBound(Path.sortedSetRangeFrom(3, "*o"), s,
                    SortedRangeFromOptions.excludeStart().maxAmt(2)));
            assertEquals(list(Set.of(5, 6)), selectBound(Path.sortedSetRangeTo(6, "*o"), s,
                    SortedRangeToOptions.includeEnd().maxAmt(2)));
        }

        @Test
        void theSameCompiledRangeBindsDifferentOptions() {
            Path p = Path.sortedSetRangeFrom("*start", "*opts");
            Object s = SortedSetKind.CLOJURE_SORTED_SET.nine();
            CompiledPath c = compiled(p);
            assertEquals(list("*start", "*opts"), c.vars());
            assertEquals(list(Set.of(2, 3)), selectBound(p, s, 2, SortedRangeFromOptions.maxAmt(2)));
            assertEquals(list(Set.of(8, 9)), selectBound(p, s, 7, SortedRangeFromOptions.excludeStart()));
        }

        @Test
        void badRuntimeOptionsFail() {
            Object m = SortedMapKind.TREE_MAP.nine();
            assertThrows(PathException.class, () -> selectBound(Path.sortedMapRange(1, 5, "*o"), m, "nope"));
            assertThrows(PathException.class, () -> selectBound(Path.sortedMapRange(1, 5, "*o"), m,
                    SortedRangeFromOptions.maxAmt(1)), "From options are not two-ended range options");
            assertThrows(PathException.class, () -> selectBound(Path.sortedMapRangeFrom(1, "*o"), m,
                    SortedRangeToOptions.maxAmt(1)));
            assertThrows(PathException.class, () -> selectBound(Path.sortedMapRangeTo(1, "*o"), m,
                    SortedRangeFromOptions.maxAmt(1)));
            assertThrows(PathException.class, () -> selectBound(Path.sortedMapRangeFrom(1, "*n"), m, -1),
                    "a negative max amount");
            assertThrows(PathException.class, () -> selectBound(Path.sortedSetRangeTo(1, "*n"), m, -3));
        }

        @Test
        void negativeMaxAmtIsRejectedWhenTheRangeIsBuilt() {
            assertThrows(IllegalArgumentException.class, () -> Path.sortedMapRangeFrom(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Path.sortedMapRangeTo(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Path.sortedSetRangeFrom(1, -2));
            assertThrows(IllegalArgumentException.class, () -> Path.create().sortedSetRangeTo(1, -1));
        }
    }

    @Nested
    class Errors {
        @Test
        void rangesNeedSortedCollectionsOfTheRightKind() {
            // An unsorted map: the message names the type (see the report: it does not name the navigator yet).
            PathException e = selectFails(Path.sortedMapRange(1, 3), () -> hashMap(1, 1, 2, 2));
            assertTrue(e.getMessage().contains("java.util.HashMap"), e.getMessage());
            assertThrows(PathException.class, () -> transform(Path.sortedMapRangeFrom(1).termVal(Map.of()), hashMap(1, 1)));
            assertThrows(PathException.class, () -> select(Path.sortedSetRangeFrom(1), hashSet(1, 2)));
            assertNamesNavigatorAndType(selectFails(Path.sortedSetRange(1, 3), SortedMapKind.TREE_MAP::nine),
                    "java.util.TreeMap", "sortedSetRange", "sorted-set-range");
            assertNamesNavigatorAndType(selectFails(Path.sortedMapRangeTo(3), SortedSetKind.TREE_SET::nine),
                    "java.util.TreeSet", "sortedMapRangeTo", "sorted-map-range-to");
            assertNamesNavigatorAndType(selectFails(Path.sortedMapRangeFrom(3), () -> 5L),
                    "java.lang.Long", "sortedMapRangeFrom", "sorted-map-range-from");
        }
    }
}
