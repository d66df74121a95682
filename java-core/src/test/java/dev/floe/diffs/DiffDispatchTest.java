package dev.floe.diffs;

import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import dev.floe.codec.FloeCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.floe.diffs.Processors.UNHANDLED;
import static dev.floe.diffs.Processors.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each diff class's dispatch: its own processor method, its expansion, unhandled(); and its value semantics. */
class DiffDispatchTest {
    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    private static final Diff NV = new NewValueDiff(7L);
    private static final Diff U = new UnknownDiff();

    /** One example of every class. */
    static List<Diff> examples() {
        Map<Object, Diff> keys = new LinkedHashMap<>();
        keys.put("a", NV);
        keys.put("b", new NewValueDiff(8L));
        return List.of(new KeyDiff("a", NV), new KeysDiff(keys), new KeyRemoveDiff("a"), new KeysRemoveDiff(List.of("a", "b")),
                new KeyChangeDiff("a", "b"), NV, new SetAddDiff(1L), SetAddDiff.of(List.of(1L, 2L)), new SetRemoveDiff(1L),
                SetRemoveDiff.of(List.of(1L, 2L)), new MultiSetAddDiff("x", 1, 0), new MultiSetRemoveDiff("x", 0, 1),
                new SequenceInsertDiff(1, "e", 3), new SequenceInsertsDiff(1, List.of("x", "y"), 3),
                new SequenceIndexChangeDiff(2, NV), new SequenceIndexChangesDiff(Map.of(2, NV, 0, U)),
                new SequenceIndexRemoveDiff(1, 2, 5), new SequenceReorderDiff(3, 1, 5), new SequenceChangeDiff(1, 2, 4),
                new AppendDiff(3), new MultiDiff(List.of(new KeyDiff("a", NV), new SetAddDiff(1L))), new ResyncDiff(), U,
                new DestroyedDiff(), new UngracefulTerminationDiff());
    }

    @SafeVarargs
    private static Set<Class<? extends Diff>> handling(Class<? extends Diff>... cs) {
        Set<Class<? extends Diff>> out = new java.util.HashSet<>();
        for (Class<? extends Diff> c : cs) {
            out.add(c);
        }
        return out;
    }

    @Test
    void everyClassHasAProcessorWithItsOwnMethodAndItReceivesTheDiffItself() throws Exception {
        List<Class<? extends Diff>> seen = new ArrayList<>();
        for (Diff d : examples()) {
            Class<?> p = Processors.processorOf(d.getClass());
            assertEquals("process" + d.getClass().getSimpleName(), p.getMethods()[0].getName());
            List<Object> whole = Processors.asSeenWhole(d); // set diffs reach processors one element at a time
            assertEquals(whole, process(d, handling(d.getClass())), d.toString());
            assertEquals(whole, process(d, Set.copyOf(Processors.ALL_CLASSES)), "a processor of everything gets " + d + " whole");
            if (!seen.contains(d.getClass())) {
                seen.add(d.getClass());
            }
        }
        assertEquals(Set.copyOf(Processors.ALL_CLASSES), Set.copyOf(seen));
        assertEquals(23, Processors.ALL_CLASSES.size());
    }

    @Test
    void leavesAreUnhandledByAProcessorOfNothing() {
        for (Diff d : List.of(new KeyDiff("a", NV), new KeyRemoveDiff("a"), NV, new SetAddDiff(1L), new SetRemoveDiff(1L),
                new AppendDiff(0), new ResyncDiff(), U, new DestroyedDiff(), new UngracefulTerminationDiff())) {
            assertEquals(List.of(UNHANDLED), process(d, Set.of()), d.toString());
        }
    }

    @Test
    void keysDiffExpandsToKeyDiffsInOrder() {
        Map<Object, Diff> m = new LinkedHashMap<>();
        m.put("b", NV);
        m.put("a", U);
        KeysDiff d = new KeysDiff(m);
        assertEquals(List.of(new KeyDiff("b", NV), new KeyDiff("a", U)), process(d, handling(KeyDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(d, Set.of()));
    }

    @Test
    void keysRemoveDiffExpandsToKeyRemoveDiffs() {
        KeysRemoveDiff d = new KeysRemoveDiff(List.of("a", "b"));
        assertEquals(List.of(new KeyRemoveDiff("a"), new KeyRemoveDiff("b")), process(d, handling(KeyRemoveDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(d, Set.of()));
    }

    @Test
    void keyChangeDiffExpandsToARemoveAndAKeyDiffOfUnknownValue() {
        KeyChangeDiff d = new KeyChangeDiff("a", "b");
        assertEquals(List.of(new KeyRemoveDiff("a"), new KeyDiff("b", U)), process(d, handling(KeyRemoveDiff.class, KeyDiff.class)));
        assertEquals(List.of(new KeyRemoveDiff("a"), UNHANDLED), process(d, handling(KeyRemoveDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(d, Set.of()));
    }

    @Test
    void setDiffsOfSeveralElementsReachProcessorsOneElementAtATime() {
        SetAddDiff add = SetAddDiff.of(List.of(1L, 2L));
        assertEquals(List.of(new SetAddDiff(1L), new SetAddDiff(2L)), process(add, handling(SetAddDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(add, Set.of()));
        SetRemoveDiff rm = SetRemoveDiff.of(List.of(1L, 2L));
        assertEquals(List.of(new SetRemoveDiff(1L), new SetRemoveDiff(2L)), process(rm, handling(SetRemoveDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(rm, Set.of()));
        assertEquals(new SetAddDiff(1L), SetAddDiff.of(List.of(1L)));
        assertThrows(IllegalStateException.class, add::getElem);
        assertThrows(IllegalArgumentException.class, () -> SetAddDiff.of(List.of()));
    }

    @Test
    void multiSetDiffsExpandToSetDiffsOnlyWhenTheElementAppearsOrDisappears() {
        assertEquals(List.of(new SetAddDiff("x")), process(new MultiSetAddDiff("x", 1, 0), handling(SetAddDiff.class)));
        assertEquals(List.of(UNHANDLED), process(new MultiSetAddDiff("x", 2, 1), handling(SetAddDiff.class)));
        assertEquals(List.of(new SetRemoveDiff("x")), process(new MultiSetRemoveDiff("x", 0, 1), handling(SetRemoveDiff.class)));
        assertEquals(List.of(UNHANDLED), process(new MultiSetRemoveDiff("x", 1, 2), handling(SetRemoveDiff.class)));
    }

    @Test
    void sequenceDiffsThatShiftElementsExpandToSequenceChangeDiffs() {
        Set<Class<? extends Diff>> change = handling(SequenceChangeDiff.class);
        assertEquals(List.of(new SequenceChangeDiff(1, 4, 3)), process(new SequenceInsertDiff(1, "e", 3), change));
        assertEquals(List.of(new SequenceChangeDiff(1, 5, 3)), process(new SequenceInsertsDiff(1, List.of("x", "y"), 3), change));
        assertEquals(List.of(new SequenceChangeDiff(1, 3, 5)), process(new SequenceIndexRemoveDiff(1, 2, 5), change));
        assertEquals(List.of(new SequenceChangeDiff(1, 5, 5)), process(new SequenceReorderDiff(3, 1, 5), change));
        assertEquals(List.of(new SequenceInsertDiff(1, "x", 3), new SequenceInsertDiff(2, "y", 4)),
                process(new SequenceInsertsDiff(1, List.of("x", "y"), 3), handling(SequenceInsertDiff.class, SequenceChangeDiff.class)));
    }

    @Test
    void sequenceChangeDiffExpandsToRemovedIndicesUnknownIndicesAndAppends() {
        Set<Class<? extends Diff>> keys = handling(KeyRemoveDiff.class, KeyDiff.class, AppendDiff.class);
        assertEquals(List.of(new KeyRemoveDiff(3), new KeyRemoveDiff(2), new KeyDiff(1, U)), process(new SequenceChangeDiff(1, 2, 4), keys));
        assertEquals(List.of(new KeyDiff(1, U), new AppendDiff(2), new AppendDiff(3)), process(new SequenceChangeDiff(1, 4, 2), keys));
        assertEquals(List.of(new KeyDiff(1, U), new KeyDiff(2, U), new AppendDiff(3)), process(new SequenceInsertDiff(1, "e", 3), keys));
        assertEquals(List.of(UNHANDLED, UNHANDLED, UNHANDLED), process(new SequenceInsertDiff(1, "e", 3), Set.of()));
    }

    @Test
    void indexChangesExpandToSingleChangesAscendingThenToKeyDiffs() {
        SequenceIndexChangesDiff d = new SequenceIndexChangesDiff(Map.of(2, NV, 0, U));
        assertEquals(List.of(new SequenceIndexChangeDiff(0, U), new SequenceIndexChangeDiff(2, NV)),
                process(d, handling(SequenceIndexChangeDiff.class)));
        assertEquals(List.of(new KeyDiff(0, U), new KeyDiff(2, NV)), process(d, handling(KeyDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED), process(d, Set.of()));
    }

    @Test
    void multiDiffExpandsToItsDiffsInOrderEachDispatchedOnItsOwn() {
        MultiDiff d = new MultiDiff(List.of(new KeyDiff("a", NV), new SetAddDiff(1L), new KeysRemoveDiff(List.of("x", "y"))));
        assertEquals(List.of(new KeyDiff("a", NV), UNHANDLED, new KeyRemoveDiff("x"), new KeyRemoveDiff("y")),
                process(d, handling(KeyDiff.class, KeyRemoveDiff.class)));
        assertEquals(List.of(UNHANDLED, UNHANDLED, UNHANDLED, UNHANDLED), process(d, Set.of()));
    }

    @Test
    void aNullProcessorAndBadArgumentsFailFast() {
        assertThrows(IllegalArgumentException.class, () -> NV.process(null));
        assertThrows(IllegalArgumentException.class, () -> new KeyDiff("a", null));
        assertThrows(IllegalArgumentException.class, () -> new SequenceInsertDiff(4, "e", 3));
        assertThrows(IllegalArgumentException.class, () -> new SequenceIndexRemoveDiff(2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new SequenceReorderDiff(0, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new MultiDiff(java.util.Arrays.asList(NV, null)));
    }

    @Test
    void diffsAreValuesThatSurviveJavaSerializationAndTheFloeCodec() throws IOException, ClassNotFoundException {
        FloeCodec codec = new FloeCodec();
        List<Diff> a = examples();
        List<Diff> b = examples();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i));
            assertEquals(a.get(i).hashCode(), b.get(i).hashCode());
            assertTrue(a.get(i).toString().startsWith(a.get(i).getClass().getSimpleName()), a.get(i).toString());
            for (int j = 0; j < a.size(); j++) {
                if (i != j) {
                    assertNotEquals(a.get(i), b.get(j));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(a.get(i));
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertEquals(a.get(i), in.readObject(), "Java serialization of " + a.get(i));
            }
            assertEquals(a.get(i), codec.decode(codec.encode(a.get(i))), "the Floe codec on " + a.get(i));
        }
    }

    @Test
    void diffsWithoutValuesCannotBeApplied() {
        for (Diff d : List.of(U, new ResyncDiff(), new AppendDiff(0), new SequenceChangeDiff(0, 1, 0), new DestroyedDiff(),
                new UngracefulTerminationDiff(), new KeyDiff("a", U))) {
            DiffNotApplicableException e = assertThrows(DiffNotApplicableException.class, () -> Diffs.apply(d, PersistentVector.EMPTY));
            assertTrue(e.getMessage().contains("read the new value"), e.getMessage());
        }
        assertThrows(DiffNotApplicableException.class, () -> Diffs.apply(new SequenceInsertDiff(0, 1L, 2), PersistentVector.EMPTY),
                "an old size that is not the list's");
        assertThrows(DiffNotApplicableException.class, () -> Diffs.apply(new KeyDiff("a", NV), PersistentHashSet.EMPTY));
    }

    @Test
    void applyHandlesTheDiffsBetweenDoesNotProduce() {
        Object m = PersistentHashMap.create("a", 1L, "b", 2L);
        assertEquals(PersistentHashMap.create("c", 1L, "b", 2L), Diffs.apply(new KeyChangeDiff("a", "c"), m));
        Map<Object, Object> jm = new HashMap<>(Map.of("a", 1L));
        assertEquals(Map.of("c", 1L), Diffs.apply(new KeyChangeDiff("a", "c"), jm));
        assertEquals(Map.of("a", 1L), jm, "a java.util value is copied, not changed");
        assertEquals(PersistentHashMap.create("x", 3L), Diffs.apply(new MultiSetAddDiff("x", 3, 2), PersistentHashMap.create("x", 2L)));
        assertEquals(PersistentHashMap.EMPTY, Diffs.apply(new MultiSetRemoveDiff("x", 0, 1), PersistentHashMap.create("x", 1L)));
        assertEquals(PersistentVector.create(1L, 3L, 2L), Diffs.apply(new SequenceReorderDiff(2, 1, 3), PersistentVector.create(1L, 2L, 3L)));
        assertEquals(List.of(2L, 3L, 1L), Diffs.apply(new SequenceReorderDiff(0, 2, 3), new ArrayList<>(List.of(1L, 2L, 3L))));
        TreeMap<Long, Object> sorted = new TreeMap<>(java.util.Comparator.<Long>reverseOrder());
        sorted.put(1L, 1L);
        Object applied = Diffs.apply(new KeyDiff(2L, new NewValueDiff(2L)), sorted);
        assertEquals(List.of(2L, 1L), new ArrayList<>(((TreeMap<?, ?>) applied).keySet()), "a sorted map keeps its order");
        assertEquals(PersistentVector.create(1L, 9L), Diffs.apply(new SequenceIndexChangeDiff(1, new NewValueDiff(9L)),
                PersistentVector.create(1L, 2L)));
        assertEquals(PersistentHashMap.create("k", PersistentHashMap.create("j", 1L)),
                Diffs.apply(new KeyDiff("k", new KeyDiff("j", new NewValueDiff(1L))), null), "a key diff on nil makes a map");
    }
}
