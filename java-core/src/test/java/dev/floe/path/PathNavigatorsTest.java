package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.asSet;
import static dev.floe.path.PathTesting.cMap;
import static dev.floe.path.PathTesting.cSet;
import static dev.floe.path.PathTesting.cSortedMap;
import static dev.floe.path.PathTesting.cVec;
import static dev.floe.path.PathTesting.entries;
import static dev.floe.path.PathTesting.entry;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.hashSet;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.listOfNull;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectFails;
import static dev.floe.path.PathTesting.selectOne;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformChecked;
import static dev.floe.path.PathTesting.transformSameClass;
import static dev.floe.path.PathTesting.treeMap;
import static dev.floe.path.PathTesting.treeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.IPersistentMap;
import clojure.lang.PersistentTreeMap;
import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.path.PathTesting.ListKind;
import dev.floe.path.PathTesting.MapKind;
import dev.floe.path.PathTesting.SetKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The semantics of every navigator, on Java and Clojure collections (RAMA-API §2.11, §5.7). */
class PathNavigatorsTest {

    @Nested
    class KeyAndMust {
        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keySelectsTheValue(MapKind kind) {
            assertEquals(list(1), select(Path.key("a"), kind.of("a", 1, "b", 2)));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keyOnAMissingKeyNavigatesToNull(MapKind kind) {
            assertEquals(listOfNull(), select(Path.key("zz"), kind.of("a", 1)));
            assertNull(selectOne(Path.key("zz"), kind.of("a", 1)), "selectOne of a missing key is null, not an error");
        }

        @Test
        void keyOnNullNavigatesToNull() {
            assertEquals(listOfNull(), select(Path.key("a"), null));
            assertEquals(listOfNull(), select(Path.key("a", "b", "c"), null));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keyVarargsIsAChainOfKeys(MapKind kind) {
            Object m = kind.of("a", kind.of("b", kind.of("c", 7)));
            assertEquals(list(7), select(Path.key("a", "b", "c"), m));
            assertEquals(list(7), select(Path.key("a").key("b").key("c"), m));
            assertEquals(select(Path.key("a").key("b", "c"), m), select(Path.key("a", "b").key("c"), m));
            assertEquals(listOfNull(), select(Path.key("a", "zz", "c"), m), "a missing middle key gives null");
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keyTermValReplacesTheValueAndKeepsTheMapKind(MapKind kind) {
            Object out = transformChecked(Path.key("a").termVal(10), kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("a", 10, "b", 2), out);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keyTermValCreatesAMissingKey(MapKind kind) {
            Object out = transformChecked(Path.key("c").termVal(3), kind.supplier("a", 1));
            kind.assertKind(out);
            assertEquals(Map.of("a", 1, "c", 3), out);
        }

        @Test
        void keyTransformOnNullCreatesNestedMaps() {
            Object out = transform(Path.key("a", "b").termVal(1), null);
            assertEquals(Map.of("a", Map.of("b", 1)), out);
            assertEquals(Map.of("x", Map.of("a", Map.of("b", 1))),
                    transformChecked(Path.key("x", "a", "b").termVal(1), () -> hashMap()));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void keyTermVoidRemovesTheKey(MapKind kind) {
            Object out = transformChecked(Path.key("a").termVoid(), kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("b", 2), out);
            assertEquals(Map.of("b", 2), transformChecked(Path.key("zz").termVoid(), kind.supplier("b", 2)));
        }

        @Test
        void keyTransformKeepsTheComparatorOfATreeMap() {
            TreeMap<Object, Object> m = new TreeMap<>(Collections.reverseOrder());
            m.put("a", 1);
            m.put("b", 2);
            @SuppressWarnings("unchecked")
            TreeMap<Object, Object> out = (TreeMap<Object, Object>) transform(Path.key("c").termVal(3), m);
            assertSame(m.comparator(), out.comparator());
            assertEquals(list("c", "b", "a"), new ArrayList<>(out.keySet()));
            assertEquals(2, m.size(), "input untouched");
        }

        @Test
        void keyTermTransformsTheValue() {
            assertEquals(Map.of("a", 2), transformSameClass(Path.key("a").term((Integer x) -> x + 1), () -> hashMap("a", 1)));
            assertEquals(Map.of("a", "missing"),
                    transform(Path.key("a").term((Object x) -> x == null ? "missing" : x), hashMap()));
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void keyOnASequenceUsesTheIndex(ListKind kind) {
            assertEquals(list("b"), select(Path.key(1), kind.of("a", "b", "c")));
            Object out = transformChecked(Path.key(1).termVal("B"), kind.supplier("a", "b", "c"));
            kind.assertKind(out);
            assertEquals(list("a", "B", "c"), out);
        }

        @Test
        void integerAndLongKeysFollowTheMapsOwnEquality() {
            // java.util maps use equals (Integer 1 != Long 1); Clojure maps use numeric equivalence (§5.16).
            assertEquals(listOfNull(), select(Path.key(1L), hashMap(1, "x")));
            assertEquals(list("x"), select(Path.key(1), hashMap(1, "x")));
            assertEquals(list("x"), select(Path.key(1L), cMap(1, "x")));
            assertEquals(list("x"), select(Path.key(1L), cSortedMap(1, "x")));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mustSelectsOnlyPresentKeys(MapKind kind) {
            assertEquals(list(1), select(Path.must("a"), kind.of("a", 1)));
            assertEquals(list(), select(Path.must("zz"), kind.of("a", 1)));
            assertNull(selectOne(Path.must("zz"), kind.of("a", 1)));
            assertEquals(list(), select(Path.must("a"), null));
            Object nested = kind.of("a", kind.of("b", 2));
            assertEquals(list(2), select(Path.must("a", "b"), nested));
            assertEquals(list(), select(Path.must("a", "zz"), nested));
        }

        @Test
        void mustSelectsAPresentNullValue() {
            assertEquals(listOfNull(), select(Path.must("a"), hashMap("a", null)));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mustTransformsOnlyPresentKeys(MapKind kind) {
            assertEquals(Map.of("a", 2), transformChecked(Path.must("a").term((Integer x) -> x + 1), kind.supplier("a", 1)));
            Object out = transformChecked(Path.must("zz").termVal(5), kind.supplier("a", 1));
            assertEquals(Map.of("a", 1), out, "must never creates a key");
            kind.assertKind(out);
            assertEquals(Map.of(), transformChecked(Path.must("a").termVoid(), kind.supplier("a", 1)));
        }
    }

    @Nested
    class AllMapValsMapKeys {
        @ParameterizedTest
        @EnumSource(ListKind.class)
        void allOnASequenceYieldsTheElementsInOrder(ListKind kind) {
            assertEquals(list(3, 1, 2), select(Path.all(), kind.of(3, 1, 2)));
            assertEquals(list(), select(Path.all(), kind.of()));
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void allOnASetYieldsTheMembers(SetKind kind) {
            List<Object> got = select(Path.all(), kind.of(3, 1, 2));
            assertEquals(3, got.size());
            assertEquals(Set.of(1, 2, 3), asSet(got));
        }

        @Test
        void allOnASortedSetIsInOrder() {
            assertEquals(list(1, 2, 3), select(Path.all(), treeSet(3, 1, 2)));
            assertEquals(list(1, 2, 3), select(Path.all(), PathTesting.cSortedSet(3, 1, 2)));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void allOnAMapYieldsTwoElementLists(MapKind kind) {
            Object m = kind.of("a", 1, "b", 2);
            List<Object> got = select(Path.all(), m);
            for (Object e : got) {
                List<?> pair = assertInstanceOf(List.class, e, "map entries are [k, v] Lists");
                assertEquals(2, pair.size());
            }
            assertEquals(entries((Map<?, ?>) m), asSet(got));
        }

        @Test
        void allOnSortedMapsIsInKeyOrderAndAllAllYieldsKeyThenValue() {
            for (Object m : list(treeMap("b", 2, "a", 1), cSortedMap("b", 2, "a", 1))) {
                assertEquals(list(entry("a", 1), entry("b", 2)), select(Path.all(), m));
                assertEquals(list("a", 1, "b", 2), select(Path.all().all(), m));
            }
        }

        @Test
        void allOnNullNavigatesNowhere() {
            assertEquals(list(), select(Path.all(), null));
            assertNull(transform(Path.all().termVal(1), null));
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void allTransformsEveryElementOfASequence(ListKind kind) {
            Object out = transformChecked(Path.all().term((Integer x) -> x * 10), kind.supplier(1, 2, 3));
            kind.assertKind(out);
            assertEquals(list(10, 20, 30), out);
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void allTransformsEveryMemberOfASet(SetKind kind) {
            Object out = transformChecked(Path.all().term((Integer x) -> x * 10), kind.supplier(1, 2, 3));
            kind.assertKind(out);
            assertEquals(Set.of(10, 20, 30), out);
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void allTermVoidRemovesElements(ListKind kind) {
            Object out = transformChecked(Path.all().filterPred((Integer x) -> x % 2 == 0).termVoid(),
                    kind.supplier(1, 2, 3, 4));
            kind.assertKind(out);
            assertEquals(list(1, 3), out);
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void allTermVoidRemovesMembers(SetKind kind) {
            Object out = transformChecked(Path.all().filterPred((Integer x) -> x % 2 == 0).termVoid(),
                    kind.supplier(1, 2, 3, 4));
            kind.assertKind(out);
            assertEquals(Set.of(1, 3), out);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void allTermVoidRemovesMapEntries(MapKind kind) {
            Object out = transformChecked(Path.all().filterPred((List<Object> e) -> e.get(0).equals("b")).termVoid(),
                    kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("a", 1), out);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void allReplacesMapEntriesWithNewPairs(MapKind kind) {
            Object out = transformChecked(
                    Path.all().term((List<Object> e) -> list(e.get(0) + "!", (Integer) e.get(1) * 10)),
                    kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("a!", 10, "b!", 20), out);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mapValsSelectsAndTransformsValues(MapKind kind) {
            assertEquals(Set.of(1, 2), asSet(select(Path.mapVals(), kind.of("a", 1, "b", 2))));
            Object out = transformChecked(Path.mapVals().term((Integer x) -> x + 1), kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("a", 2, "b", 3), out);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mapValsTermVoidRemovesEntries(MapKind kind) {
            Object out = transformChecked(Path.mapVals().filterGreaterThan(1).termVoid(),
                    kind.supplier("a", 1, "b", 2, "c", 3));
            kind.assertKind(out);
            assertEquals(Map.of("a", 1), out);
        }

        @Test
        void mapValsOnNullAndSortedOrder() {
            assertEquals(list(), select(Path.mapVals(), null));
            assertEquals(list(), select(Path.key("missing").mapVals(), hashMap("a", 1)));
            assertEquals(list(1, 2, 3), select(Path.mapVals(), treeMap("c", 3, "a", 1, "b", 2)));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mapKeysSelectsRenamesAndRemovesKeys(MapKind kind) {
            assertEquals(Set.of("a", "b"), asSet(select(Path.mapKeys(), kind.of("a", 1, "b", 2))));
            Object renamed = transformChecked(Path.mapKeys().term((String k) -> k + k), kind.supplier("a", 1, "b", 2));
            kind.assertKind(renamed);
            assertEquals(Map.of("aa", 1, "bb", 2), renamed);
            Object removed = transformChecked(Path.mapKeys().filterEqual("a").termVoid(), kind.supplier("a", 1, "b", 2));
            kind.assertKind(removed);
            assertEquals(Map.of("b", 2), removed);
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void mapKeyNavigatesToAPresentKeyAndRenamesIt(MapKind kind) {
            assertEquals(list("a"), select(Path.mapKey("a"), kind.of("a", 1)));
            assertEquals(list(), select(Path.mapKey("zz"), kind.of("a", 1)));
            Object out = transformChecked(Path.mapKey("a").termVal("z"), kind.supplier("a", 1, "b", 2));
            kind.assertKind(out);
            assertEquals(Map.of("z", 1, "b", 2), out);
            assertEquals(Map.of("a", 1), transformChecked(Path.mapKey("zz").termVal("q"), kind.supplier("a", 1)));
            assertEquals(Map.of("b", 2), transformChecked(Path.mapKey("a").termVoid(), kind.supplier("a", 1, "b", 2)));
        }
    }

    @Nested
    class Sequences {
        @ParameterizedTest
        @EnumSource(ListKind.class)
        void firstAndLast(ListKind kind) {
            assertEquals(list(1), select(Path.first(), kind.of(1, 2, 3)));
            assertEquals(list(3), select(Path.last(), kind.of(1, 2, 3)));
            assertEquals(list(), select(Path.first(), kind.of()));
            assertEquals(list(), select(Path.last(), kind.of()));
            Object first = transformChecked(Path.first().termVal(9), kind.supplier(1, 2, 3));
            kind.assertKind(first);
            assertEquals(list(9, 2, 3), first);
            Object last = transformChecked(Path.last().termVoid(), kind.supplier(1, 2, 3));
            kind.assertKind(last);
            assertEquals(list(1, 2), last);
            assertEquals(list(), transformChecked(Path.first().termVal(9), kind.supplier()));
        }

        @Test
        void firstAndLastOfSortedSetsAndMaps() {
            assertEquals(list(1), select(Path.first(), treeSet(3, 1, 2)));
            assertEquals(list(3), select(Path.last(), treeSet(3, 1, 2)));
            assertEquals(list(entry("a", 1)), select(Path.first(), treeMap("b", 2, "a", 1)));
            assertEquals(list(entry("b", 2)), select(Path.last(), cSortedMap("b", 2, "a", 1)));
            assertEquals(list("a"), select(Path.first().nth(0), treeMap("b", 2, "a", 1)));
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void nthSelectsTransformsAndRemoves(ListKind kind) {
            assertEquals(list("b"), select(Path.nth(1), kind.of("a", "b", "c")));
            assertEquals(list("c"), select(Path.nth(2L), kind.of("a", "b", "c")), "a Long index works");
            Object set = transformChecked(Path.nth(1).termVal("B"), kind.supplier("a", "b", "c"));
            kind.assertKind(set);
            assertEquals(list("a", "B", "c"), set);
            Object removed = transformChecked(Path.nth(0).termVoid(), kind.supplier("a", "b", "c"));
            kind.assertKind(removed);
            assertEquals(list("b", "c"), removed);
        }

        @Test
        void nthOutOfBoundsFails() {
            String msg = selectFails(Path.nth(5), () -> arrayList(1, 2)).getMessage();
            assertTrue(msg.contains("5") && msg.contains("nth"), msg);
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void sublistSelectsAndSplicesBack(ListKind kind) {
            assertEquals(list(list(2, 3)), select(Path.sublist(1, 3), kind.of(1, 2, 3, 4)));
            assertEquals(list(list()), select(Path.sublist(2, 2), kind.of(1, 2, 3, 4)));
            Object deleted = transformChecked(Path.sublist(1, 3).termVal(list()), kind.supplier(1, 2, 3, 4));
            kind.assertKind(deleted);
            assertEquals(list(1, 4), deleted);
            Object reversed = transformChecked(Path.sublist(0, 3).term((List<Object> xs) -> {
                List<Object> r = new ArrayList<>(xs);
                Collections.reverse(r);
                return r;
            }), kind.supplier(1, 2, 3, 4));
            kind.assertKind(reversed);
            assertEquals(list(3, 2, 1, 4), reversed);
            assertEquals(list(1, 20, 30, 4),
                    transformChecked(Path.sublist(1, 3).all().term((Integer x) -> x * 10), kind.supplier(1, 2, 3, 4)));
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void voidElementsInsert(ListKind kind) {
            assertEquals(list(), select(Path.afterElem(), kind.of(1, 2)));
            assertEquals(list(), select(Path.beforeElem(), kind.of(1, 2)));
            assertEquals(list(), select(Path.beforeIndex(1), kind.of(1, 2)));
            Object appended = transformChecked(Path.afterElem().termVal(3), kind.supplier(1, 2));
            kind.assertKind(appended);
            assertEquals(list(1, 2, 3), appended);
            Object prepended = transformChecked(Path.beforeElem().termVal(0), kind.supplier(1, 2));
            kind.assertKind(prepended);
            assertEquals(list(0, 1, 2), prepended);
            Object inserted = transformChecked(Path.beforeIndex(1).termVal(9), kind.supplier(1, 2));
            kind.assertKind(inserted);
            assertEquals(list(1, 9, 2), inserted);
            assertEquals(list(1, 2, 9), transformChecked(Path.beforeIndex(2).termVal(9), kind.supplier(1, 2)));
        }

        @Test
        void afterElemAndBeforeElemOnNullCreateAList() {
            Object appended = transform(Path.afterElem().termVal("x"), null);
            assertInstanceOf(List.class, appended);
            assertEquals(list("x"), appended);
            assertEquals(list("x"), transform(Path.beforeElem().termVal("x"), null));
            assertEquals(Map.of("l", list("x")), transformChecked(Path.key("l").afterElem().termVal("x"), () -> hashMap()));
        }

        @ParameterizedTest
        @EnumSource(ListKind.class)
        void endAndBeginningSpliceManyElements(ListKind kind) {
            assertEquals(list(list()), select(Path.end(), kind.of(1, 2)));
            assertEquals(list(list()), select(Path.beginning(), kind.of(1, 2)));
            Object end = transformChecked(Path.end().termVal(list(3, 4)), kind.supplier(1, 2));
            kind.assertKind(end);
            assertEquals(list(1, 2, 3, 4), end);
            Object beginning = transformChecked(Path.beginning().termVal(list(-1, 0)), kind.supplier(1, 2));
            kind.assertKind(beginning);
            assertEquals(list(-1, 0, 1, 2), beginning);
        }

        @Test
        void endOnNullIsTheNewList() {
            assertEquals(list(1, 2), transform(Path.end().termVal(list(1, 2)), null));
        }
    }

    @Nested
    class MapAndSetParts {
        @ParameterizedTest
        @EnumSource(MapKind.class)
        void subMapSelectsThePresentKeys(MapKind kind) {
            List<Object> got = select(Path.subMap("a", "c", "zz"), kind.of("a", 1, "b", 2, "c", 3));
            assertEquals(1, got.size());
            assertEquals(Map.of("a", 1, "c", 3), got.get(0));
            assertEquals(list(Map.of()), select(Path.subMap("zz"), kind.of("a", 1)));
        }

        @ParameterizedTest
        @EnumSource(MapKind.class)
        void subMapTransformReplacesThoseKeys(MapKind kind) {
            Object out = transformChecked(Path.subMap("a", "b").termVal(Map.of("a", 10, "n", 0)),
                    kind.supplier("a", 1, "b", 2, "c", 3));
            kind.assertKind(out);
            assertEquals(Map.of("a", 10, "n", 0, "c", 3), out);
            Object viaVals = transformChecked(Path.subMap("a", "b").mapVals().term((Integer x) -> -x),
                    kind.supplier("a", 1, "b", 2, "c", 3));
            kind.assertKind(viaVals);
            assertEquals(Map.of("a", -1, "b", -2, "c", 3), viaVals);
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void setElemSelectsPresentMembers(SetKind kind) {
            assertEquals(list(2), select(Path.setElem(2), kind.of(1, 2, 3)));
            assertEquals(list(), select(Path.setElem(9), kind.of(1, 2, 3)));
            assertEquals(list(), select(Path.setElem(9), null));
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void setElemTermVoidRemovesAndTermValReplaces(SetKind kind) {
            Object removed = transformChecked(Path.setElem(2).termVoid(), kind.supplier(1, 2, 3));
            kind.assertKind(removed);
            assertEquals(Set.of(1, 3), removed);
            Object replaced = transformChecked(Path.setElem(2).termVal(20), kind.supplier(1, 2, 3));
            kind.assertKind(replaced);
            assertEquals(Set.of(1, 20, 3), replaced);
            assertEquals(Set.of(1, 3), transformChecked(Path.setElem(9).termVoid(), kind.supplier(1, 3)));
        }

        @ParameterizedTest
        @EnumSource(SetKind.class)
        void voidSetElemAdds(SetKind kind) {
            assertEquals(list(), select(Path.voidSetElem(), kind.of(1)));
            Object out = transformChecked(Path.voidSetElem().termVal(0), kind.supplier(1, 2));
            kind.assertKind(out);
            assertEquals(Set.of(0, 1, 2), out);
            assertEquals(Set.of(1, 2), transformChecked(Path.voidSetElem().termVal(1), kind.supplier(1, 2)));
        }

        @Test
        void voidSetElemOnNullCreatesTheSet() {
            Object out = transform(Path.voidSetElem().termVal("x"), null);
            assertInstanceOf(Set.class, out);
            assertEquals(Set.of("x"), out);
            assertEquals(Map.of("s", Set.of("x"), "t", 1),
                    transformChecked(Path.key("s").voidSetElem().termVal("x"), () -> hashMap("t", 1)));
        }

        @Test
        void voidSetElemKeepsTheTreeSetComparator() {
            TreeSet<Object> s = new TreeSet<>(Collections.reverseOrder());
            s.add(1);
            @SuppressWarnings("unchecked")
            TreeSet<Object> out = (TreeSet<Object>) transform(Path.voidSetElem().termVal(2), s);
            assertEquals(list(2, 1), new ArrayList<>(out));
            assertSame(s.comparator(), out.comparator());
        }
    }

    @Nested
    class NullDefaults {
        @Test
        void nullToValSubstitutesOnlyForNull() {
            assertEquals(list(5), select(Path.nullToVal(5), null));
            assertEquals(list(1), select(Path.nullToVal(5), 1));
            assertEquals(list(5), select(Path.key("zz").nullToVal(5), hashMap()));
            assertEquals(Map.of("c", 1), transformChecked(Path.key("c").nullToVal(0).term((Integer x) -> x + 1), () -> hashMap()));
            assertEquals(Map.of("c", 8), transformChecked(Path.key("c").nullToVal(0).term((Integer x) -> x + 1), () -> hashMap("c", 7)));
        }

        @Test
        void nullToListGivesAnEmptyList() {
            List<Object> got = select(Path.nullToList(), null);
            assertEquals(list(list()), got);
            assertInstanceOf(List.class, got.get(0));
            assertEquals(list(list(1)), select(Path.nullToList(), list(1)));
            assertEquals(Map.of("l", list("x")),
                    transformChecked(Path.key("l").nullToList().afterElem().termVal("x"), () -> hashMap()));
        }

        @Test
        void nullToSetGivesAnEmptySet() {
            List<Object> got = select(Path.nullToSet(), null);
            assertEquals(list(Set.of()), got);
            assertInstanceOf(Set.class, got.get(0));
            assertEquals(list(Set.of(1)), select(Path.nullToSet(), hashSet(1)));
            assertEquals(Map.of("s", Set.of("x")),
                    transformChecked(Path.key("s").nullToSet().voidSetElem().termVal("x"), () -> hashMap()));
        }
    }

    @Nested
    class Terminals {
        @Test
        void termValTermAndTermVoidAtTheRoot() {
            assertEquals(5, transform(Path.termVal(5), 1));
            assertEquals(2, transform(Path.term((Integer x) -> x + 1), 1));
            assertSame(Navigator.VOID, transform(Path.termVoid(), 1), "removing the root yields VOID");
        }

        @Test
        void termValMayStoreNullAndCollections() {
            assertEquals(hashMap("a", null), transformChecked(Path.key("a").termVal(null), () -> hashMap("a", 1)));
            assertEquals(Map.of("a", list(1, 2)), transformChecked(Path.key("a").termVal(list(1, 2)), () -> hashMap()));
        }

        @Test
        void termPassesExtraArgumentsAfterTheValue() {
            assertEquals(Map.of("a", "1-x-y"), transform(
                    Path.key("a").term((Integer v, String p, String q) -> v + "-" + p + "-" + q, "x", "y"), hashMap("a", 1)));
        }

        @Test
        void aTransformPathMustEndInATerminal() {
            PathTesting.transformFails(Path.key("a"), () -> hashMap("a", 1));
            PathTesting.transformFails(Path.multiPath(Path.key("a").termVal(1), Path.key("b")), () -> hashMap("a", 1, "b", 2));
        }

        @Test
        void selectingThroughATerminalSelectsNothing() {
            assertEquals(list(), select(Path.key("a").termVal(1), hashMap("a", 2)));
        }
    }

    @Nested
    class ControlAndFilters {
        @Test
        void stayAndStop() {
            assertEquals(list(hashMap("a", 1)), select(Path.stay(), hashMap("a", 1)));
            assertEquals(list(), select(Path.stop(), hashMap("a", 1)));
            assertEquals(7, transform(Path.stay().termVal(7), 1));
            assertEquals(hashMap("a", 1), transformChecked(Path.stop().termVal(7), () -> hashMap("a", 1)));
            assertEquals(list(1), select(Path.create(), 1), "the empty path navigates to the value itself");
        }

        @Test
        void multiPathConcatenatesSelectsInOrder() {
            Object m = hashMap("a", 1, "b", 2, "c", 3);
            assertEquals(list(3, 1, 2), select(Path.multiPath(Path.key("c"), Path.key("a"), Path.key("b")), m));
            assertEquals(list(1, 1), select(Path.multiPath(Path.key("a"), Path.key("a")), m));
            assertEquals(list(1, null), select(Path.multiPath(Path.key("a"), Path.key("zz")), m));
        }

        @Test
        void multiPathTransformsApplyInOrder() {
            Object out = transformChecked(Path.multiPath(
                    Path.key("a").termVal(10),
                    Path.key("a").term((Integer x) -> x + 1),
                    Path.key("b").termVoid()), () -> hashMap("a", 1, "b", 2, "c", 3));
            assertEquals(Map.of("a", 11, "c", 3), out);
            // the second branch sees what the first one wrote: a goes 1 -> 2 -> 3
            assertEquals(cMap("a", 3, "b", 3),
                    transform(Path.mapVals().multiPath(Path.filterEqual(1).termVal(2), Path.filterEqual(2).termVal(3)),
                            cMap("a", 1, "b", 2)));
        }

        @Test
        void filterPredKeepsTruthyValues() {
            assertEquals(list(2, 4), select(Path.all().filterPred((Integer x) -> x % 2 == 0), cVec(1, 2, 3, 4)));
            assertEquals(list(), select(Path.filterPred((Object x) -> null), 1), "a null result is falsy");
            assertEquals(list(3, 4), select(Path.all().filterPred((Integer x, Integer min) -> x >= min, 3), arrayList(1, 2, 3, 4)));
        }

        @Test
        void comparisonFiltersMixIntegerAndLong() {
            List<Object> ints = arrayList(1, 2, 3, 4);
            assertEquals(list(2), select(Path.all().filterEqual(2L), ints));
            assertEquals(list(1, 3, 4), select(Path.all().filterNotEqual(2L), ints));
            assertEquals(list(1, 2), select(Path.all().filterLessThan(3L), ints));
            assertEquals(list(1, 2, 3), select(Path.all().filterLessThanOrEqual(3L), ints));
            assertEquals(list(4), select(Path.all().filterGreaterThan(3L), ints));
            assertEquals(list(3, 4), select(Path.all().filterGreaterThanOrEqual(3L), ints));
            List<Object> longs = arrayList(1L, 2L, 3L);
            assertEquals(list(2L), select(Path.all().filterEqual(2), longs));
            assertEquals(list(1L), select(Path.all().filterLessThan(2), longs));
            assertEquals(list(2.5), select(Path.all().filterGreaterThan(2), arrayList(1.5, 2.5)));
        }

        @Test
        void comparisonFiltersOnStringsAndNull() {
            assertEquals(list("a", "b"), select(Path.all().filterLessThan("c"), arrayList("a", "b", "c", "d")));
            assertEquals(list("x"), select(Path.all().filterEqual("x"), arrayList("x", "y")));
            assertEquals(listOfNull(), select(Path.key("zz").filterEqual(null), hashMap()));
            assertEquals(list(), select(Path.key("zz").filterNotEqual(null), hashMap()));
        }

        @Test
        void filterSelectedAndNotSelected() {
            Object users = cVec(cMap("name", "a", "admin", true), cMap("name", "b"));
            assertEquals(list("a"), select(Path.all().filterSelected(Path.must("admin")).key("name"), users));
            assertEquals(list("b"), select(Path.all().filterNotSelected(Path.must("admin")).key("name"), users));
            assertEquals(list("a", "b"), select(Path.all().filterSelected(Path.key("admin")).key("name"), users),
                    "key selects null for a missing key, which counts as selected");
            Object out = transformChecked(Path.all().filterNotSelected(Path.must("admin")).key("name").termVal("B"),
                    () -> arrayList(hashMap("name", "a", "admin", true), hashMap("name", "b")));
            assertEquals(list(Map.of("name", "a", "admin", true), Map.of("name", "B")), out);
        }

        @Test
        void viewNavigatesToTheFunctionResult() {
            assertEquals(list(3), select(Path.view((List<Object> xs) -> xs.size()), arrayList(1, 2, 3)));
            assertEquals(list(true), select(Path.view((Set<Object> s, Object x) -> s.contains(x), 2), hashSet(1, 2)));
            assertEquals(list(0), select(Path.key("zz").view((Object x) -> x == null ? 0 : 1), hashMap()));
        }

        @Test
        void transformingThroughViewReplacesTheValue() {
            assertEquals(Map.of("a", 4), transformChecked(
                    Path.key("a").view((List<Object> xs) -> xs.size()).term((Integer n) -> n + 1), () -> hashMap("a", arrayList(1, 2, 3))));
        }

        @Test
        void transformedNavigatesToTheTransformedValueWithoutWriting() {
            Object in = arrayList(1, 2, 3);
            assertEquals(list(list(2, 4, 6)), select(Path.transformed(Path.all().term((Integer x) -> x * 2)), in));
            assertEquals(list(1, 2, 3), in);
            assertEquals(list(list(1, 3)), select(Path.transformed(Path.all().filterEqual(2).termVoid()), in));
            assertEquals(list(12), select(Path.transformed(Path.all().term((Integer x) -> x * 2)).view((List<Integer> xs) -> {
                int sum = 0;
                for (int x : xs) {
                    sum += x;
                }
                return sum;
            }), in));
            assertEquals(Map.of("a", list(2, 4)), transformChecked(
                    Path.key("a").transformed(Path.all().term((Integer x) -> x * 2)).term((Object x) -> x),
                    () -> hashMap("a", arrayList(1, 2))), "a transform through transformed writes the transformed value");
        }

        @Test
        void ifPathChoosesABranch() {
            Object xs = arrayList(1, 5, 2, 6);
            assertEquals(list(1, -5, 2, -6),
                    select(Path.all().ifPath(Path.filterGreaterThan(3), Path.view((Integer x) -> -x), Path.stay()), xs));
            assertEquals(list(5, 6), select(Path.all().ifPath(Path.filterGreaterThan(3), Path.stay()), xs),
                    "without an else path, nothing");
            Object out = transformChecked(Path.all().ifPath(Path.filterGreaterThan(3), Path.termVal(0), Path.term((Integer x) -> x * 10)),
                    () -> arrayList(1, 5, 2, 6));
            assertEquals(list(10, 0, 20, 0), out);
            assertEquals(list(1, 0, 2, 0),
                    transformChecked(Path.all().ifPath(Path.filterGreaterThan(3), Path.termVal(0)), () -> arrayList(1, 5, 2, 6)));
        }

        @Test
        void ifPathConditionIsEvaluatedOnTheCurrentValue() {
            Object m = hashMap("kind", "a", "x", 1, "y", 2);
            Path p = Path.ifPath(Path.key("kind").filterEqual("a"), Path.key("x"), Path.key("y"));
            assertEquals(list(1), select(p, m));
            assertEquals(list(2), select(p, hashMap("kind", "b", "x", 1, "y", 2)));
        }

        @Test
        void subselectSelectsEverythingAsOneList() {
            Object data = arrayList(hashMap("n", 1), hashMap("n", 2), hashMap("n", 3));
            assertEquals(list(list(1, 2, 3)), select(Path.subselect(Path.all().key("n")), data));
            Object reversed = transformChecked(Path.subselect(Path.all().key("n")).term((List<Object> ns) -> {
                List<Object> r = new ArrayList<>(ns);
                Collections.reverse(r);
                return r;
            }), () -> arrayList(hashMap("n", 1), hashMap("n", 2), hashMap("n", 3)));
            assertEquals(list(Map.of("n", 3), Map.of("n", 2), Map.of("n", 1)), reversed);
            assertEquals(list(3), select(Path.subselect(Path.all().key("n")).view((List<Object> l) -> l.size()), data));
        }

        @Test
        void filteredListSelectsAndWritesBackInPlace() {
            assertEquals(list(list(2, 4)), select(Path.filteredList(Path.filterPred((Integer x) -> x % 2 == 0)), arrayList(1, 2, 3, 4, 5)));
            Object negated = transformSameClass(Path.filteredList(Path.filterPred((Integer x) -> x % 2 == 0)).all().term((Integer x) -> -x),
                    () -> arrayList(1, 2, 3, 4, 5));
            assertEquals(list(1, -2, 3, -4, 5), negated);
            Object swapped = transformChecked(Path.filteredList(Path.filterGreaterThan(2)).term((List<Object> l) -> {
                List<Object> r = new ArrayList<>(l);
                Collections.reverse(r);
                return r;
            }), () -> cVec(1, 3, 2, 4, 5));
            assertEquals(list(1, 5, 2, 4, 3), swapped);
        }
    }

    @Nested
    class NestedStructures {
        @Test
        void deepJavaTransformCopiesOnlyWhatItChanges() {
            Map<Object, Object> inner = hashMap("n", 1);
            Map<Object, Object> other = hashMap("m", 2);
            Map<Object, Object> root = hashMap("a", inner, "b", other);
            @SuppressWarnings("unchecked")
            Map<Object, Object> out = (Map<Object, Object>) transform(Path.key("a", "n").termVal(5), root);
            assertEquals(Map.of("a", Map.of("n", 5), "b", Map.of("m", 2)), out);
            assertEquals(Map.of("n", 1), inner, "inner map untouched");
            assertSame(other, out.get("b"), "untouched branches are shared");
        }

        @Test
        void mixedJavaAndClojureStructures() {
            Object data = cMap("users", arrayList(hashMap("name", "a", "tags", treeSet("x")), cMap("name", "b", "tags", cSet())));
            assertEquals(list("a", "b"), select(Path.key("users").all().key("name"), data));
            Object out = transform(Path.key("users").all().key("tags").voidSetElem().termVal("new"), data);
            assertEquals(list(Set.of("x", "new"), Set.of("new")), select(Path.key("users").all().key("tags"), out));
            assertInstanceOf(IPersistentMap.class, out);
            assertInstanceOf(ArrayList.class, select(Path.key("users"), out).get(0));
            assertInstanceOf(TreeSet.class, select(Path.key("users").first().key("tags"), out).get(0));
        }

        @Test
        void treeMapWithAComparatorStaysSortedThroughAll() {
            TreeMap<Object, Object> m = new TreeMap<>(Comparator.comparing(Object::toString).reversed());
            m.put("a", 1);
            m.put("b", 2);
            Object out = transform(Path.all().term((List<Object> e) -> list(e.get(0), (Integer) e.get(1) + 1)), m);
            assertInstanceOf(TreeMap.class, out);
            assertEquals(list("b", "a"), select(Path.mapKeys(), out));
        }

        @Test
        void selectOneWithSeveralResultsFails() {
            assertEquals(1, selectOne(Path.all().filterEqual(1), arrayList(1, 2)));
            org.junit.jupiter.api.Assertions.assertThrows(dev.floe.specter.PathException.class,
                    () -> selectOne(Path.all(), arrayList(1, 2)));
        }

        @Test
        void persistentTreeMapTransformsKeepSorting() {
            PersistentTreeMap m = cSortedMap(3, "c", 1, "a");
            Object out = transform(Path.key(2).termVal("b"), m);
            assertInstanceOf(PersistentTreeMap.class, out);
            assertEquals(list(1, 2, 3), select(Path.mapKeys(), out));
        }
    }
}
