package dev.floe.ops;

import dev.floe.Block;
import dev.floe.Expr;
import dev.floe.ModuleInstanceInfo;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.test.MockOutputCollector;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static dev.floe.ops.OpsTestSupport.REC;
import static dev.floe.ops.OpsTestSupport.REC2;
import static dev.floe.ops.OpsTestSupport.classes;
import static dev.floe.ops.OpsTestSupport.emits;
import static dev.floe.ops.OpsTestSupport.listOf;
import static dev.floe.ops.OpsTestSupport.logged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every constant of {@link Ops}, called directly ({@code invoke}, operations with a
 * {@link MockOutputCollector}) and through {@code Block.execute()}, with exact result types
 * (RAMA-API.md §2.12, §5.16).
 */
class OpsTest {
    @BeforeEach
    void clearLog() {
        OpsTestSupport.clear();
    }

    // ------------------------------------------------------------------------------ helpers

    /** The single value recorded by running {@code block} (which must record with REC). */
    static Object single(Block.Impl block) {
        OpsTestSupport.clear();
        block.execute();
        List<Object> l = logged();
        assertEquals(1, l.size(), "expected exactly one recorded value, got " + l);
        return l.get(0);
    }

    /** Runs {@code fn(args)} through Block.execute() and returns the single result. */
    static Object viaBlock(FloeFunction1<?, ?> fn, Object a) {
        return single(Block.each(fn, a).out("*r").each(REC, "*r"));
    }

    static Object viaBlock(FloeFunction2<?, ?, ?> fn, Object a, Object b) {
        return single(Block.each(fn, a, b).out("*r").each(REC, "*r"));
    }

    static Object viaBlock(FloeFunction0<?> fn) {
        return single(Block.each(fn).out("*r").each(REC, "*r"));
    }

    /** Everything an operation of one argument emits through Block.execute() into one var. */
    static List<Object> emitted(FloeOperation1<?> op, Object a) {
        OpsTestSupport.clear();
        Block.each(op, a).out("*r").each(REC, "*r").execute();
        return logged();
    }

    static void assertTyped(Object expected, Object actual) {
        assertEquals(expected, actual);
        if (expected != null) {
            assertEquals(expected.getClass(), actual.getClass(), "type of " + actual);
        }
    }

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static MockOutputCollector run1(FloeOperation1<Object> op, Object a) {
        MockOutputCollector c = new MockOutputCollector();
        op.invoke(a, c);
        return c;
    }

    // ------------------------------------------------------------------------------ coverage and registry

    /** Every constant this class tests; a new constant in Ops must be added here (and tested). */
    static final Set<String> TESTED = new TreeSet<>(List.of(
            "IDENTITY", "TUPLE", "EXPAND", "EXPLODE", "EXPLODE_INDEXED", "EXPLODE_MAP", "GET", "FIRST", "LAST",
            "SIZE", "CONTAINS", "SUM", "RANGE", "CLASS", "TO_STRING", "PRINTLN", "EQUAL", "NOT_EQUAL",
            "LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "AND", "OR", "NOT",
            "IS_NULL", "IS_NOT_NULL", "IS_INSTANCE_OF", "IS_EVEN", "IS_ODD", "PLUS", "MINUS", "TIMES",
            "PLUS_LONG", "MINUS_LONG", "TIMES_LONG", "DIV", "INC", "INC_LONG", "DEC", "DEC_LONG", "MIN", "MAX",
            "CURRENT_TASK_ID", "CURRENT_MICROBATCH_ID", "CURRENT_TOPOLOGY_TYPE", "MODULE_INSTANCE_INFO",
            "EXTRACT_VALUE"));

    static Map<String, Object> constants() throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : Ops.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
                out.put(f.getName(), f.get(null));
            }
        }
        return out;
    }

    @Test
    void everyConstantIsCovered() throws Exception {
        assertEquals(TESTED, new TreeSet<>(constants().keySet()));
    }

    @Test
    void everyConstantIsNamedAndRegistered() throws Exception {
        for (Map.Entry<String, Object> e : constants().entrySet()) {
            Object op = e.getValue();
            assertInstanceOf(dev.floe.ir.FnRef.Named.class, op, e.getKey());
            String name = ((dev.floe.ir.FnRef.Named) op).opName();
            assertEquals("Ops." + e.getKey(), name);
            assertEquals(name, op.toString());
            assertSame(op, BuiltIns.byName(name));
            assertTrue(op instanceof FloeFunction || op instanceof FloeOperation, e.getKey());
            assertInstanceOf(java.io.Serializable.class, op);
        }
        assertThrows(IllegalArgumentException.class, () -> BuiltIns.byName("Ops.NO_SUCH_OP"));
    }

    @Test
    void everyConstantDeserializesToTheCanonicalInstance() throws Exception {
        for (Map.Entry<String, Object> e : constants().entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(e.getValue());
            }
            Object back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }
            assertSame(e.getValue(), back, e.getKey());
        }
    }

    @Test
    void serializedBuiltInInsideAStructureIsStillCanonical() throws Exception {
        List<Object> l = new ArrayList<>(List.of(Ops.INC, Ops.PLUS, Ops.EXPLODE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(l);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            List<?> back = (List<?>) in.readObject();
            assertSame(Ops.INC, back.get(0));
            assertSame(Ops.PLUS, back.get(1));
            assertSame(Ops.EXPLODE, back.get(2));
        }
    }

    @Test
    void anyArityImplementsEveryFunctionArity() {
        Ops.AnyArity plus = Ops.PLUS;
        assertTyped(0, ((FloeFunction0<Object>) plus).invoke());
        assertTyped(1, ((FloeFunction1<Object, Object>) plus).invoke(1));
        assertTyped(3, ((FloeFunction2<Object, Object, Object>) plus).invoke(1, 2));
        assertTyped(6, ((FloeFunction3<Object, Object, Object, Object>) plus).invoke(1, 2, 3));
        assertTyped(10, ((FloeFunction4<Object, Object, Object, Object, Object>) plus).invoke(1, 2, 3, 4));
        assertTyped(15, ((FloeFunction5<Object, Object, Object, Object, Object, Object>) plus).invoke(1, 2, 3, 4, 5));
        assertTyped(21, ((FloeFunction6<Object, Object, Object, Object, Object, Object, Object>) plus)
                .invoke(1, 2, 3, 4, 5, 6));
        assertTyped(28, ((FloeFunction7<Object, Object, Object, Object, Object, Object, Object, Object>) plus)
                .invoke(1, 2, 3, 4, 5, 6, 7));
        assertTyped(36, ((FloeFunction8<Object, Object, Object, Object, Object, Object, Object, Object, Object>) plus)
                .invoke(1, 2, 3, 4, 5, 6, 7, 8));
        assertTyped(36, plus.applyArgs(1, 2, 3, 4, 5, 6, 7, 8));
    }

    @Test
    void anyArityThroughBlockAtEveryArity() {
        assertTyped(0, single(Block.each(Ops.PLUS).out("*r").each(REC, "*r")));
        assertTyped(1, single(Block.each(Ops.PLUS, 1).out("*r").each(REC, "*r")));
        assertTyped(6, single(Block.each(Ops.PLUS, 1, 2, 3).out("*r").each(REC, "*r")));
        assertTyped(10, single(Block.each(Ops.PLUS, 1, 2, 3, 4).out("*r").each(REC, "*r")));
        assertTyped(15, single(Block.each(Ops.PLUS, 1, 2, 3, 4, 5).out("*r").each(REC, "*r")));
        assertTyped(21, single(Block.each(Ops.PLUS, 1, 2, 3, 4, 5, 6).out("*r").each(REC, "*r")));
        assertTyped(28, single(Block.each(Ops.PLUS, 1, 2, 3, 4, 5, 6, 7).out("*r").each(REC, "*r")));
        assertTyped(36, single(Block.each(Ops.PLUS, 1, 2, 3, 4, 5, 6, 7, 8).out("*r").each(REC, "*r")));
        assertEquals(listOf(1, 2, 3, 4, 5, 6, 7, 8),
                single(Block.each(Ops.TUPLE, 1, 2, 3, 4, 5, 6, 7, 8).out("*r").each(REC, "*r")));
    }

    @Test
    void builtInsWorkInsideExpr() {
        Object r = single(Block.each(Ops.IDENTITY, 4).out("*a")
                .each(Ops.TIMES, new Expr(Ops.INC, "*a"), new Expr(Ops.MINUS, "*a", 1)).out("*r")
                .each(REC, "*r"));
        assertTyped(15, r);
    }

    // ------------------------------------------------------------------------------ identity and data

    @Test
    void identity() {
        assertTyped(5, Ops.IDENTITY.invoke(5));
        assertNull(Ops.IDENTITY.invoke(null));
        assertTyped(5L, viaBlock(Ops.IDENTITY, 5L));
        Object o = List.of("a");
        assertSame(o, Ops.IDENTITY.invoke(o));
    }

    @Test
    void tuple() {
        Object t = Ops.TUPLE.invoke(1, "a", null);
        assertInstanceOf(List.class, t);
        assertEquals(listOf(1, "a", null), t);
        assertEquals(List.of(), Ops.TUPLE.invoke());
        assertEquals(List.of(7), Ops.TUPLE.invoke(7));
        Object viaBlock = viaBlock(Ops.TUPLE, 1, 2L);
        assertEquals(List.of(1, 2L), viaBlock);
        assertEquals(List.of(Integer.class, Long.class), classes((List<?>) viaBlock));
    }

    @Test
    void expandDirect() {
        MockOutputCollector c = run1(Ops.EXPAND, List.of(1, "a", 2L));
        assertEquals(List.of(List.of(1, "a", 2L)), emits(c));
        assertNull(c.getEmits().get(0).getStreamName());
        assertEquals(List.of(List.of(1, 2)), emits(run1(Ops.EXPAND, Ops.TUPLE.invoke(1, 2))));
    }

    @Test
    void expandIntoSeveralVars() {
        OpsTestSupport.clear();
        Block.each(Ops.EXPAND, List.of(1, "a", 2L)).out("*a", "*b", "*c")
                .each(OpsTestSupport.REC3, "*a", "*b", "*c").execute();
        assertEquals(List.of(List.of(1, "a", 2L)), logged());

        OpsTestSupport.clear();
        Block.each(Ops.TUPLE, "x", 3).out("*t").each(Ops.EXPAND, "*t").out("*s", "*n")
                .each(REC2, "*s", "*n").execute();
        assertEquals(List.of(List.of("x", 3)), logged());
    }

    @Test
    void explodeDirect() {
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), emits(run1(Ops.EXPLODE, List.of(1, 2, 3))));
        assertEquals(List.of(), emits(run1(Ops.EXPLODE, null)));
        assertEquals(List.of(), emits(run1(Ops.EXPLODE, List.of())));
        assertEquals(List.of(), emits(run1(Ops.EXPLODE, Set.of())));
        assertEquals(List.of(), emits(run1(Ops.EXPLODE, Map.of())));
        assertEquals(List.of(List.of("a"), List.of("b")),
                emits(run1(Ops.EXPLODE, new LinkedHashSet<>(List.of("a", "b")))));
        // a map explodes into [k v] entries, which are lists
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        List<List<Object>> es = emits(run1(Ops.EXPLODE, m));
        assertEquals(List.of(List.of(List.of("a", 1)), List.of(List.of("b", 2))), es);
        assertInstanceOf(List.class, es.get(0).get(0));
        assertInstanceOf(Map.Entry.class, es.get(0).get(0));
        // arrays and nulls inside collections
        assertEquals(List.of(List.of(1), List.of(2)), emits(run1(Ops.EXPLODE, new int[] {1, 2})));
        assertEquals(List.of(listOf((Object) null), List.of(1)), emits(run1(Ops.EXPLODE, listOf(null, 1))));
    }

    @Test
    void explodeThroughBlock() {
        assertEquals(List.of(1, 2, 3), emitted(Ops.EXPLODE, List.of(1, 2, 3)));
        assertEquals(List.of(), emitted(Ops.EXPLODE, null));
        assertEquals(List.of(), emitted(Ops.EXPLODE, List.of()));
        // depth-first: the code after explode runs for each element before the next one
        OpsTestSupport.clear();
        Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*v").each(Ops.INC, "*v").out("*w").each(REC, "*w").execute();
        assertEquals(List.of(2, 3, 4), logged());
        assertEquals(List.of(Integer.class, Integer.class, Integer.class), classes(logged()));
    }

    @Test
    void explodeIndexed() {
        MockOutputCollector c = run1(Ops.EXPLODE_INDEXED, List.of("a", "b", "c"));
        assertEquals(List.of(List.of(0, "a"), List.of(1, "b"), List.of(2, "c")), emits(c));
        for (List<Object> e : emits(c)) {
            assertEquals(Integer.class, e.get(0).getClass());
        }
        assertEquals(List.of(), emits(run1(Ops.EXPLODE_INDEXED, null)));
        assertEquals(List.of(), emits(run1(Ops.EXPLODE_INDEXED, List.of())));

        OpsTestSupport.clear();
        Block.each(Ops.EXPLODE_INDEXED, List.of("x", "y")).out("*i", "*v").each(REC2, "*i", "*v").execute();
        assertEquals(List.of(List.of(0, "x"), List.of(1, "y")), logged());
        assertEquals(Integer.class, ((List<?>) logged().get(1)).get(0).getClass());
    }

    @Test
    void explodeMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        MockOutputCollector c = new MockOutputCollector();
        Ops.EXPLODE_MAP.invoke(m, c);
        assertEquals(List.of(List.of("a", 1), List.of("b", 2)), emits(c));
        MockOutputCollector none = new MockOutputCollector();
        Ops.EXPLODE_MAP.invoke(null, none);
        assertEquals(List.of(), emits(none));
        Ops.EXPLODE_MAP.invoke(Map.of(), none);
        assertEquals(List.of(), emits(none));

        OpsTestSupport.clear();
        Block.each(Ops.EXPLODE_MAP, m).out("*k", "*v").each(REC2, "*k", "*v").execute();
        assertEquals(List.of(List.of("a", 1), List.of("b", 2)), logged());
        OpsTestSupport.clear();
        Block.each(Ops.EXPLODE_MAP, null).out("*k", "*v").each(REC2, "*k", "*v").execute();
        assertEquals(List.of(), logged());
    }

    @Test
    void get() {
        Map<String, Integer> m = new HashMap<>();
        m.put("a", 1);
        assertTyped(1, Ops.GET.invoke(m, "a"));
        assertNull(Ops.GET.invoke(m, "zz"));
        assertNull(Ops.GET.invoke(null, "a"));
        assertNull(Ops.GET.invoke(null, 0));
        assertEquals("b", Ops.GET.invoke(List.of("a", "b"), 1));
        assertEquals("b", Ops.GET.invoke(List.of("a", "b"), 1L));
        assertNull(Ops.GET.invoke(List.of("a", "b"), 2));
        assertNull(Ops.GET.invoke(List.of("a", "b"), -1));
        assertTyped(1, viaBlock(Ops.GET, m, "a"));
        assertNull(viaBlock(Ops.GET, null, "a"));
        assertEquals("a", viaBlock(Ops.GET, List.of("a"), 0));
    }

    @Test
    void firstAndLast() {
        assertEquals(1, Ops.FIRST.invoke(List.of(1, 2, 3)));
        assertEquals(3, Ops.LAST.invoke(List.of(1, 2, 3)));
        assertNull(Ops.FIRST.invoke(List.of()));
        assertNull(Ops.LAST.invoke(List.of()));
        assertNull(Ops.FIRST.invoke(null));
        assertNull(Ops.LAST.invoke(null));
        assertEquals("a", Ops.FIRST.invoke(Ops.TUPLE.invoke("a", "b")));
        assertEquals("b", Ops.LAST.invoke(Ops.TUPLE.invoke("a", "b")));
        assertEquals(1, viaBlock(Ops.FIRST, List.of(1, 2)));
        assertEquals(2, viaBlock(Ops.LAST, List.of(1, 2)));
        assertNull(viaBlock(Ops.LAST, null));
    }

    @Test
    void sizeIsAnIntegerAndNilIsZero() {
        assertTyped(3, Ops.SIZE.invoke(List.of(1, 2, 3)));
        assertTyped(2, Ops.SIZE.invoke(Map.of("a", 1, "b", 2)));
        assertTyped(1, Ops.SIZE.invoke(Set.of("a")));
        assertTyped(3, Ops.SIZE.invoke("abc"));
        assertTyped(0, Ops.SIZE.invoke(null));
        assertTyped(0, Ops.SIZE.invoke(List.of()));
        assertTyped(2, viaBlock(Ops.SIZE, List.of(1, 2)));
        assertTyped(0, viaBlock(Ops.SIZE, null));
    }

    @Test
    void contains() {
        assertEquals(true, Ops.CONTAINS.invoke(Set.of("a"), "a"));
        assertEquals(false, Ops.CONTAINS.invoke(Set.of("a"), "b"));
        assertEquals(true, Ops.CONTAINS.invoke(List.of(1, 2), 2));
        assertEquals(true, Ops.CONTAINS.invoke(Map.of("k", 1), "k"));
        assertEquals(false, Ops.CONTAINS.invoke(Map.of("k", 1), 1));
        assertEquals(false, Ops.CONTAINS.invoke(null, "a"));
        assertEquals(false, Ops.CONTAINS.invoke(null, null));
        assertEquals(Boolean.class, Ops.CONTAINS.invoke(null, "a").getClass());
        assertEquals(true, viaBlock(Ops.CONTAINS, Set.of("a"), "a"));
        assertEquals(false, viaBlock(Ops.CONTAINS, null, "a"));
    }

    @Test
    void sumOfACollection() {
        assertTyped(6L, Ops.SUM.invoke(List.of(1, 2, 3)));
        assertTyped(6L, Ops.SUM.invoke(List.of(1L, 2, 3L)));
        assertTyped(0L, Ops.SUM.invoke(List.of()));
        assertTyped(0L, Ops.SUM.invoke(null));
        assertTyped(3.5, Ops.SUM.invoke(List.of(1, 2.5)));
        assertTyped(4.0, Ops.SUM.invoke(List.of(1.5, 2.5)));
        assertTyped(3.5, Ops.SUM.invoke(List.of(2.5, 1)));
        assertTyped(3_000_000_000L, Ops.SUM.invoke(List.of(Integer.MAX_VALUE, 852_516_353)));
        assertThrows(ArithmeticException.class, () -> Ops.SUM.invoke(List.of(Long.MAX_VALUE, 1)));
        assertTyped(5L, viaBlock(Ops.SUM, Set.of(2, 3)));
        assertTyped(10L, single(Block.each(Ops.IDENTITY, List.of(1, 2, 3, 4)).out("*l")
                .each(Ops.SUM, "*l").out("*r").each(REC, "*r")));
    }

    @Test
    void rangeEmitsTheTypeOfItsBounds() {
        MockOutputCollector ints = new MockOutputCollector();
        Ops.RANGE.invoke(0, 3, ints);
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), emits(ints));
        for (List<Object> e : emits(ints)) {
            assertEquals(Integer.class, e.get(0).getClass());
        }
        MockOutputCollector longs = new MockOutputCollector();
        Ops.RANGE.invoke(5L, 7L, longs);
        assertEquals(List.of(List.of(5L), List.of(6L)), emits(longs));
        for (List<Object> e : emits(longs)) {
            assertEquals(Long.class, e.get(0).getClass());
        }
        MockOutputCollector empty = new MockOutputCollector();
        Ops.RANGE.invoke(3, 3, empty);
        Ops.RANGE.invoke(4, 1, empty);
        assertEquals(List.of(), emits(empty));

        OpsTestSupport.clear();
        Block.each(Ops.RANGE, 1, 4).out("*i").each(REC, "*i").execute();
        assertEquals(List.of(1, 2, 3), logged());
        assertEquals(List.of(Integer.class, Integer.class, Integer.class), classes(logged()));
        OpsTestSupport.clear();
        Block.each(Ops.RANGE, 1L, 3L).out("*i").each(REC, "*i").execute();
        assertEquals(List.of(1L, 2L), logged());
        assertEquals(List.of(Long.class, Long.class), classes(logged()));
    }

    @Test
    void classOf() {
        assertEquals(String.class, Ops.CLASS.invoke("a"));
        assertEquals(Integer.class, Ops.CLASS.invoke(1));
        assertEquals(Long.class, Ops.CLASS.invoke(1L));
        assertNull(Ops.CLASS.invoke(null));
        assertEquals(Long.class, viaBlock(Ops.CLASS, 2L));
    }

    @Test
    void toStringConcatenatesAndNilIsEmpty() {
        assertEquals("a12", Ops.TO_STRING.invoke("a", 1, null, 2L));
        assertEquals("", Ops.TO_STRING.invoke());
        assertEquals("", Ops.TO_STRING.invoke((Object) null));
        assertEquals("1", Ops.TO_STRING.invoke(1));
        assertEquals("true", Ops.TO_STRING.invoke(true));
        assertEquals("x-3", viaBlock(Ops.TO_STRING, "x-", 3));
        assertEquals("", single(Block.each(Ops.TO_STRING, null).out("*r").each(REC, "*r")));
    }

    @Test
    void println() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertNull(Ops.PRINTLN.invoke("hello", 1, 2L));
            Block.each(Ops.PRINTLN, "from block", 7).execute();
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals("hello 1 2\nfrom block 7\n", printed);
    }

    // ------------------------------------------------------------------------------ logic and comparison

    @Test
    void equalUsesNumericEquivalence() {
        assertEquals(true, Ops.EQUAL.invoke(1, 1L));
        assertEquals(true, Ops.EQUAL.invoke(1L, 1, 1));
        assertEquals(false, Ops.EQUAL.invoke(1, 2));
        assertEquals(false, Ops.EQUAL.invoke(1, 1, 2));
        assertEquals(true, Ops.EQUAL.invoke("a", "a"));
        assertEquals(true, Ops.EQUAL.invoke(null, null));
        assertEquals(false, Ops.EQUAL.invoke(null, 1));
        assertEquals(true, Ops.EQUAL.invoke(List.of(1, 2), Ops.TUPLE.invoke(1L, 2L)));
        assertEquals(true, Ops.EQUAL.invoke(1));
        // Clojure equality: integers and floating point numbers are never equal
        assertEquals(false, Ops.EQUAL.invoke(1, 1.0));
        assertEquals(true, viaBlock(Ops.EQUAL, 3, 3L));
        assertEquals(false, viaBlock(Ops.EQUAL, 3, 4L));
    }

    @Test
    void notEqual() {
        assertEquals(false, Ops.NOT_EQUAL.invoke(1, 1L));
        assertEquals(true, Ops.NOT_EQUAL.invoke(1, 2));
        assertEquals(true, Ops.NOT_EQUAL.invoke(1, 1, 2));
        assertEquals(true, Ops.NOT_EQUAL.invoke(null, "a"));
        assertEquals(false, Ops.NOT_EQUAL.invoke("a", "a"));
        assertEquals(true, viaBlock(Ops.NOT_EQUAL, "a", "b"));
        assertEquals(false, viaBlock(Ops.NOT_EQUAL, 2L, 2));
    }

    @Test
    void comparisonsOfMixedIntegerAndLong() {
        assertEquals(true, Ops.LESS_THAN.invoke(1, 2L));
        assertEquals(false, Ops.LESS_THAN.invoke(2L, 2));
        assertEquals(true, Ops.LESS_THAN.invoke(1, 2L, 3));
        assertEquals(false, Ops.LESS_THAN.invoke(1, 3L, 2));
        assertEquals(true, Ops.LESS_THAN_OR_EQUAL.invoke(2L, 2));
        assertEquals(true, Ops.LESS_THAN_OR_EQUAL.invoke(1, 2L, 2));
        assertEquals(false, Ops.LESS_THAN_OR_EQUAL.invoke(3L, 2));
        assertEquals(true, Ops.GREATER_THAN.invoke(3L, 2));
        assertEquals(false, Ops.GREATER_THAN.invoke(2, 2L));
        assertEquals(true, Ops.GREATER_THAN.invoke(3, 2L, 1));
        assertEquals(true, Ops.GREATER_THAN_OR_EQUAL.invoke(2, 2L));
        assertEquals(false, Ops.GREATER_THAN_OR_EQUAL.invoke(1L, 2));
        assertEquals(true, Ops.LESS_THAN.invoke(1, 1.5));
        assertEquals(true, Ops.GREATER_THAN.invoke(Long.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(true, Ops.LESS_THAN.invoke("a", "b"));
        assertEquals(Boolean.class, Ops.LESS_THAN.invoke(1, 2).getClass());
        assertThrows(RuntimeException.class, () -> Ops.LESS_THAN.invoke(null, 1));

        assertEquals(true, viaBlock(Ops.LESS_THAN, 1, 2L));
        assertEquals(false, viaBlock(Ops.LESS_THAN_OR_EQUAL, 3, 2L));
        assertEquals(true, viaBlock(Ops.GREATER_THAN, 5L, 4));
        assertEquals(true, viaBlock(Ops.GREATER_THAN_OR_EQUAL, 4L, 4));
    }

    @Test
    void andOrNotUseTruthiness() {
        assertEquals(true, Ops.AND.invoke(1, "x", 0));
        assertEquals(true, Ops.AND.invoke(true, List.of()));
        assertEquals(false, Ops.AND.invoke(true, null));
        assertEquals(false, Ops.AND.invoke(true, false));
        assertEquals(true, Ops.AND.invoke());
        assertEquals(false, Ops.OR.invoke(null, false));
        assertEquals(true, Ops.OR.invoke(null, 0));
        assertEquals(true, Ops.OR.invoke(false, "", null));
        assertEquals(false, Ops.OR.invoke());
        assertEquals(true, Ops.NOT.invoke(null));
        assertEquals(true, Ops.NOT.invoke(false));
        assertEquals(false, Ops.NOT.invoke(0));
        assertEquals(false, Ops.NOT.invoke(true));
        assertEquals(false, Ops.NOT.invoke(""));

        assertEquals(false, viaBlock(Ops.AND, 1, null));
        assertEquals(true, viaBlock(Ops.OR, null, 1));
        assertEquals(true, viaBlock(Ops.NOT, null));
        assertEquals(false, viaBlock(Ops.NOT, 0L));
    }

    @Test
    void nullTests() {
        assertEquals(true, Ops.IS_NULL.invoke(null));
        assertEquals(false, Ops.IS_NULL.invoke(false));
        assertEquals(false, Ops.IS_NOT_NULL.invoke(null));
        assertEquals(true, Ops.IS_NOT_NULL.invoke(0));
        assertEquals(true, viaBlock(Ops.IS_NULL, null));
        assertEquals(true, viaBlock(Ops.IS_NOT_NULL, "a"));
    }

    @Test
    void isInstanceOf() {
        assertEquals(true, Ops.IS_INSTANCE_OF.invoke(String.class, "a"));
        assertEquals(true, Ops.IS_INSTANCE_OF.invoke(Number.class, 1L));
        assertEquals(false, Ops.IS_INSTANCE_OF.invoke(Integer.class, 1L));
        assertEquals(false, Ops.IS_INSTANCE_OF.invoke(String.class, null));
        assertEquals(true, Ops.IS_INSTANCE_OF.invoke(List.class, Ops.TUPLE.invoke(1)));
        assertEquals(true, viaBlock(Ops.IS_INSTANCE_OF, Long.class, 3L));
        assertEquals(false, viaBlock(Ops.IS_INSTANCE_OF, Long.class, 3));
    }

    @Test
    void parity() {
        assertEquals(true, Ops.IS_EVEN.invoke(4));
        assertEquals(false, Ops.IS_EVEN.invoke(3L));
        assertEquals(true, Ops.IS_EVEN.invoke(0));
        assertEquals(true, Ops.IS_EVEN.invoke(-2));
        assertEquals(true, Ops.IS_ODD.invoke(3));
        assertEquals(true, Ops.IS_ODD.invoke(-3L));
        assertEquals(false, Ops.IS_ODD.invoke(8L));
        assertEquals(true, viaBlock(Ops.IS_EVEN, 10L));
        assertEquals(true, viaBlock(Ops.IS_ODD, 7));
        assertThrows(RuntimeException.class, () -> Ops.IS_EVEN.invoke(null));
    }

    // ------------------------------------------------------------------------------ arithmetic

    @Test
    void plusIsIntegerAndFailsOnOverflow() {
        assertTyped(3, Ops.PLUS.invoke(1, 2));
        assertTyped(3, Ops.PLUS.invoke(1, 2L));
        assertTyped(3, Ops.PLUS.invoke(1L, 2L));
        assertTyped(6, Ops.PLUS.invoke(1, 2, 3));
        assertTyped(3.5, Ops.PLUS.invoke(1, 2.5));
        assertTyped(-1, Ops.PLUS.invoke(Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.PLUS.invoke(Integer.MAX_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> Ops.PLUS.invoke(Integer.MIN_VALUE, -1));
        assertThrows(ArithmeticException.class, () -> Ops.PLUS.invoke(3_000_000_000L, 0));
        assertThrows(RuntimeException.class, () -> Ops.PLUS.invoke(1, null));
        assertThrows(RuntimeException.class, () -> Ops.PLUS.invoke(1, "a"));
        assertTyped(5, viaBlock(Ops.PLUS, 2, 3L));
        Throwable t = assertThrows(RuntimeException.class, () -> viaBlock(Ops.PLUS, Integer.MAX_VALUE, 1));
        assertInstanceOf(ArithmeticException.class, rootCause(t));
    }

    @Test
    void minusWithOneArgumentNegates() {
        assertTyped(2, Ops.MINUS.invoke(5, 3));
        assertTyped(2, Ops.MINUS.invoke(5L, 3));
        assertTyped(-5, Ops.MINUS.invoke(5));
        assertTyped(-5, Ops.MINUS.invoke(5L));
        assertTyped(5, Ops.MINUS.invoke(-5));
        assertTyped(-1.5, Ops.MINUS.invoke(1.5));
        assertTyped(0, Ops.MINUS.invoke(10, 4, 6));
        assertTyped(0.5, Ops.MINUS.invoke(2, 1.5));
        assertThrows(ArithmeticException.class, () -> Ops.MINUS.invoke(Integer.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.MINUS.invoke(Integer.MIN_VALUE, 1));
        assertTyped(-7, viaBlock(Ops.MINUS, 7));
        assertTyped(4, viaBlock(Ops.MINUS, 7, 3L));
    }

    @Test
    void times() {
        assertTyped(6, Ops.TIMES.invoke(2, 3));
        assertTyped(24, Ops.TIMES.invoke(2L, 3, 4));
        assertTyped(3.0, Ops.TIMES.invoke(2, 1.5));
        assertTyped(0, Ops.TIMES.invoke(0, Integer.MAX_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.TIMES.invoke(Integer.MAX_VALUE, 2));
        assertThrows(ArithmeticException.class, () -> Ops.TIMES.invoke(65536, 65536));
        assertTyped(20, viaBlock(Ops.TIMES, 4, 5));
    }

    @Test
    void longArithmetic() {
        assertTyped(3L, Ops.PLUS_LONG.invoke(1, 2));
        assertTyped(2_147_483_648L, Ops.PLUS_LONG.invoke(Integer.MAX_VALUE, 1));
        assertTyped(6L, Ops.PLUS_LONG.invoke(1, 2L, 3));
        assertThrows(ArithmeticException.class, () -> Ops.PLUS_LONG.invoke(Long.MAX_VALUE, 1));
        assertTyped(2L, Ops.MINUS_LONG.invoke(5, 3));
        assertTyped(-5L, Ops.MINUS_LONG.invoke(5));
        assertTyped(-2_147_483_648L - 1, Ops.MINUS_LONG.invoke(Integer.MIN_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> Ops.MINUS_LONG.invoke(Long.MIN_VALUE, 1));
        assertTyped(12L, Ops.TIMES_LONG.invoke(3, 4));
        assertTyped(4_294_967_296L, Ops.TIMES_LONG.invoke(65536, 65536));
        assertThrows(ArithmeticException.class, () -> Ops.TIMES_LONG.invoke(Long.MAX_VALUE, 2));
        assertTyped(7L, viaBlock(Ops.PLUS_LONG, 3, 4));
        assertTyped(-1L, viaBlock(Ops.MINUS_LONG, 3, 4));
        assertTyped(12L, viaBlock(Ops.TIMES_LONG, 3, 4));
    }

    @Test
    void divIsDouble() {
        assertTyped(0.5, Ops.DIV.invoke(1, 2));
        assertTyped(2.0, Ops.DIV.invoke(4L, 2));
        assertTyped(1.25, Ops.DIV.invoke(2.5, 2));
        assertTyped(Double.POSITIVE_INFINITY, Ops.DIV.invoke(1, 0));
        assertTyped(2.5, viaBlock(Ops.DIV, 5, 2));
    }

    @Test
    void incAndDec() {
        assertTyped(2, Ops.INC.invoke(1));
        assertTyped(2, Ops.INC.invoke(1L));
        assertTyped(Integer.MIN_VALUE + 1, Ops.INC.invoke(Integer.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.INC.invoke(Integer.MAX_VALUE));
        assertTyped(0, Ops.DEC.invoke(1));
        assertTyped(0, Ops.DEC.invoke(1L));
        assertThrows(ArithmeticException.class, () -> Ops.DEC.invoke(Integer.MIN_VALUE));
        assertTyped(2L, Ops.INC_LONG.invoke(1));
        assertTyped(2_147_483_648L, Ops.INC_LONG.invoke(Integer.MAX_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.INC_LONG.invoke(Long.MAX_VALUE));
        assertTyped(0L, Ops.DEC_LONG.invoke(1));
        assertTyped(-2_147_483_649L, Ops.DEC_LONG.invoke(Integer.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> Ops.DEC_LONG.invoke(Long.MIN_VALUE));
        assertThrows(RuntimeException.class, () -> Ops.INC.invoke(null));

        assertTyped(6, viaBlock(Ops.INC, 5L));
        assertTyped(4, viaBlock(Ops.DEC, 5));
        assertTyped(6L, viaBlock(Ops.INC_LONG, 5));
        assertTyped(4L, viaBlock(Ops.DEC_LONG, 5));
        Throwable t = assertThrows(RuntimeException.class, () -> viaBlock(Ops.INC, Integer.MAX_VALUE));
        assertInstanceOf(ArithmeticException.class, rootCause(t));
    }

    @Test
    void minAndMaxKeepTheWinnersType() {
        assertTyped(1L, Ops.MIN.invoke(3, 1L, 2));
        assertTyped(3, Ops.MAX.invoke(3, 1L, 2));
        assertTyped(2.5, Ops.MAX.invoke(1, 2.5));
        assertTyped(-1, Ops.MIN.invoke(-1, 2.5));
        assertTyped(7, Ops.MIN.invoke(7));
        assertEquals("a", Ops.MIN.invoke("b", "a"));
        assertTyped(2L, viaBlock(Ops.MIN, 5, 2L));
        assertTyped(5, viaBlock(Ops.MAX, 5, 2L));
    }

    // ------------------------------------------------------------------------------ runtime information

    @Test
    void currentTaskIdIsIntegerZeroLocally() {
        assertTyped(0, Ops.CURRENT_TASK_ID.invoke());
        assertTyped(0, viaBlock(Ops.CURRENT_TASK_ID));
    }

    @Test
    void currentMicrobatchIdThrowsOutsideAMicrobatch() {
        assertThrows(IllegalStateException.class, () -> Ops.CURRENT_MICROBATCH_ID.invoke());
        Throwable t = assertThrows(RuntimeException.class, () -> viaBlock(Ops.CURRENT_MICROBATCH_ID));
        assertInstanceOf(IllegalStateException.class, rootCause(t));
    }

    @Test
    void currentTopologyTypeIsNullLocally() {
        assertNull(Ops.CURRENT_TOPOLOGY_TYPE.invoke());
        OpsTestSupport.clear();
        Block.each(Ops.CURRENT_TOPOLOGY_TYPE).out("*t").each(REC, "*t").execute();
        assertEquals(listOf((Object) null), logged());
    }

    @Test
    void moduleInstanceInfoLocally() {
        ModuleInstanceInfo info = Ops.MODULE_INSTANCE_INFO.invoke();
        assertSame(ModuleInstanceInfo.LOCAL, info);
        assertEquals(1, info.getNumTasks());
        assertEquals(List.of(0), info.getTaskThreadIds());
        assertEquals("local", info.getModuleInstanceId());
        Object viaBlock = viaBlock(Ops.MODULE_INSTANCE_INFO);
        assertInstanceOf(ModuleInstanceInfo.class, viaBlock);
        assertEquals(1, ((ModuleInstanceInfo) viaBlock).getNumTasks());
    }

    @Test
    void extractValueOfABoundTestPState() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        tp.transform(Path.key("a").termVal(3L));
        assertEquals(Map.of("a", 3L), Ops.EXTRACT_VALUE.invoke(tp));
        Object v = single(Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXTRACT_VALUE, "$$p").out("*v").each(REC, "*v"));
        assertEquals(Map.of("a", 3L), v);

        TestPState whole = TestPState.create(Long.class);
        assertNull(Ops.EXTRACT_VALUE.invoke(whole));
        whole.transform(Path.termVal(9L));
        assertTyped(9L, Ops.EXTRACT_VALUE.invoke(whole));
        assertThrows(IllegalArgumentException.class, () -> Ops.EXTRACT_VALUE.invoke("not a pstate"));
    }

    @Test
    void runtimeOpsReadTheInstalledContext() {
        ModuleInstanceInfo info = new ModuleInstanceInfo("m-1", 4, List.of(0, 2));
        OpsContext ctx = new OpsContext() {
            @Override
            public int currentTaskId() {
                return 3;
            }

            @Override
            public long currentMicrobatchId() {
                return 42L;
            }

            @Override
            public String currentTopologyType() {
                return "microbatch";
            }

            @Override
            public ModuleInstanceInfo moduleInstanceInfo() {
                return info;
            }

            @Override
            public Object extractValue(Object pstate) {
                return "extracted:" + pstate;
            }

            @Override
            public Random randomSource() {
                return new Random(1);
            }
        };
        OpsContext prev = OpsContext.install(ctx);
        try {
            assertTyped(3, Ops.CURRENT_TASK_ID.invoke());
            assertTyped(42L, Ops.CURRENT_MICROBATCH_ID.invoke());
            assertEquals("microbatch", Ops.CURRENT_TOPOLOGY_TYPE.invoke());
            assertSame(info, Ops.MODULE_INSTANCE_INFO.invoke());
            assertEquals("extracted:x", Ops.EXTRACT_VALUE.invoke("x"));
        } finally {
            OpsContext.install(prev);
        }
        assertSame(OpsContext.LOCAL, OpsContext.current());
        assertTyped(0, Ops.CURRENT_TASK_ID.invoke());
    }

    @Test
    void blockExecuteRestoresTheContextAfterAFailure() {
        assertThrows(RuntimeException.class, () -> viaBlock(Ops.CURRENT_MICROBATCH_ID));
        assertSame(OpsContext.LOCAL, OpsContext.current());
    }

    @Test
    void explodeOfAClojureVectorAndSeq() {
        Object vec = clojure.lang.PersistentVector.create(Arrays.asList(1, 2));
        assertEquals(List.of(List.of(1), List.of(2)), emits(run1(Ops.EXPLODE, vec)));
        Object seq = clojure.lang.RT.seq(vec);
        assertEquals(List.of(List.of(1), List.of(2)), emits(run1(Ops.EXPLODE, seq)));
    }
}
