package dev.floe.path;

import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every arity of the function-taking methods: term, view and filterPred (FloeFunction1..8, the
 * navigated value first, then the extra arguments), customNavBuilder and pathBuilder (0..8
 * arguments), isCollected (0..8 collected values); each in its static and chained form.
 */
class PathFunctionOverloadsTest {
    // v + a + b …: shows every argument arrived, in order
    static final FloeFunction1<String, String> S1 = v -> v;
    static final FloeFunction2<String, String, String> S2 = (v, a) -> v + a;
    static final FloeFunction3<String, String, String, String> S3 = (v, a, b) -> v + a + b;
    static final FloeFunction4<String, String, String, String, String> S4 = (v, a, b, c) -> v + a + b + c;
    static final FloeFunction5<String, String, String, String, String, String> S5 = (v, a, b, c, d) -> v + a + b + c + d;
    static final FloeFunction6<String, String, String, String, String, String, String> S6 =
            (v, a, b, c, d, e) -> v + a + b + c + d + e;
    static final FloeFunction7<String, String, String, String, String, String, String, String> S7 =
            (v, a, b, c, d, e, f) -> v + a + b + c + d + e + f;
    static final FloeFunction8<String, String, String, String, String, String, String, String, String> S8 =
            (v, a, b, c, d, e, f, g) -> v + a + b + c + d + e + f + g;

    // the value equals the concatenation of the extra arguments
    static final FloeFunction1<String, Boolean> P1 = v -> v.isEmpty();
    static final FloeFunction2<String, String, Boolean> P2 = (v, a) -> v.equals(a);
    static final FloeFunction3<String, String, String, Boolean> P3 = (v, a, b) -> v.equals(a + b);
    static final FloeFunction4<String, String, String, String, Boolean> P4 = (v, a, b, c) -> v.equals(a + b + c);
    static final FloeFunction5<String, String, String, String, String, Boolean> P5 = (v, a, b, c, d) -> v.equals(a + b + c + d);
    static final FloeFunction6<String, String, String, String, String, String, Boolean> P6 =
            (v, a, b, c, d, e) -> v.equals(a + b + c + d + e);
    static final FloeFunction7<String, String, String, String, String, String, String, Boolean> P7 =
            (v, a, b, c, d, e, f) -> v.equals(a + b + c + d + e + f);
    static final FloeFunction8<String, String, String, String, String, String, String, String, Boolean> P8 =
            (v, a, b, c, d, e, f, g) -> v.equals(a + b + c + d + e + f + g);

    /** {"v": "v"}: term/view append their extra args to "v". */
    private static Map<Object, Object> data() {
        return hashMap("v", "v");
    }

    @Nested
    class Term {
        @Test
        void everyArityChained() {
            Path.Impl k = Path.key("v");
            assertEquals(Map.of("v", "v"), transform(k.term(S1), data()));
            assertEquals(Map.of("v", "v1"), transform(k.term(S2, "1"), data()));
            assertEquals(Map.of("v", "v12"), transform(k.term(S3, "1", "2"), data()));
            assertEquals(Map.of("v", "v123"), transform(k.term(S4, "1", "2", "3"), data()));
            assertEquals(Map.of("v", "v1234"), transform(k.term(S5, "1", "2", "3", "4"), data()));
            assertEquals(Map.of("v", "v12345"), transform(k.term(S6, "1", "2", "3", "4", "5"), data()));
            assertEquals(Map.of("v", "v123456"), transform(k.term(S7, "1", "2", "3", "4", "5", "6"), data()));
            assertEquals(Map.of("v", "v1234567"), transform(k.term(S8, "1", "2", "3", "4", "5", "6", "7"), data()));
        }

        @Test
        void everyArityStatic() {
            assertEquals("v", transform(Path.term(S1), "v"));
            assertEquals("v1", transform(Path.term(S2, "1"), "v"));
            assertEquals("v12", transform(Path.term(S3, "1", "2"), "v"));
            assertEquals("v123", transform(Path.term(S4, "1", "2", "3"), "v"));
            assertEquals("v1234", transform(Path.term(S5, "1", "2", "3", "4"), "v"));
            assertEquals("v12345", transform(Path.term(S6, "1", "2", "3", "4", "5"), "v"));
            assertEquals("v123456", transform(Path.term(S7, "1", "2", "3", "4", "5", "6"), "v"));
            assertEquals("v1234567", transform(Path.term(S8, "1", "2", "3", "4", "5", "6", "7"), "v"));
            assertEquals(Path.create().term(S8, "1", "2", "3", "4", "5", "6", "7"), Path.term(S8, "1", "2", "3", "4", "5", "6", "7"));
            assertEquals(Path.create().term(S1), Path.term(S1));
        }

        @Test
        void extraArgumentsMayBeVariables() {
            Path p = Path.term(S8, "1", "*b", "3", "*d", "5", "*f", "7");
            assertEquals(List.of("*b", "*d", "*f"), compiled(p).vars());
            assertEquals("v1B3D5F7", transformBound(p, "v", "B", "D", "F"));
        }
    }

    @Nested
    class View {
        @Test
        void everyArityChained() {
            Path.Impl k = Path.key("v");
            assertEquals(list("v"), select(k.view(S1), data()));
            assertEquals(list("v1"), select(k.view(S2, "1"), data()));
            assertEquals(list("v12"), select(k.view(S3, "1", "2"), data()));
            assertEquals(list("v123"), select(k.view(S4, "1", "2", "3"), data()));
            assertEquals(list("v1234"), select(k.view(S5, "1", "2", "3", "4"), data()));
            assertEquals(list("v12345"), select(k.view(S6, "1", "2", "3", "4", "5"), data()));
            assertEquals(list("v123456"), select(k.view(S7, "1", "2", "3", "4", "5", "6"), data()));
            assertEquals(list("v1234567"), select(k.view(S8, "1", "2", "3", "4", "5", "6", "7"), data()));
        }

        @Test
        void everyArityStatic() {
            assertEquals(list("v"), select(Path.view(S1), "v"));
            assertEquals(list("v1"), select(Path.view(S2, "1"), "v"));
            assertEquals(list("v12"), select(Path.view(S3, "1", "2"), "v"));
            assertEquals(list("v123"), select(Path.view(S4, "1", "2", "3"), "v"));
            assertEquals(list("v1234"), select(Path.view(S5, "1", "2", "3", "4"), "v"));
            assertEquals(list("v12345"), select(Path.view(S6, "1", "2", "3", "4", "5"), "v"));
            assertEquals(list("v123456"), select(Path.view(S7, "1", "2", "3", "4", "5", "6"), "v"));
            assertEquals(list("v1234567"), select(Path.view(S8, "1", "2", "3", "4", "5", "6", "7"), "v"));
        }

        @Test
        void viewThenTermReplacesTheValue() {
            assertEquals(Map.of("v", "v12!"), transform(Path.key("v").view(S3, "1", "2").term((String s) -> s + "!"), data()));
        }

        @Test
        void extraArgumentsMayBeVariables() {
            Path p = Path.view(S5, "*a", "2", "*c", "4");
            assertEquals(list("vA2C4"), selectBound(p, "v", "A", "C"));
        }
    }

    @Nested
    class FilterPred {
        @Test
        void everyArityChainedAndStatic() {
            assertEquals(list(""), select(Path.all().filterPred(P1), list("", "x")));
            assertEquals(list(""), select(Path.filterPred(P1), ""));
            assertEquals(list(), select(Path.filterPred(P1), "x"));
            check("1", Path.filterPred(P2, "1"), Path.stay().filterPred(P2, "1"));
            check("12", Path.filterPred(P3, "1", "2"), Path.stay().filterPred(P3, "1", "2"));
            check("123", Path.filterPred(P4, "1", "2", "3"), Path.stay().filterPred(P4, "1", "2", "3"));
            check("1234", Path.filterPred(P5, "1", "2", "3", "4"), Path.stay().filterPred(P5, "1", "2", "3", "4"));
            check("12345", Path.filterPred(P6, "1", "2", "3", "4", "5"), Path.stay().filterPred(P6, "1", "2", "3", "4", "5"));
            check("123456", Path.filterPred(P7, "1", "2", "3", "4", "5", "6"),
                    Path.stay().filterPred(P7, "1", "2", "3", "4", "5", "6"));
            check("1234567", Path.filterPred(P8, "1", "2", "3", "4", "5", "6", "7"),
                    Path.stay().filterPred(P8, "1", "2", "3", "4", "5", "6", "7"));
        }

        private void check(String matching, Path staticForm, Path chainedForm) {
            for (Path p : new Path[] {staticForm, chainedForm}) {
                assertEquals(list(matching), select(p, matching), p.toString());
                assertEquals(list(), select(p, matching + "x"), p.toString());
                assertEquals(matching + "!", transform(((Path.Impl) p).term((String s) -> s + "!"), matching));
                assertEquals("nope", transform(((Path.Impl) p).term((String s) -> s + "!"), "nope"));
            }
        }

        @Test
        void extraArgumentsMayBeVariables() {
            Path p = Path.all().filterPred(P4, "*a", "b", "*c");
            assertEquals(list("abc"), selectBound(p, list("abc", "xbc"), "a", "c"));
        }
    }

    // ------------------------------------------------------------------ builders

    /** {"": 0, "0": 1, "01": 2, …, "01234567": 8}: a builder given args "0".."n-1" picks value n. */
    private static Map<Object, Object> keyed() {
        Map<Object, Object> m = new java.util.HashMap<>();
        StringBuilder k = new StringBuilder();
        for (int i = 0; i <= 8; i++) {
            m.put(k.toString(), i);
            k.append(i);
        }
        return m;
    }

    /** Navigates to the value under a key of a map, or writes it. */
    static final class KeyNav implements Navigator<Map<Object, Object>> {
        private static final long serialVersionUID = 1L;
        private final String key;

        KeyNav(String key) {
            this.key = key;
        }

        @Override
        public Object select(Map<Object, Object> obj, Next next) {
            return next.invokeNext(obj.get(key));
        }

        @Override
        public Map<Object, Object> transform(Map<Object, Object> obj, Next next) {
            Map<Object, Object> out = new java.util.HashMap<>(obj);
            out.put(key, next.invokeNext(obj.get(key)));
            return out;
        }
    }

    @Nested
    class CustomNavBuilder {
        @Test
        void everyArityChained() {
            Path.Impl s = Path.stay();
            assertEquals(list(0), select(s.customNavBuilder(() -> new KeyNav("")), keyed()));
            assertEquals(list(1), select(s.customNavBuilder((String a) -> new KeyNav(a), "0"), keyed()));
            assertEquals(list(2), select(s.customNavBuilder((String a, String b) -> new KeyNav(a + b), "0", "1"), keyed()));
            assertEquals(list(3), select(s.customNavBuilder((String a, String b, String c) -> new KeyNav(a + b + c),
                    "0", "1", "2"), keyed()));
            assertEquals(list(4), select(s.customNavBuilder((String a, String b, String c, String d) -> new KeyNav(a + b + c + d),
                    "0", "1", "2", "3"), keyed()));
            assertEquals(list(5), select(s.customNavBuilder(
                    (String a, String b, String c, String d, String e) -> new KeyNav(a + b + c + d + e),
                    "0", "1", "2", "3", "4"), keyed()));
            assertEquals(list(6), select(s.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f) -> new KeyNav(a + b + c + d + e + f),
                    "0", "1", "2", "3", "4", "5"), keyed()));
            assertEquals(list(7), select(s.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f, String g) -> new KeyNav(a + b + c + d + e + f + g),
                    "0", "1", "2", "3", "4", "5", "6"), keyed()));
            assertEquals(list(8), select(s.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f, String g, String h) ->
                            new KeyNav(a + b + c + d + e + f + g + h),
                    "0", "1", "2", "3", "4", "5", "6", "7"), keyed()));
        }

        @Test
        void everyArityStaticWithVariables() {
            assertEquals(list(0), select(Path.customNavBuilder(() -> new KeyNav("")), keyed()));
            assertEquals(list(1), selectBound(Path.customNavBuilder((String a) -> new KeyNav(a), "*a"), keyed(), "0"));
            assertEquals(list(2), selectBound(Path.customNavBuilder((String a, String b) -> new KeyNav(a + b), "*a", "1"),
                    keyed(), "0"));
            assertEquals(list(3), selectBound(Path.customNavBuilder((String a, String b, String c) -> new KeyNav(a + b + c),
                    "0", "*b", "2"), keyed(), "1"));
            assertEquals(list(4), selectBound(Path.customNavBuilder(
                    (String a, String b, String c, String d) -> new KeyNav(a + b + c + d), "0", "1", "2", "*d"), keyed(), "3"));
            assertEquals(list(5), selectBound(Path.customNavBuilder(
                    (String a, String b, String c, String d, String e) -> new KeyNav(a + b + c + d + e),
                    "*a", "1", "2", "3", "*e"), keyed(), "0", "4"));
            assertEquals(list(6), selectBound(Path.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f) -> new KeyNav(a + b + c + d + e + f),
                    "0", "1", "2", "3", "4", "*f"), keyed(), "5"));
            assertEquals(list(7), selectBound(Path.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f, String g) -> new KeyNav(a + b + c + d + e + f + g),
                    "0", "1", "2", "*d", "4", "5", "6"), keyed(), "3"));
            assertEquals(list(8), selectBound(Path.customNavBuilder(
                    (String a, String b, String c, String d, String e, String f, String g, String h) ->
                            new KeyNav(a + b + c + d + e + f + g + h),
                    "*a", "*b", "*c", "*d", "*e", "*f", "*g", "*h"), keyed(), "0", "1", "2", "3", "4", "5", "6", "7"));
        }

        @Test
        void builtNavigatorsTransform() {
            Map<Object, Object> out = castMap(transform(
                    Path.customNavBuilder((String a, String b) -> new KeyNav(a + b), "0", "1").term((Integer x) -> x * 100), keyed()));
            assertEquals(200, out.get("01"));
            assertEquals(1, out.get("0"));
        }
    }

    @Nested
    class PathBuilder {
        @Test
        void everyArityChained() {
            Path.Impl s = Path.stay();
            assertEquals(list(0), select(s.pathBuilder(() -> Path.key("")), keyed()));
            assertEquals(list(1), select(s.pathBuilder((String a) -> Path.key(a), "0"), keyed()));
            assertEquals(list(2), select(s.pathBuilder((String a, String b) -> Path.key(a + b), "0", "1"), keyed()));
            assertEquals(list(3), select(s.pathBuilder((String a, String b, String c) -> Path.key(a + b + c), "0", "1", "2"), keyed()));
            assertEquals(list(4), select(s.pathBuilder((String a, String b, String c, String d) -> Path.key(a + b + c + d),
                    "0", "1", "2", "3"), keyed()));
            assertEquals(list(5), select(s.pathBuilder((String a, String b, String c, String d, String e) ->
                    Path.key(a + b + c + d + e), "0", "1", "2", "3", "4"), keyed()));
            assertEquals(list(6), select(s.pathBuilder((String a, String b, String c, String d, String e, String f) ->
                    Path.key(a + b + c + d + e + f), "0", "1", "2", "3", "4", "5"), keyed()));
            assertEquals(list(7), select(s.pathBuilder((String a, String b, String c, String d, String e, String f, String g) ->
                    Path.key(a + b + c + d + e + f + g), "0", "1", "2", "3", "4", "5", "6"), keyed()));
            assertEquals(list(8), select(s.pathBuilder((String a, String b, String c, String d, String e, String f, String g, String h) ->
                    Path.key(a + b + c + d + e + f + g + h), "0", "1", "2", "3", "4", "5", "6", "7"), keyed()));
        }

        @Test
        void everyArityStaticWithVariables() {
            assertEquals(list(0), select(Path.pathBuilder(() -> Path.key("")), keyed()));
            assertEquals(list(1), selectBound(Path.pathBuilder((String a) -> Path.key(a), "*a"), keyed(), "0"));
            assertEquals(list(2), selectBound(Path.pathBuilder((String a, String b) -> Path.key(a + b), "0", "*b"), keyed(), "1"));
            assertEquals(list(3), selectBound(Path.pathBuilder((String a, String b, String c) -> Path.key(a + b + c),
                    "*a", "1", "2"), keyed(), "0"));
            assertEquals(list(4), selectBound(Path.pathBuilder((String a, String b, String c, String d) -> Path.key(a + b + c + d),
                    "0", "1", "*c", "3"), keyed(), "2"));
            assertEquals(list(5), selectBound(Path.pathBuilder((String a, String b, String c, String d, String e) ->
                    Path.key(a + b + c + d + e), "0", "1", "2", "3", "*e"), keyed(), "4"));
            assertEquals(list(6), selectBound(Path.pathBuilder((String a, String b, String c, String d, String e, String f) ->
                    Path.key(a + b + c + d + e + f), "*a", "1", "2", "3", "4", "*f"), keyed(), "0", "5"));
            assertEquals(list(7), selectBound(Path.pathBuilder((String a, String b, String c, String d, String e, String f, String g) ->
                    Path.key(a + b + c + d + e + f + g), "0", "1", "2", "3", "4", "5", "*g"), keyed(), "6"));
            assertEquals(list(8), selectBound(Path.pathBuilder((String a, String b, String c, String d, String e, String f, String g, String h) ->
                    Path.key(a + b + c + d + e + f + g + h), "0", "1", "2", "3", "4", "5", "6", "*h"), keyed(), "7"));
        }

        @Test
        void builtPathsTransformAndMayEndInTerminals() {
            assertEquals(100, castMap(transform(Path.pathBuilder((String k) -> Path.key(k).termVal(100), "0"), keyed())).get("0"));
            assertEquals(list(1, 2), select(Path.pathBuilder(() -> Path.multiPath(Path.key("0"), Path.key("01"))), keyed()));
        }
    }

    @Nested
    class IsCollected {
        @Test
        void everyArity() {
            Path.Impl c1 = Path.putCollected(1);
            Path.Impl c2 = c1.putCollected(2);
            Path.Impl c3 = c2.putCollected(3);
            Path.Impl c4 = c3.putCollected(4);
            Path.Impl c5 = c4.putCollected(5);
            Path.Impl c6 = c5.putCollected(6);
            Path.Impl c7 = c6.putCollected(7);
            Path.Impl c8 = c7.putCollected(8);
            Object v = "v";
            assertEquals(list("v"), select(Path.isCollected(() -> true), v));
            assertEquals(list(), select(Path.isCollected(() -> false), v));
            assertEquals(list(), select(Path.create().isCollected(() -> false), v));
            assertPasses(c1.isCollected((Integer a) -> a == 1), c1.isCollected((Integer a) -> a != 1), 1);
            assertPasses(c2.isCollected((Integer a, Integer b) -> a + b == 3), c2.isCollected((Integer a, Integer b) -> a > b), 2);
            assertPasses(c3.isCollected((Integer a, Integer b, Integer c) -> a + b + c == 6),
                    c3.isCollected((Integer a, Integer b, Integer c) -> c < a), 3);
            assertPasses(c4.isCollected((Integer a, Integer b, Integer c, Integer d) -> a + b + c + d == 10),
                    c4.isCollected((Integer a, Integer b, Integer c, Integer d) -> d < a), 4);
            assertPasses(c5.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e) -> a + b + c + d + e == 15),
                    c5.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e) -> e < a), 5);
            assertPasses(c6.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f) ->
                    a + b + c + d + e + f == 21), c6.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f) -> f < a), 6);
            assertPasses(c7.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f, Integer g) ->
                    a + b + c + d + e + f + g == 28),
                    c7.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f, Integer g) -> g < a), 7);
            assertPasses(c8.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f, Integer g, Integer h) ->
                    a + b + c + d + e + f + g + h == 36),
                    c8.isCollected((Integer a, Integer b, Integer c, Integer d, Integer e, Integer f, Integer g, Integer h) -> h < a), 8);
        }

        private void assertPasses(Path.Impl passing, Path.Impl failing, int collected) {
            List<Object> got = select(passing, "v");
            assertEquals(1, got.size());
            List<?> row = (List<?>) got.get(0);
            assertEquals(collected + 1, row.size(), "select returns [collected…, value]");
            assertEquals("v", row.get(collected));
            assertEquals(list(), select(failing, "v"));
            assertEquals("new", transform(passing.termVal("new"), "v"));
            assertEquals("v", transform(failing.termVal("new"), "v"), "a failing isCollected leaves the value");
        }

        @Test
        void staticFormsEqualChainedForms() {
            FloeFunction0<Boolean> f0 = () -> true;
            FloeFunction2<Object, Object, Boolean> f2 = (a, b) -> true;
            FloeFunction8<Object, Object, Object, Object, Object, Object, Object, Object, Boolean> f8 =
                    (a, b, c, d, e, f, g, h) -> true;
            assertEquals(Path.create().isCollected(f0), Path.isCollected(f0));
            assertEquals(Path.create().isCollected(f2), Path.isCollected(f2));
            assertEquals(Path.create().isCollected(f8), Path.isCollected(f8));
        }

        @Test
        void aFunctionOfTheWrongArityFails() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> select(Path.putCollected(1).isCollected(() -> true), "v"));
            assertEquals(true, e.getMessage().contains("0 argument"), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> castMap(Object o) {
        return (Map<Object, Object>) o;
    }
}
