package dev.floe.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;

/**
 * Generated IR survives printing and re-reading, and Java serialization, unchanged; printing is
 * deterministic; origins never take part in equality but survive both round trips.
 */
class IrRoundTripPropertiesTest {
    @Provide
    Arbitrary<Object> ir() {
        return IrArbitraries.anyIr();
    }

    @Provide
    Arbitrary<Node> nodes() {
        return IrArbitraries.nodes();
    }

    @Provide
    Arbitrary<ModuleIR> modules() {
        return IrArbitraries.module();
    }

    // ------------------------------------------------------------------------------ (a) text

    @Property(tries = 200)
    void irSurvivesPrintingAndReading(@ForAll("ir") Object ir) {
        String text = IrText.print(ir);
        Object back = IrText.read(text);
        assertEquals(ir, back, () -> "read back differently: " + IrDiff.firstDifference(ir, back) + "\n" + text);
        assertEquals(back, ir, () -> "equality is not symmetric:\n" + text);
        assertEquals(ir.hashCode(), back.hashCode(), () -> "hash codes differ:\n" + text);
    }

    @Property(tries = 100)
    void modulesSurvivePrintingAndReading(@ForAll("modules") ModuleIR module) {
        String text = IrText.print(module);
        Object back = IrText.read(text);
        assertEquals(module, back, () -> "read back differently: " + IrDiff.firstDifference(module, back) + "\n" + text);
        assertEquals(module.hashCode(), back.hashCode());
    }

    // ------------------------------------------------------------------------------ (b) serialization

    @Property(tries = 200)
    void irSurvivesJavaSerialization(@ForAll("ir") Object ir) {
        Object back = javaRoundTrip(ir);
        assertEquals(ir, back, () -> IrDiff.firstDifference(ir, back) + "\n" + IrText.print(ir));
        assertEquals(back, ir);
        assertEquals(ir.hashCode(), back.hashCode(), () -> IrText.print(ir));
        assertEquals(IrText.print(ir), IrText.print(back), "serialization changes the text form");
    }

    @Property(tries = 100)
    void modulesSurviveJavaSerialization(@ForAll("modules") ModuleIR module) {
        Object back = javaRoundTrip(module);
        assertEquals(module, back, () -> IrDiff.firstDifference(module, back));
        assertEquals(module.hashCode(), back.hashCode());
    }

    // ------------------------------------------------------------------------------ (c) determinism

    @Property(tries = 200)
    void printingIsDeterministic(@ForAll("ir") Object ir) {
        String text = IrText.print(ir);
        assertEquals(text, IrText.print(ir));
        String again = IrText.print(IrText.read(text));
        assertEquals(text, again, "printing what was read gives different text (a type or order was lost)");
        assertEquals(again, IrText.print(IrText.read(again)));
    }

    // ------------------------------------------------------------------------------ (d) origins

    @Property(tries = 200)
    void originsDoNotTakePartInEquality(@ForAll("nodes") Node node) {
        Object moved = withOrigins(node, o -> Origin.of("Elsewhere.java:99"));
        assertEquals(node, moved);
        assertEquals(node.hashCode(), moved.hashCode());
        List<String> before = originsOf(node);
        List<String> after = originsOf(moved);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).equals("null") ? "null" : "Elsewhere.java:99", after.get(i));
        }
    }

    @Property(tries = 200)
    void originsSurviveBothRoundTrips(@ForAll("nodes") Node node) {
        List<String> origins = originsOf(node);
        assertEquals(origins, originsOf(IrText.read(IrText.print(node))));
        assertEquals(origins, originsOf(javaRoundTrip(node)));
    }

    // ------------------------------------------------------------------------------ the generator

    @Example
    void theGeneratorReachesEveryIrRecord() {
        Set<String> seen = new HashSet<>();
        RandomGenerator<Object> generator = IrArbitraries.anyIr().generator(1000);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            collectRecordNames(generator.next(random).value(), seen);
        }
        assertEquals(new TreeSet<>(IrText.recordNames()), new TreeSet<>(seen));
    }

    private static void collectRecordNames(Object o, Set<String> out) {
        if (o instanceof List) {
            for (Object x : (List<?>) o) {
                collectRecordNames(x, out);
            }
        } else if (o instanceof Map && !(o instanceof clojure.lang.IPersistentMap)) {
            for (Object x : ((Map<?, ?>) o).values()) {
                collectRecordNames(x, out);
            }
        } else if (isIrRecord(o)) {
            out.add(o.getClass().getSimpleName());
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                collectRecordNames(component(o, rc), out);
            }
        }
    }

    // ------------------------------------------------------------------------------ helpers

    static Object javaRoundTrip(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record of the IR (not one of the generator's user function or navigator records). */
    private static boolean isIrRecord(Object o) {
        return o instanceof Record && o.getClass().getPackageName().equals("dev.floe.ir")
                && o.getClass().getEnclosingClass() != IrArbitraries.class;
    }

    /** Every origin in the IR, in a fixed traversal order ({@code "null"} for a null origin). */
    static List<String> originsOf(Object ir) {
        List<String> out = new ArrayList<>();
        collectOrigins(ir, out);
        return out;
    }

    private static void collectOrigins(Object o, List<String> out) {
        if (o instanceof Origin) {
            out.add(((Origin) o).where());
        } else if (o instanceof List) {
            for (Object x : (List<?>) o) {
                collectOrigins(x, out);
            }
        } else if (o instanceof Map && !(o instanceof clojure.lang.IPersistentMap)) {
            for (Object x : ((Map<?, ?>) o).values()) {
                collectOrigins(x, out);
            }
        } else if (isIrRecord(o)) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                Object v = component(o, rc);
                if (v == null && rc.getType() == Origin.class) {
                    out.add("null");
                } else {
                    collectOrigins(v, out);
                }
            }
        }
    }

    /** The IR with every (non-null) origin replaced. */
    static Object withOrigins(Object o, UnaryOperator<Origin> f) {
        if (o instanceof Origin) {
            return f.apply((Origin) o);
        }
        if (o instanceof List && !(o instanceof clojure.lang.IPersistentCollection)) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) o) {
                out.add(withOrigins(x, f));
            }
            return out;
        }
        if (!isIrRecord(o)) {
            return o;
        }
        RecordComponent[] rcs = o.getClass().getRecordComponents();
        Object[] values = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            values[i] = withOrigins(component(o, rcs[i]), f);
        }
        try {
            Constructor<?> c = o.getClass().getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + o.getClass() + " from " + Arrays.toString(values), e);
        }
    }

    private static Object component(Object record, RecordComponent rc) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
