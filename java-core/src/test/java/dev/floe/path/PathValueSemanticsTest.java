package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.roundTrip;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.Constant;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.ops.FloeFunction1;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Paths are immutable values: equals/hashCode, readable toString, Serializable. */
class PathValueSemanticsTest {
    private static final FloeFunction1<Integer, Integer> INC = x -> x + 1;

    /** Pairs of paths built separately that must be equal. */
    static Stream<Arguments> equalPairs() {
        return Stream.of(
                Arguments.of(Path.key("a").all(), Path.key("a").all()),
                Arguments.of(Path.create(), Path.create()),
                Arguments.of(Path.key("a"), Path.create().key("a")),
                Arguments.of(Path.key("a", 1, 2L), Path.key("a", 1, 2L)),
                Arguments.of(Path.key(list(1, 2)), Path.key(arrayList(1, 2))),
                Arguments.of(Path.multiPath(Path.key("a"), Path.mapVals()), Path.multiPath(Path.key("a"), Path.mapVals())),
                Arguments.of(Path.sortedMapRange(1, 5, SortedRangeOptions.excludeStart()),
                    Path.sortedMapRange(1, 5, SortedRangeOptions.create().excludeStart())),
                Arguments.of(Path.sortedSetRangeFrom(1, SortedRangeFromOptions.maxAmt(2).excludeStart()),
                    Path.sortedSetRangeFrom(1, SortedRangeFromOptions.excludeStart().maxAmt(2))),
                Arguments.of(Path.sortedMapRangeTo(1, SortedRangeToOptions.includeEnd()), Path.sortedMapRangeTo(1, SortedRangeToOptions.includeEnd())),
                Arguments.of(Path.key(new Constant("*x")), Path.key(new Constant("*x"))),
                Arguments.of(Path.key("a").term(INC), Path.key("a").term(INC)),
                Arguments.of(Path.ifPath(Path.must("a"), Path.stay(), Path.stop()), Path.ifPath(Path.must("a"), Path.stay(), Path.stop())),
                Arguments.of(Path.subMap("a", "b").nullToVal(Map.of()), Path.subMap("a", "b").nullToVal(Map.of())));
    }

    @ParameterizedTest
    @MethodSource("equalPairs")
    void equalPathsAreEqualWithEqualHashCodes(Path a, Path b) {
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.toString(), b.toString());
        assertEquals(a, a);
    }

    /** Pairs that must differ. */
    static Stream<Arguments> unequalPairs() {
        return Stream.of(
                Arguments.of(Path.key("a"), Path.must("a")),
                Arguments.of(Path.key(1), Path.key(1L)),
                Arguments.of(Path.key("a"), Path.key("b")),
                Arguments.of(Path.key("a").all(), Path.all().key("a")),
                Arguments.of(Path.key("a"), Path.key(new Constant("a"))),
                Arguments.of(Path.key("*a"), Path.key(new Constant("*a"))),
                Arguments.of(Path.sortedMapRange(1, 5, SortedRangeOptions.excludeStart()), Path.sortedMapRange(1, 5, SortedRangeOptions.includeEnd())),
                Arguments.of(Path.sortedMapRangeFrom(1), Path.sortedSetRangeFrom(1)),
                Arguments.of(Path.key("a").term(INC), Path.key("a").term((Integer x) -> x + 1)),
                Arguments.of(Path.sortedMapRangeFrom(1, 2), Path.sortedMapRangeFrom(1, 3)),
                Arguments.of(Path.ifPath(Path.must("a"), Path.stay(), Path.key("a")), Path.ifPath(Path.must("a"), Path.stay(), Path.stop())));
    }

    @ParameterizedTest
    @MethodSource("unequalPairs")
    void differentPathsAreNotEqual(Path a, Path b) {
        assertNotEquals(a, b);
        assertNotEquals(b, a);
    }

    @Test
    void pathsWorkAsMapKeysAndSetMembers() {
        Set<Path> set = new HashSet<>();
        set.add(Path.key("a").all());
        set.add(Path.key("a").all());
        set.add(Path.key("a").mapVals());
        assertEquals(2, set.size());
        Map<Path, String> names = new java.util.HashMap<>();
        names.put(Path.key("x", "y"), "xy");
        assertEquals("xy", names.get(Path.key("x", "y")));
        assertNotEquals(Path.key("a"), "Path.key(\"a\")");
        assertNotEquals(Path.key("a"), null);
    }

    @Test
    void toStringIsReadable() {
        assertEquals("Path.key(\"a\").all()", Path.key("a").all().toString());
        assertEquals("Path.create()", Path.create().toString());
        assertEquals("Path.key(\"a\", 1, 2L).mapVals()", Path.key("a", 1, 2L).mapVals().toString());
        assertEquals("Path.must(\"*user\").nth(0)", Path.must("*user").nth(0).toString());
        assertEquals("Path.key(new Constant(\"*x\"))", Path.key(new Constant("*x")).toString());
        assertEquals("Path.multiPath(Path.key(\"a\"), Path.stay().termVal(null))",
                Path.multiPath(Path.key("a"), Path.stay().termVal(null)).toString());
        assertEquals("Path.key(\"say \\\"hi\\\"\\n\", 'c', 1.5, 2.5f)", Path.key("say \"hi\"\n", 'c', 1.5, 2.5f).toString());
        assertEquals("Path.ifPath(Path.must(\"a\"), Path.stay(), Path.stop())",
                Path.ifPath(Path.must("a"), Path.stay(), Path.stop()).toString());
        assertEquals("Path.sortedMapRangeFrom(\"a\", 10).termVoid()", Path.sortedMapRangeFrom("a", 10).termVoid().toString());
        String withOptions = Path.sortedSetRangeTo(5, SortedRangeToOptions.includeEnd()).toString();
        assertTrue(withOptions.startsWith("Path.sortedSetRangeTo(5, ") && withOptions.contains("endIncluded=true"), withOptions);
        assertTrue(Path.term(INC).toString().startsWith("Path.term("));
    }

    @Test
    void integerAndLongKeysPrintDifferently() {
        assertNotEquals(Path.key(1).toString(), Path.key(1L).toString());
    }

    @Test
    void pathsAreImmutable() {
        Path.Impl base = Path.key("a");
        Path.Impl longer = base.all();
        assertEquals("Path.key(\"a\")", base.toString());
        assertEquals(1, ((PathImpl) base).steps().size());
        assertEquals(2, ((PathImpl) longer).steps().size());
        assertThrows(UnsupportedOperationException.class, () -> ((PathImpl) base).steps().add(null));
        assertNotSame(base.all(), base.all());
    }

    @Test
    void changingTheCallersVarargsArrayDoesNotChangeThePath() {
        Object[] keys = {"a", "b"};
        Path p = Path.key(keys);
        int hash = p.hashCode();
        keys[0] = "zz";
        assertEquals("Path.key(\"a\", \"b\")", p.toString());
        assertEquals(hash, p.hashCode());
        assertEquals(Path.key("a", "b"), p);
        assertEquals(list(1), select(p, hashMap("a", hashMap("b", 1))));

        Path[] paths = {Path.key("a"), Path.key("b")};
        Path multi = Path.multiPath(paths);
        paths[1] = Path.stop();
        assertEquals(Path.multiPath(Path.key("a"), Path.key("b")), multi);

        Object[] subKeys = {"a"};
        Path sub = Path.subMap(subKeys);
        subKeys[0] = "b";
        assertEquals(Path.subMap("a"), sub);
    }

    @Test
    void stepArgumentsAreCopiesToo() {
        PathStep step = ((PathImpl) Path.key("a", "b")).steps().get(0);
        Object[] args = step.args();
        ((Object[]) args[0])[0] = "changed";
        assertEquals("key(\"a\", \"b\")", step.toString());
        assertEquals("key", step.op());
    }

    @Test
    void aNullVarargsArrayIsOneNullKey() {
        Path p = Path.key((Object[]) null);
        assertEquals(Path.key(new Object[] {null}), p);
        assertEquals(list("nullkey"), select(p, hashMap(null, "nullkey")));
        assertEquals(list(), select(Path.must((Object[]) null), hashMap("a", 1)));
        assertEquals(list(Map.of()), select(Path.subMap((Object[]) null), hashMap("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> Path.multiPath((Path[]) null));
    }

    // ------------------------------------------------------------------ serialization

    static Stream<Path> serializablePaths() {
        return Stream.of(
                Path.create(),
                Path.key("a", 1, 2L).all().mapVals().mapKeys(),
                Path.must("*user").mapKey("k").first().last().nth(0).sublist(0, 1),
                Path.subMap("a", "b").setElem(1).voidSetElem().afterElem().beforeElem().beforeIndex(0).end().beginning(),
                Path.sortedMapRange(1, 2, SortedRangeOptions.excludeStart().includeEnd())
                        .sortedMapRangeFrom(1, SortedRangeFromOptions.maxAmt(3)).sortedMapRangeTo(1, 2)
                        .sortedSetRange(1, 2, "*opts").sortedSetRangeFrom(1, 5).sortedSetRangeTo(1, SortedRangeToOptions.includeEnd()),
                Path.nullToVal(0).nullToList().nullToSet().termVal(new Constant("*x")).termVoid(),
                Path.multiPath(Path.key("a"), Path.key("b")).filterSelected(Path.must("a")).filterNotSelected(Path.stop())
                        .filterEqual(1).filterNotEqual(2).filterLessThan(3).filterLessThanOrEqual(4).filterGreaterThan(0)
                        .filterGreaterThanOrEqual(1),
                Path.transformed(Path.termVal(1)).stay().stop().ifPath(Path.stay(), Path.stop()).ifPath(Path.stay(), Path.stop(), Path.stay())
                        .subselect(Path.all()).filteredList(Path.filterEqual(1)),
                Path.collect(Path.all()).collectOne(Path.first()).putCollected("*v").dispenseCollected());
    }

    @ParameterizedTest
    @MethodSource("serializablePaths")
    void pathsWithoutFunctionsRoundTripToEqualPaths(Path p) {
        assertTrue(p instanceof Serializable);
        Path back = roundTrip(p);
        assertEquals(p, back);
        assertEquals(p.hashCode(), back.hashCode());
        assertEquals(p.toString(), back.toString());
        assertEquals(compiled(p).vars(), compiled(back).vars());
    }

    @Test
    void pathsWithSerializableLambdasRoundTripAndBehaveTheSame() {
        Path p = Path.key("*k").all()
                .filterPred((Integer x, Integer min) -> x >= min, 2)
                .view((Integer x) -> x * 10)
                .customNavBuilder((Integer unused) -> new PathApiSurfaceTest.StayNav(), 1);
        Path back = roundTrip(p);
        assertEquals(list(20, 30), selectBound(back, hashMap("a", arrayList(1, 2, 3)), "a"));
        assertEquals(selectBound(p, hashMap("a", arrayList(1, 2, 3)), "a"), selectBound(back, hashMap("a", arrayList(1, 2, 3)), "a"));

        Path t = Path.all().term((Integer x, Integer d) -> x + d, 5);
        assertEquals(list(6, 7), transform(roundTrip(t), arrayList(1, 2)));
        Path pb = roundTrip(Path.pathBuilder((String k) -> Path.key(k).mapVals(), "*k").isCollected(() -> true));
        assertEquals(list(1), selectBound(pb, hashMap("m", hashMap("x", 1)), "m"));
    }

    @Test
    void deserializedPathsCompileAgain() {
        Path p = Path.key("a").sortedMapRangeFrom(2, 1);
        CompiledPath before = compiled(p);
        Path back = roundTrip(p);
        assertNotSame(before, compiled(back), "the compiled form is not serialized");
        assertEquals(list(Map.of(2, "b")), select(back, hashMap("a", PathTesting.treeMap(1, "a", 2, "b", 3, "c"))));
    }

    @Test
    void lambdasCapturingOnlySerializableValuesSerialize() {
        List<Integer> allowed = List.of(1, 3);
        Path p = Path.all().filterPred((Integer x) -> allowed.contains(x));
        assertEquals(list(1, 3), select(roundTrip(p), arrayList(1, 2, 3)));
    }
}
