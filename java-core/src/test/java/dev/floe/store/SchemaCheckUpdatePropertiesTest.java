package dev.floe.store;

import clojure.lang.IPersistentMap;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentTreeMap;
import dev.floe.ir.SchemaIR;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Oracle test of the incremental schema check a PState write uses: checking a new value against
 * the previous checked value ({@link SchemaCheck#checkUpdate}) must accept and reject exactly what
 * the full check ({@link SchemaCheck#check}) does, with the same message, and give an equal value.
 * Up to 150 writes over 300 outer keys, so the sorted maps grow deep enough for rebalancing to
 * move shared subtrees ({@link TreeDiff}).
 */
class SchemaCheckUpdatePropertiesTest {
    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());
    private static final SchemaIR STRING = new SchemaIR.ClassSchema(String.class.getName());

    /** {Long → {String → Long}}, the inner map plain or subindexed. */
    private static SchemaIR schema(boolean subindexed) {
        return new SchemaIR.MapSchema(LONG,
                new SchemaIR.MapSchema(STRING, LONG, subindexed ? new SchemaIR.Subindex(false) : null), null);
    }

    /** One write: at outer key {@code outer}, inner key {@code inner}, put {@code value} (maybe ill-typed). */
    record Write(long outer, Object inner, Object value) {}

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Object> inner = Arbitraries.oneOf(Arbitraries.of("a", "b", "c", "d").map(s -> (Object) s),
                Arbitraries.integers().between(0, 2).map(i -> (Object) i));
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.longs().between(-5, 5).map(l -> (Object) l),
                Arbitraries.integers().between(0, 2).map(i -> (Object) i), Arbitraries.just("x"));
        Arbitrary<Write> w = Combinators.combine(Arbitraries.longs().between(0, 300), inner, value).as(Write::new);
        return w.list().ofMinSize(1).ofMaxSize(150);
    }

    @org.junit.jupiter.api.Test
    void theSortedMapFastPathIsInUse() {
        org.junit.jupiter.api.Assertions.assertTrue(TreeDiff.AVAILABLE,
                "PersistentTreeMap's node links are not reachable: every PState write would walk whole maps");
    }

    @Property(tries = 200)
    void incrementalCheckAgreesWithTheFullCheck(@ForAll("writes") List<Write> writes, @ForAll boolean subindexed) {
        SchemaIR schema = schema(subindexed);
        Object current = SchemaCheck.check("p", schema, SchemaCheck.initialValue(schema, null), true);
        for (Write w : writes) {
            IPersistentMap outer = (IPersistentMap) current;
            Object innerMap = outer.valAt(w.outer());
            IPersistentMap in = innerMap == null ? PersistentArrayMap.EMPTY : (IPersistentMap) innerMap;
            Object next = outer.assoc(w.outer(), in.assoc(w.inner(), w.value()));
            Object full;
            String fullError = null;
            try {
                full = SchemaCheck.check("p", schema, next, true);
            } catch (SchemaViolation e) {
                full = null;
                fullError = e.getMessage();
            }
            try {
                Object incremental = SchemaCheck.checkUpdate("p", schema, current, next);
                assertEquals(null, fullError, "the full check rejected what the incremental one accepted");
                assertEquals(full, incremental);
                assertSame(PersistentTreeMap.class, incremental.getClass());
                current = incremental;
            } catch (SchemaViolation e) {
                assertEquals(fullError, e.getMessage());
            }
        }
        for (Object inner : ((Map<?, ?>) current).values()) {
            if (subindexed) {
                assertSame(PersistentTreeMap.class, inner.getClass(), "subindexed maps are kept in key order");
            }
        }
    }

    /** {Long → subindexed set of Long}: one element added or removed per write (maybe ill-typed). */
    record SetWrite(long outer, Object element, boolean remove) {}

    @Provide
    Arbitrary<List<SetWrite>> setWrites() {
        Arbitrary<Object> element = Arbitraries.oneOf(Arbitraries.longs().between(0, 400).map(l -> (Object) l),
                Arbitraries.integers().between(0, 3).map(i -> (Object) i), Arbitraries.just("bad"));
        return Combinators.combine(Arbitraries.longs().between(0, 3), element, Arbitraries.of(false, false, true))
                .as(SetWrite::new).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 100)
    void incrementalSetCheckAgreesWithTheFullCheck(@ForAll("setWrites") List<SetWrite> writes) {
        SchemaIR schema = new SchemaIR.MapSchema(LONG, new SchemaIR.SetSchema(LONG, new SchemaIR.Subindex(true)), null);
        Object current = SchemaCheck.check("p", schema, SchemaCheck.initialValue(schema, null), true);
        for (SetWrite w : writes) {
            IPersistentMap outer = (IPersistentMap) current;
            Object inner = outer.valAt(w.outer());
            clojure.lang.IPersistentSet set = inner == null
                    ? clojure.lang.PersistentTreeSet.create(KeyOrder.INSTANCE, null) : (clojure.lang.IPersistentSet) inner;
            Object next = outer.assoc(w.outer(), w.remove() ? set.disjoin(w.element()) : set.cons(w.element()));
            Object full;
            String fullError = null;
            try {
                full = SchemaCheck.check("p", schema, next, true);
            } catch (SchemaViolation e) {
                full = null;
                fullError = e.getMessage();
            }
            try {
                Object incremental = SchemaCheck.checkUpdate("p", schema, current, next);
                assertEquals(null, fullError, "the full check rejected what the incremental one accepted");
                assertEquals(full, incremental);
                for (Object e : (java.util.Set<?>) ((Map<?, ?>) incremental).get(w.outer())) {
                    assertSame(Long.class, e.getClass(), "elements are Longs (ints widened)");
                }
                current = incremental;
            } catch (SchemaViolation e) {
                assertEquals(fullError, e.getMessage());
            }
        }
    }
}
