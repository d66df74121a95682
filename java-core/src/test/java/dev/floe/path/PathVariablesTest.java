package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.cMap;
import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.hashSet;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.listOfNull;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.Constant;
import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.specter.PathException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dataflow variables in paths: reporting, binding per call, literals via Constant (RAMA-API §2.11). */
class PathVariablesTest {

    @Test
    void aPathReportsItsVariablesAndBindsThemPerCall() {
        Path p = Path.key("*user").key("followers");
        CompiledPath c = compiled(p);
        assertEquals(List.of("*user"), c.vars());
        Object data = hashMap("alice", hashMap("followers", list("bob")), "bob", hashMap("followers", list("carol")));
        assertEquals(list(list("bob")), selectBound(p, data, "alice"));
        assertEquals(list(list("carol")), selectBound(p, data, "bob"));
        assertEquals(list(list("bob")), selectBound(p, data, "alice"), "binding again gives the first result again");
        assertSame(c, compiled(p), "a path compiles once");
    }

    @Test
    void termsFunctionMayBeAVariable() {
        // a Clojure (term %f), %f bound in dataflow by <<ramafn: the function is the var's value per call
        Path p = PathImpl.withStep((PathImpl) Path.key("a"), new PathStep("term", new Object[] {"*f"}));
        assertEquals(List.of("*f"), compiled(p).vars());
        clojure.lang.IFn inc = clojure.java.api.Clojure.var("clojure.core", "inc");
        assertEquals(hashMap("a", 2L), transformBound(p, hashMap("a", 1L), inc));
    }

    @Test
    void viewAndFilterPredFunctionsMayBeVariables() {
        // Clojure dataflow hoists a function computed per event, (view (partial f *x)), into a var
        Path view = PathImpl.withStep((PathImpl) Path.key("a"), new PathStep("view", new Object[] {"*f"}));
        Path pred = PathImpl.withStep((PathImpl) Path.all(), new PathStep("filterPred", new Object[] {"*p"}));
        assertEquals(List.of("*f"), compiled(view).vars());
        assertEquals(List.of("*p"), compiled(pred).vars());
        clojure.lang.IFn inc = clojure.java.api.Clojure.var("clojure.core", "inc");
        clojure.lang.IFn odd = clojure.java.api.Clojure.var("clojure.core", "odd?");
        assertEquals(list(2L), selectBound(view, hashMap("a", 1L), inc));
        assertEquals(list(1L, 3L), selectBound(pred, list(1L, 2L, 3L), odd));
    }

    @Test
    void aPathWithoutVariablesHasOneNavigator() {
        CompiledPath c = compiled(Path.key("a").all());
        assertEquals(List.of(), c.vars());
        assertSame(c.nav(), c.nav());
        assertSame(c.nav(), c.bind());
    }

    @Test
    void navOfAPathWithVariablesFailsNamingThem() {
        Path p = Path.key("*a").must("$$p");
        PathException e = assertThrows(PathException.class, () -> compiled(p).nav());
        assertTrue(e.getMessage().contains("*a") && e.getMessage().contains("$$p"), e.getMessage());
        assertTrue(e.getMessage().contains("key"), "the message shows the path: " + e.getMessage());
    }

    @Test
    void bindingTheWrongNumberOfValuesFails() {
        CompiledPath c = compiled(Path.key("*a", "*b"));
        assertThrows(PathException.class, () -> c.bind("x"));
        assertThrows(PathException.class, () -> c.bind("x", "y", "z"));
        assertThrows(PathException.class, () -> compiled(Path.key("a")).bind("extra"));
    }

    @Test
    void variablesAreReportedOnceInOrderOfFirstUse() {
        Path p = Path.key("*a").multiPath(Path.key("*b"), Path.filterSelected(Path.key("*a", "*c"))).termVal("*d");
        assertEquals(List.of("*a", "*b", "*c", "*d"), compiled(p).vars());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*x", "*", "$$p", "%f", "*a-b", "**"})
    void variableSpelling(String s) {
        boolean expected = s.length() > 1;
        assertEquals(expected, PathCompiler.isVar(s), s);
        assertEquals(expected ? List.of(s) : List.of(), compiled(Path.key(s)).vars());
    }

    @Test
    void otherStringsAndValuesAreLiterals() {
        for (Object literal : list("a", "", "$", "$$", "x*", " *x", 5, null, list("*x"))) {
            assertFalse(PathCompiler.isVar(literal), String.valueOf(literal));
        }
        assertEquals(List.of(), compiled(Path.key("x*").termVal(list("*x"))).vars(), "values inside collections are literal");
    }

    @Test
    void sortedRangesFromStartAndToEndTakeAMaxAmount() {
        // the steps Clojure's sorted-map-range-from-start / -to-end (and the set ones) build
        // (Clojure's runtime is loaded through its API before its sorted collections are touched)
        Object m = clojure.java.api.Clojure.var("clojure.core", "sorted-map").invoke(1L, "a", 2L, "b", 3L, "c");
        Object st = clojure.java.api.Clojure.var("clojure.core", "sorted-set").invoke(1L, 2L, 3L);
        Path fromStart = PathImpl.withStep((PathImpl) Path.stay(), new PathStep("sortedMapRangeFromStart", new Object[] {"*n"}));
        Path toEnd = PathImpl.withStep((PathImpl) Path.stay(), new PathStep("sortedMapRangeToEnd", new Object[] {2}));
        Path setFromStart = PathImpl.withStep((PathImpl) Path.stay(), new PathStep("sortedSetRangeFromStart", new Object[] {1}));
        Path setToEnd = PathImpl.withStep((PathImpl) Path.stay(), new PathStep("sortedSetRangeToEnd", new Object[] {1}));
        assertEquals(list(Map.of(1L, "a", 2L, "b")), selectBound(fromStart, m, 2));
        assertEquals(list(Map.of(2L, "b", 3L, "c")), select(toEnd, m));
        assertEquals(list(Set.of(1L)), select(setFromStart, st));
        assertEquals(list(Set.of(3L)), select(setToEnd, st));
        assertThrows(PathException.class, () -> selectBound(fromStart, m, "x"));
    }

    @Test
    void constantMakesAVariableNameLiteral() {
        Map<Object, Object> data = hashMap("*x", 1, "$$p", 2);
        Path p = Path.key(new Constant("*x"));
        assertEquals(List.of(), compiled(p).vars());
        assertEquals(list(1), select(p, data));
        assertEquals(list(2), select(Path.must(new Constant("$$p")), data));
        assertEquals(Map.of("*x", 1, "$$p", 2, "k", "*v"), transform(Path.key("k").termVal(new Constant("*v")), data));
        assertEquals(list(5), select(Path.key(new Constant(5)), hashMap(5, 5)), "a Constant of a non-string is its value");
    }

    @Test
    void constantsAndVariablesMixInVarargs() {
        Path p = Path.key("*a", new Constant("*b"), "*c");
        assertEquals(List.of("*a", "*c"), compiled(p).vars());
        Object data = hashMap("x", hashMap("*b", hashMap("y", 42)));
        assertEquals(list(42), selectBound(p, data, "x", "y"));
        assertEquals(listOfNull(), selectBound(p, data, "y", "y"));
    }

    @Test
    void theSameVariableUsedTwiceTakesOneValue() {
        Path p = Path.key("*k").key("*k");
        assertEquals(List.of("*k"), compiled(p).vars());
        assertEquals(list(1), selectBound(p, hashMap("a", hashMap("a", 1)), "a"));
    }

    @Test
    void variablesMayBeBoundToNullAndToCollections() {
        Path p = Path.key("*k");
        assertEquals(list("nullkey"), selectBound(p, hashMap(null, "nullkey"), (Object) null));
        assertEquals(Map.of("a", list(1, 2)), transformBound(Path.key("a").termVal("*v"), hashMap(), list(1, 2)));
    }

    /** Paths with variables in every kind of argument: the bound path must behave like the literal one. */
    static Stream<Arguments> variablePositions() {
        Object nested = hashMap("a", hashMap("b", 1, "c", 2), "l", arrayList(10, 20, 30), "s", hashSet(1, 2));
        Object list = arrayList(1, 2, 3, 4);
        FloeFn2 gte = (Integer x, Integer min) -> x >= min;
        return Stream.of(
                sel("key", Path.key("*k"), Path.key("a"), nested, "a"),
                sel("key varargs", Path.key("*k1", "*k2"), Path.key("a", "b"), nested, "a", "b"),
                sel("must", Path.must("*k"), Path.must("zz"), nested, "zz"),
                sel("mapKey", Path.key("a").mapKey("*k"), Path.key("a").mapKey("c"), nested, "c"),
                sel("nth", Path.key("l").nth("*i"), Path.key("l").nth(2), nested, 2),
                sel("sublist", Path.key("l").sublist("*from", "*to"), Path.key("l").sublist(0, 2), nested, 0, 2),
                sel("subMap", Path.key("a").subMap("*k"), Path.key("a").subMap("b"), nested, "b"),
                sel("setElem", Path.key("s").setElem("*e"), Path.key("s").setElem(2), nested, 2),
                sel("nullToVal", Path.key("zz").nullToVal("*d"), Path.key("zz").nullToVal(9), nested, 9),
                sel("filterEqual", Path.all().filterEqual("*v"), Path.all().filterEqual(3), list, 3),
                sel("filterNotEqual", Path.all().filterNotEqual("*v"), Path.all().filterNotEqual(3), list, 3),
                sel("filterLessThan", Path.all().filterLessThan("*v"), Path.all().filterLessThan(3), list, 3),
                sel("filterLessThanOrEqual", Path.all().filterLessThanOrEqual("*v"), Path.all().filterLessThanOrEqual(3), list, 3),
                sel("filterGreaterThan", Path.all().filterGreaterThan("*v"), Path.all().filterGreaterThan(3), list, 3),
                sel("filterGreaterThanOrEqual", Path.all().filterGreaterThanOrEqual("*v"), Path.all().filterGreaterThanOrEqual(3), list, 3),
                sel("filterPred extra arg", Path.all().filterPred(gte, "*min"), Path.all().filterPred(gte, 3), list, 3),
                sel("view extra arg", Path.view((List<Object> l, Integer i) -> l.get(i), "*i"),
                        Path.view((List<Object> l, Integer i) -> l.get(i), 1), list, 1),
                sel("putCollected", Path.putCollected("*c").first(), Path.putCollected("c").first(), list, "c"),
                sel("multiPath", Path.multiPath(Path.key("*x"), Path.key("*y")), Path.multiPath(Path.key("a"), Path.key("l")), nested, "a", "l"),
                sel("filterSelected", Path.all().filterSelected(Path.filterEqual("*v")), Path.all().filterEqual(2), list, 2),
                sel("filterNotSelected", Path.all().filterNotSelected(Path.filterEqual("*v")), Path.all().filterNotEqual(2), list, 2),
                sel("collect", Path.collect(Path.key("*k")).key("l").first(), Path.collect(Path.key("a")).key("l").first(), nested, "a"),
                sel("collectOne", Path.collectOne(Path.key("*k")).key("l").first(), Path.collectOne(Path.key("a")).key("l").first(), nested, "a"),
                sel("ifPath cond", Path.ifPath(Path.must("*k"), Path.key("a"), Path.key("l")),
                        Path.ifPath(Path.must("zz"), Path.key("a"), Path.key("l")), nested, "zz"),
                sel("ifPath then/else", Path.ifPath(Path.must("a"), Path.key("*t"), Path.key("*e")), Path.key("l"), nested, "l", "s"),
                sel("subselect", Path.subselect(Path.all().filterGreaterThan("*v")), Path.subselect(Path.all().filterGreaterThan(2)), list, 2),
                sel("filteredList", Path.filteredList(Path.filterLessThan("*v")), Path.filteredList(Path.filterLessThan(3)), list, 3),
                sel("transformed", Path.transformed(Path.all().termVal("*v")), Path.transformed(Path.all().termVal(0)), list, 0),
                sel("nested sub-paths", Path.multiPath(Path.filterSelected(Path.key("a").must("*k")).key("a").key("*k")),
                        Path.key("a", "c"), nested, "c"),
                sel("customNavBuilder", Path.customNavBuilder((String k) -> new KeyNav(k), "*k"), Path.key("a"), nested, "a"),
                sel("pathBuilder", Path.pathBuilder((String k, Integer i) -> Path.key(k).nth(i), "*k", "*i"),
                        Path.key("l").nth(1), nested, "l", 1),
                sel("beforeIndex", Path.key("l").beforeIndex("*i"), Path.key("l").beforeIndex(1), nested, 1));
    }

    /** A two-argument predicate type for the table above. */
    interface FloeFn2 extends dev.floe.ops.FloeFunction2<Integer, Integer, Boolean> {}

    private static Arguments sel(String name, Path withVars, Path literal, Object data, Object... values) {
        return Arguments.of(name, withVars, literal, data, values);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variablePositions")
    void boundVariablesBehaveLikeLiterals(String name, Path withVars, Path literal, Object data, Object[] values) {
        CompiledPath c = compiled(withVars);
        assertEquals(values.length, c.vars().size(), name + " vars " + c.vars());
        assertThrows(PathException.class, c::nav, "unbound variables");
        assertEquals(select(literal, data), selectBound(withVars, data, values), name);
    }

    /** The same, for transforms. */
    static Stream<Arguments> variableTransforms() {
        Object list = arrayList(1, 2, 3);
        return Stream.of(
                tr(Path.key("*k").termVal("*v"), Path.key("a").termVal(5), hashMap("a", 1), "a", 5),
                tr(Path.all().filterEqual("*x").termVoid(), Path.all().filterEqual(2).termVoid(), list, 2),
                tr(Path.all().term((Integer x, Integer d) -> x + d, "*d"), Path.all().term((Integer x, Integer d) -> x + d, 10),
                        list, 10),
                tr(Path.afterElem().termVal("*v"), Path.afterElem().termVal(99), list, 99),
                tr(Path.beforeIndex("*i").termVal("*v"), Path.beforeIndex(1).termVal(7), list, 1, 7),
                tr(Path.sublist("*s", "*e").termVal("*v"), Path.sublist(1, 3).termVal(list()), list, 1, 3, list()),
                tr(Path.nth("*i").termVoid(), Path.nth(0).termVoid(), list, 0),
                tr(Path.multiPath(Path.first().termVal("*a"), Path.last().termVal("*b")),
                        Path.multiPath(Path.first().termVal(0), Path.last().termVal(9)), list, 0, 9),
                tr(Path.voidSetElem().termVal("*e"), Path.voidSetElem().termVal(5), hashSet(1), 5),
                tr(Path.setElem("*e").termVoid(), Path.setElem(1).termVoid(), hashSet(1, 2), 1),
                tr(Path.mapKey("*from").termVal("*to"), Path.mapKey("a").termVal("b"), hashMap("a", 1), "a", "b"));
    }

    private static Arguments tr(Path withVars, Path literal, Object data, Object... values) {
        return Arguments.of(withVars, literal, data, values);
    }

    @ParameterizedTest
    @MethodSource("variableTransforms")
    void boundTransformsBehaveLikeLiterals(Path withVars, Path literal, Object data, Object[] values) {
        assertEquals(values.length, compiled(withVars).vars().size());
        assertEquals(transform(literal, data), transformBound(withVars, data, values), withVars.toString());
    }

    @Test
    void theSameCompiledPathBoundTwiceGivesBothResults() {
        Path p = Path.key("*user").afterElem().termVal("*post");
        CompiledPath c = compiled(p);
        Object data = hashMap("alice", arrayList("a1"), "bob", arrayList());
        Object once = dev.floe.specter.Specter.multiTransform(c.bind("alice", "a2"), data);
        Object twice = dev.floe.specter.Specter.multiTransform(c.bind("bob", "b1"), once);
        assertEquals(Map.of("alice", list("a1", "a2"), "bob", list("b1")), twice);
        assertEquals(Map.of("alice", list("a1"), "bob", list()), data, "input untouched");
        // the navigators for two bindings are independent
        dev.floe.specter.Nav navA = c.bind("alice", "x");
        dev.floe.specter.Nav navB = c.bind("bob", "y");
        assertEquals(Map.of("alice", list("a1", "x"), "bob", list()), dev.floe.specter.Specter.multiTransform(navA, data));
        assertEquals(Map.of("alice", list("a1"), "bob", list("y")), dev.floe.specter.Specter.multiTransform(navB, data));
    }

    @Test
    void builderFunctionsRunPerBinding() {
        int[] calls = {0};
        Path p = Path.pathBuilder((String k) -> {
            calls[0]++;
            return Path.key(k);
        }, "*k");
        CompiledPath c = compiled(p);
        assertEquals(0, calls[0], "nothing is built until a binding is known");
        Object data = cMap("a", 1, "b", 2);
        assertEquals(list(1), selectBound(p, data, "a"));
        assertEquals(list(2), selectBound(p, data, "b"));
        assertEquals(2, calls[0]);
        assertEquals(List.of("*k"), c.vars());
    }

    @Test
    void variablesInsideCustomNavBuilderArgs() {
        Path.Impl p = Path.customNavBuilder((String a, String b) -> new KeyNav(a + b), "*x", "*y");
        assertEquals(List.of("*x", "*y"), compiled(p).vars());
        assertEquals(list(3), selectBound(p, hashMap("ab", 3), "a", "b"));
        assertEquals(Map.of("ab", 3, "cd", 4), transformBound(p.termVal(4), hashMap("ab", 3), "c", "d"));
    }

    @Test
    void variablesInSortedRangeBounds() {
        Path p = Path.sortedMapRange("*from", "*to");
        Object m = PathTesting.treeMap(1, "a", 2, "b", 3, "c");
        assertEquals(list(Map.of(1, "a", 2, "b")), selectBound(p, m, 1, 3));
        assertEquals(list(Map.of(3, "c")), selectBound(p, m, 3, 4));
    }

    @Test
    void setsAndNullsPassThroughVariables() {
        assertEquals(list(Set.of(1)), selectBound(Path.nullToVal("*d"), null, Set.of(1)));
        assertEquals(listOfNull(), selectBound(Path.nullToVal("*d"), null, (Object) null));
    }

    /** A navigator to the value under one key (serializable, as navigators must be). */
    static final class KeyNav implements Navigator<Map<Object, Object>> {
        private static final long serialVersionUID = 1L;
        private final Object key;

        KeyNav(Object key) {
            this.key = key;
        }

        @Override
        public Object select(Map<Object, Object> obj, Next next) {
            return next.invokeNext(obj == null ? null : obj.get(key));
        }

        @Override
        public Map<Object, Object> transform(Map<Object, Object> obj, Next next) {
            Map<Object, Object> out = obj == null ? new java.util.HashMap<>() : new java.util.HashMap<>(obj);
            out.put(key, next.invokeNext(out.get(key)));
            return out;
        }
    }
}
