package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.assertNamesNavigatorAndType;
import static dev.floe.path.PathTesting.cMap;
import static dev.floe.path.PathTesting.cVec;
import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.hashSet;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.selectFails;
import static dev.floe.path.PathTesting.selectOne;
import static dev.floe.path.PathTesting.transformFails;
import static dev.floe.path.PathTesting.treeMap;
import static dev.floe.path.PathTesting.treeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.ExceptionInfo;
import dev.floe.Path;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A path applied to a value it cannot navigate throws a PathException naming the navigator and the
 * value's type, and leaves its input untouched (RAMA-API / docs/paths.md "Errors").
 */
class PathErrorsTest {

    /** navigator path, input, type name in the message, navigator names (Java or engine spelling). */
    static Stream<Arguments> incompatible() {
        return Stream.of(
                bad(Path.key("a"), () -> 5L, "java.lang.Long", "keypath", "key"),
                bad(Path.key("a", "b"), () -> hashMap("a", 5L), "java.lang.Long", "keypath", "key"),
                bad(Path.must("a"), () -> 5, "java.lang.Integer", "must"),
                bad(Path.all(), () -> 5, "java.lang.Integer", "all"),
                bad(Path.key("a").all(), () -> hashMap("a", true), "java.lang.Boolean", "all"),
                bad(Path.mapVals(), () -> arrayList(1, 2), "java.util.ArrayList", "mapVals", "map-vals"),
                bad(Path.mapKeys(), () -> "text", "java.lang.String", "mapKeys", "map-keys"),
                bad(Path.mapKey("a"), () -> arrayList(1), "java.util.ArrayList", "mapKey", "map-key"),
                bad(Path.first(), () -> 5, "java.lang.Integer", "first"),
                bad(Path.last(), () -> 5L, "java.lang.Long", "last"),
                bad(Path.nth(0), () -> hashMap("a", 1), "java.util.HashMap", "nth"),
                bad(Path.sublist(0, 1), () -> 5, "java.lang.Integer", "sublist", "srange"),
                bad(Path.subMap("a"), () -> arrayList(1), "java.util.ArrayList", "subMap", "submap"),
                bad(Path.setElem(1), () -> arrayList(1), "java.util.ArrayList", "setElem", "set-elem"),
                bad(Path.voidSetElem(), () -> hashMap(), "java.util.HashMap", "voidSetElem", "none-elem"),
                bad(Path.afterElem(), () -> hashMap(), "java.util.HashMap", "afterElem", "after-elem"),
                bad(Path.beforeElem(), () -> hashSet(1), "java.util.HashSet", "beforeElem", "before-elem"),
                bad(Path.beforeIndex(0), () -> 5, "java.lang.Integer", "beforeIndex", "before-index"),
                bad(Path.end(), () -> 5, "java.lang.Integer", "end"),
                bad(Path.beginning(), () -> 5, "java.lang.Integer", "beginning"),
                bad(Path.sortedMapRange(1, 2), () -> treeSet(1), "java.util.TreeSet", "sortedMapRange", "sorted-map-range"),
                bad(Path.sortedSetRangeFrom(1), () -> treeMap(1, 1), "java.util.TreeMap", "sortedSetRangeFrom", "sorted-set-range-from"),
                bad(Path.mapVals().all(), () -> cMap("a", 1, "b", cVec(1)), "java.lang.Integer", "all"));
    }

    private static Arguments bad(Path p, Supplier<?> input, String type, String... navNames) {
        return Arguments.of(p, input, type, navNames);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatible")
    void selectNamesTheNavigatorAndTheType(Path p, Supplier<?> input, String type, String[] navNames) {
        assertNamesNavigatorAndType(selectFails(p, input), type, navNames);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatible")
    void aFailedTransformLeavesItsInputUntouched(Path p, Supplier<?> input, String type, String[] navNames) {
        PathException e = transformFails(((Path.Impl) p).termVal("x"), input);
        assertNamesNavigatorAndType(e, type, navNames);
    }

    @Test
    void aFailureDeepInsideANestedJavaStructureChangesNothing() {
        Supplier<Object> input = () -> hashMap("a", arrayList(1, 2), "b", arrayList(3), "c", 4L, "d", arrayList(5));
        // mapVals reaches "a" and "b" (or others first, HashMap order) before failing on "c"
        PathException e = transformFails(Path.mapVals().all().term((Integer x) -> x * 100), input);
        assertNamesNavigatorAndType(e, "java.lang.Long", "all");
    }

    @Test
    void pathExceptionsAreExceptionInfoWithData() {
        PathException e = selectFails(Path.key("a"), () -> 5L);
        assertTrue(e instanceof ExceptionInfo);
        assertTrue(e.getData().count() > 0, "ex-data describes the failure");
    }

    @Test
    void selectOneWithMoreThanOneValueFails() {
        assertThrows(PathException.class, () -> selectOne(Path.all(), arrayList(1, 2)));
        assertThrows(PathException.class, () -> selectOne(Path.multiPath(Path.key("a"), Path.key("a")), hashMap("a", 1)));
        assertEquals(1, selectOne(Path.all(), arrayList(1)));
        assertEquals(null, selectOne(Path.all(), arrayList()), "none: null");
        assertThrows(PathException.class, () -> Specter.selectOneStrict(compiled(Path.all()).nav(), arrayList()));
    }

    @Test
    void transformPathsMustEndInTerminals() {
        PathException e = transformFails(Path.key("a").all(), () -> hashMap("a", arrayList(1)));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("terminal"), e.getMessage());
    }

    @Test
    void badArgumentsFailWhenTheStepIsBuilt() {
        assertThrows(PathException.class, () -> compiled(Path.nth("x")).nav());
        assertThrows(PathException.class, () -> compiled(Path.sublist("a", 2)).nav());
        assertThrows(PathException.class, () -> compiled(Path.beforeIndex(null)).nav());
        assertThrows(PathException.class, () -> compiled(Path.filterSelected(null)).nav());
        assertThrows(PathException.class, () -> compiled(Path.pathBuilder(() -> null)).nav());
        assertThrows(PathException.class, () -> selectBound(Path.nth("*i"), list(1), "zero"));
        assertThrows(PathException.class, () -> compiled(Path.sortedMapRangeFrom(1, "not-a-var")).nav(),
                "a non-variable string is not range options");
    }

    @Test
    void outOfBoundsIndexesFailWithTheBoundsAndSize() {
        PathException e = selectFails(Path.sublist(1, 5), () -> arrayList(1, 2));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("2"), e.getMessage());
        transformFails(Path.nth(3).termVal(0), () -> arrayList(1, 2));
        transformFails(Path.beforeIndex(3).termVal(0), () -> arrayList(1, 2));
    }

    @Test
    void rangesOnUnsortedCollectionsFail() {
        PathException e = selectFails(Path.sortedMapRangeFrom(1), () -> hashMap(1, 1));
        assertTrue(e.getMessage().contains("java.util.HashMap"), e.getMessage());
        transformFails(Path.sortedSetRange(1, 3).termVal(java.util.Set.of()), () -> hashSet(1, 2));
    }

    @Test
    void functionsThatThrowPropagateAndLeaveInputsUntouched() {
        Supplier<Object> input = () -> hashMap("a", arrayList(1, 0, 2));
        Object in = input.get();
        assertThrows(ArithmeticException.class,
                () -> PathTesting.transform(Path.key("a").all().term((Integer x) -> 10 / x), in));
        assertEquals(input.get(), in);
    }
}
