package dev.floe.path;

import static dev.floe.path.PathTesting.compiled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.ops.FloeFunction;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape of the API, checked by reflection over every method: each static starter has a chained
 * twin with the same parameters, builds the same path as {@code Path.create().x(…)}, prints as
 * {@code Path.x(…)} and compiles.
 */
class PathApiSurfaceTest {
    private static final Class<?>[] FUNCTION_TYPES = {FloeFunction0.class, FloeFunction1.class, FloeFunction2.class,
        FloeFunction3.class, FloeFunction4.class, FloeFunction5.class, FloeFunction6.class, FloeFunction7.class,
        FloeFunction8.class};

    /** A navigator that stays where it is (for customNav and builders). */
    static final class StayNav implements Navigator<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object select(Object obj, Next next) {
            return next.invokeNext(obj);
        }

        @Override
        public Object transform(Object obj, Next next) {
            return next.invokeNext(obj);
        }
    }

    private static final StayNav NAV = new StayNav();
    private static final Map<Class<?>, Object> FUNCTIONS = new java.util.HashMap<>();
    private static final Map<Class<?>, Object> NAV_BUILDERS = new java.util.HashMap<>();
    private static final Map<Class<?>, Object> PATH_BUILDERS = new java.util.HashMap<>();

    static {
        for (Class<?> type : FUNCTION_TYPES) {
            FUNCTIONS.put(type, function(type, true));
            NAV_BUILDERS.put(type, function(type, NAV));
            PATH_BUILDERS.put(type, function(type, Path.stay()));
        }
    }

    /** A FloeFunctionN returning {@code result}, equal only to itself. */
    private static Object function(Class<?> type, Object result) {
        return Proxy.newProxyInstance(PathApiSurfaceTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return type.getSimpleName();
                default:
                    return result;
            }
        });
    }

    private static final Object[] KEYS = {1, 2};
    private static final Path[] PATHS = {Path.stay(), Path.key(1)};

    /** Sample arguments, chosen so every step compiles without variables (except String options vars). */
    private static Object sample(Method m, Class<?> type) {
        if (type == Object.class) {
            return 1;
        }
        if (type == Object[].class) {
            return KEYS;
        }
        if (type == Path[].class) {
            return PATHS;
        }
        if (type == int.class) {
            return 2;
        }
        if (type == String.class) {
            return "*opts";
        }
        if (type == Path.class) {
            return m.getName().equals("transformed") ? Path.termVal(0) : Path.stay();
        }
        if (type == SortedRangeOptions.class) {
            return SortedRangeOptions.excludeStart();
        }
        if (type == SortedRangeFromOptions.class) {
            return SortedRangeFromOptions.maxAmt(3);
        }
        if (type == SortedRangeToOptions.class) {
            return SortedRangeToOptions.includeEnd();
        }
        if (type == Navigator.class) {
            return NAV;
        }
        if (FloeFunction.class.isAssignableFrom(type)) {
            switch (m.getName()) {
                case "customNavBuilder":
                    return NAV_BUILDERS.get(type);
                case "pathBuilder":
                    return PATH_BUILDERS.get(type);
                default:
                    return FUNCTIONS.get(type);
            }
        }
        throw new AssertionError("no sample for " + type + " in " + m);
    }

    private static Object[] samples(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(t -> sample(m, t)).toArray();
    }

    static Stream<Method> starters() {
        return Arrays.stream(Path.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
                .filter(m -> !m.getName().equals("create"))
                .sorted(java.util.Comparator.comparing(Method::toString));
    }

    private static Object invoke(Method m, Object target, Object[] args) {
        try {
            return m.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m + " threw", e.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void everyStarterHasAChainedTwinBuildingTheSamePath(Method starter) throws NoSuchMethodException {
        Method chained = Path.Impl.class.getMethod(starter.getName(), starter.getParameterTypes());
        assertSame(Path.Impl.class, starter.getReturnType());
        assertSame(Path.Impl.class, chained.getReturnType());
        Object[] args = samples(starter);
        Path fromStatic = (Path) invoke(starter, null, args);
        Path fromCreate = (Path) invoke(chained, Path.create(), args);
        assertEquals(fromCreate, fromStatic);
        assertEquals(fromCreate.hashCode(), fromStatic.hashCode());
        assertEquals(fromCreate.toString(), fromStatic.toString());
        assertTrue(fromStatic.toString().startsWith("Path." + starter.getName() + "("), fromStatic.toString());
        assertEquals(1, ((PathImpl) fromStatic).steps().size());
        assertEquals(starter.getName(), ((PathImpl) fromStatic).steps().get(0).op());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void everyStepAppendsWithoutChangingTheBaseAndCompiles(Method starter) throws NoSuchMethodException {
        Method chained = Path.Impl.class.getMethod(starter.getName(), starter.getParameterTypes());
        Path.Impl base = Path.key("x");
        Path extended = (Path) invoke(chained, base, samples(starter));
        assertEquals("Path.key(\"x\")", base.toString(), "paths are immutable");
        assertEquals(2, ((PathImpl) extended).steps().size());
        assertNotEquals(base, extended);
        CompiledPath c = compiled(extended);
        assertNotNull(c);
        boolean usesVar = Arrays.asList(starter.getParameterTypes()).contains(String.class);
        assertEquals(usesVar ? List.of("*opts") : List.of(), c.vars());
        if (!usesVar) {
            assertNotNull(c.nav());
        }
    }

    @Test
    void everyChainedMethodHasAStarter() {
        List<String> missing = new ArrayList<>();
        for (Method m : Path.Impl.class.getDeclaredMethods()) {
            try {
                Method s = Path.class.getMethod(m.getName(), m.getParameterTypes());
                assertTrue(Modifier.isStatic(s.getModifiers()), s.toString());
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void overloadCounts() {
        Map<String, Long> counts = Arrays.stream(Path.Impl.class.getDeclaredMethods())
                .collect(Collectors.groupingBy(Method::getName, TreeMap::new, Collectors.counting()));
        assertEquals(8L, counts.get("term"));
        assertEquals(8L, counts.get("view"));
        assertEquals(8L, counts.get("filterPred"));
        assertEquals(9L, counts.get("customNavBuilder"));
        assertEquals(9L, counts.get("pathBuilder"));
        assertEquals(9L, counts.get("isCollected"));
        assertEquals(2L, counts.get("ifPath"));
        for (String range : List.of("sortedMapRange", "sortedSetRange")) {
            assertEquals(3L, counts.get(range), range);
        }
        for (String range : List.of("sortedMapRangeFrom", "sortedMapRangeTo", "sortedSetRangeFrom", "sortedSetRangeTo")) {
            assertEquals(4L, counts.get(range), range);
        }
        for (String one : List.of("key", "must", "all", "mapVals", "mapKeys", "mapKey", "first", "last", "nth", "sublist",
                "subMap", "setElem", "voidSetElem", "afterElem", "beforeElem", "beforeIndex", "end", "beginning",
                "nullToVal", "nullToList", "nullToSet", "termVal", "termVoid", "multiPath", "filterSelected",
                "filterNotSelected", "filterEqual", "filterNotEqual", "filterLessThan", "filterLessThanOrEqual",
                "filterGreaterThan", "filterGreaterThanOrEqual", "transformed", "stay", "stop", "subselect",
                "filteredList", "customNav", "collect", "collectOne", "putCollected", "dispenseCollected")) {
            assertEquals(1L, counts.get(one), one);
        }
        assertEquals(42 + 8 * 3 + 9 * 3 + 2 + 3 * 2 + 4 * 4, Path.Impl.class.getDeclaredMethods().length,
                "every method of Path.Impl is listed above: " + counts.keySet());
    }

    @Test
    void functionOverloadsTakeTheirArityOfExtraArguments() {
        for (String name : List.of("term", "view", "filterPred")) {
            for (int n = 1; n <= 8; n++) {
                Class<?>[] params = new Class<?>[n];
                params[0] = FUNCTION_TYPES[n];
                Arrays.fill(params, 1, n, Object.class);
                assertMethod(name, params);
            }
        }
        for (String name : List.of("customNavBuilder", "pathBuilder")) {
            for (int n = 0; n <= 8; n++) {
                Class<?>[] params = new Class<?>[n + 1];
                params[0] = FUNCTION_TYPES[n];
                Arrays.fill(params, 1, n + 1, Object.class);
                assertMethod(name, params);
            }
        }
        for (int n = 0; n <= 8; n++) {
            assertMethod("isCollected", FUNCTION_TYPES[n]);
        }
    }

    private static void assertMethod(String name, Class<?>... params) {
        try {
            Path.Impl.class.getMethod(name, params);
            Path.class.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("missing " + name + Arrays.toString(params), e);
        }
    }
}
