package dev.floe.store;

import clojure.lang.PersistentVector;
import clojure.lang.RT;
import dev.floe.ir.SchemaIR;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Integer, Short or Byte written where a schema says Long is stored as the Long it equals
 * (Clojure's count and Java int arithmetic give Integers); anything else stays refused.
 */
class SchemaWideningTest {
    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());
    private static final SchemaIR STRING = new SchemaIR.ClassSchema(String.class.getName());

    @Test
    void mapValuesAndKeysBecomeLongs() {
        SchemaIR schema = new SchemaIR.MapSchema(STRING, LONG, null);
        Object checked = SchemaCheck.check("$$p", schema, RT.map("a", 3, "b", (short) 4, "c", 5L), true);
        Map<?, ?> m = (Map<?, ?>) checked;
        assertEquals(Long.valueOf(3), m.get("a"));
        assertInstanceOf(Long.class, m.get("a"));
        assertInstanceOf(Long.class, m.get("b"));
        assertInstanceOf(Long.class, m.get("c"));

        SchemaIR byLong = new SchemaIR.MapSchema(LONG, STRING, null);
        Map<?, ?> k = (Map<?, ?>) SchemaCheck.check("$$p", byLong, RT.map(7, "x"), true);
        assertEquals("x", k.get(7L));
    }

    @Test
    void listAndSetElementsBecomeLongs() {
        SchemaIR list = new SchemaIR.ListSchema(LONG, null);
        List<Object> in = new ArrayList<>(List.of(1L, 2, (byte) 3));
        Object out = SchemaCheck.check("$$p", list, in, false);
        assertInstanceOf(PersistentVector.class, out);
        for (Object o : (List<?>) out) {
            assertInstanceOf(Long.class, o);
        }
        assertEquals(List.of(1L, 2L, 3L), out);

        SchemaIR set = new SchemaIR.SetSchema(LONG, null);
        Set<Object> s = new LinkedHashSet<>(List.of(1, 2L));
        Object outSet = SchemaCheck.check("$$p", set, s, false);
        for (Object o : (Set<?>) outSet) {
            assertInstanceOf(Long.class, o);
        }
        assertEquals(Set.of(1L, 2L), outSet);

        SchemaIR subSet = new SchemaIR.SetSchema(LONG, new SchemaIR.Subindex(false));
        Object sorted = SchemaCheck.check("$$p", subSet, new LinkedHashSet<>(List.of(3, 1)), false);
        assertInstanceOf(clojure.lang.PersistentTreeSet.class, sorted);
        assertEquals(List.of(1L, 3L), new ArrayList<>((Set<?>) sorted));
    }

    @Test
    void valuesAlreadyRightAreNotRebuilt() {
        SchemaIR list = new SchemaIR.ListSchema(LONG, null);
        Object v = PersistentVector.create(1L, 2L);
        assertSame(v, SchemaCheck.check("$$p", list, v, false));
    }

    @Test
    void otherMismatchesAreStillRefused() {
        SchemaIR schema = new SchemaIR.MapSchema(STRING, LONG, null);
        SchemaViolation e = assertThrows(SchemaViolation.class,
                () -> SchemaCheck.check("$$p", schema, RT.map("a", 1.5), true));
        assertTrue(e.getMessage().contains("$$p") && e.getMessage().contains("java.lang.Long"), e.getMessage());
        assertThrows(SchemaViolation.class, () -> SchemaCheck.check("$$p", schema, RT.map("a", 4L, "b", "x"), true));
        SchemaIR ints = new SchemaIR.ListSchema(new SchemaIR.ClassSchema(Integer.class.getName()), null);
        assertThrows(SchemaViolation.class, () -> SchemaCheck.check("$$p", ints, List.of(1L), false),
                "a Long is not narrowed to an Integer");
        assertThrows(SchemaViolation.class,
                () -> SchemaCheck.check("$$p", new SchemaIR.ListSchema(STRING, null), List.of(1), false));
    }
}
