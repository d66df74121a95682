package dev.floe.diffs;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.IPersistentStack;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import dev.floe.codec.FloeCodec;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.specter.Navs;
import dev.floe.specter.Paths;
import dev.floe.specter.Specter;
import dev.floe.store.RocksPState;
import dev.floe.store.RocksTaskStore;
import dev.floe.store.StoreReads;
import dev.floe.store.StoredList;
import dev.floe.store.StoredMap;
import dev.floe.store.StoredSet;
import dev.floe.store.StoredStructure;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Diffs of a PState's stored views (StoredMap, StoredSet, StoredList over a real RocksDB): a
 * working view against the committed view it started from differs by its overlay only, so a small
 * edit of a large subindexed structure gives its single change after a handful of reads; and for
 * random edits the diff applied to the committed value gives the working value.
 */
class StoredDiffTest {
    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());
    private static final int BIG = 10_000;
    /** Reads a small edit may cost: the changed entries' old values, sizes, the outer entry. */
    private static final long HANDFUL_MAX = 8;

    static ModuleIR.PStateDecl decl(String name, SchemaIR inner) {
        return new ModuleIR.PStateDecl(name, new SchemaIR.MapSchema(LONG, inner, null), false, false, null, false, null, null);
    }

    static ModuleIR.PStateDecl maps() {
        return decl("$$maps", new SchemaIR.MapSchema(LONG, LONG, new SchemaIR.Subindex(true)));
    }

    static ModuleIR.PStateDecl sets() {
        return decl("$$sets", new SchemaIR.SetSchema(LONG, new SchemaIR.Subindex(true)));
    }

    static ModuleIR.PStateDecl lists() {
        return decl("$$lists", new SchemaIR.ListSchema(LONG, new SchemaIR.Subindex(true)));
    }

    private Path dir;
    private RocksTaskStore store;

    @BeforeTry
    @BeforeEach
    void open() throws IOException {
        dir = Files.createTempDirectory("floe-stored-diffs");
        store = new RocksTaskStore(dir, new FloeCodec(), false, null);
    }

    @AfterTry
    @AfterEach
    void close() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void transform(RocksPState p, Object... path) {
        p.transform(Paths.compile(path));
    }

    private static List<Object> range(int n) {
        List<Object> l = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static Object at(Object root, long key) {
        return ((StoredMap) root).valAt(key);
    }

    @Test
    void oneKeyOfATenThousandEntrySubindexedMapIsOneKeyDiffAfterAFewReads() {
        RocksPState p = store.pstate(maps());
        Object[] kvs = new Object[2 * BIG];
        for (int i = 0; i < BIG; i++) {
            kvs[2 * i] = (long) i;
            kvs[2 * i + 1] = (long) i;
        }
        transform(p, Navs.keypath(1L), Navs.terminalVal(PersistentHashMap.create(kvs)));
        p.commit();

        Object committed = p.committedValue();
        Object before = at(committed, 1L);
        assertInstanceOf(StoredMap.class, before);
        transform(p, Navs.keypath(1L, 5000L), Navs.terminalVal(-1L));
        Object working = p.value();
        Object after = at(working, 1L);

        long reads = StoreReads.of(before);
        Diff d = Diffs.between(before, after);
        long cost = StoreReads.of(before) - reads;
        assertEquals(new KeyDiff(5000L, new NewValueDiff(-1L)), d);
        assertTrue(cost <= HANDFUL_MAX, "reads " + cost);

        reads = StoreReads.of(before);
        Diff top = Diffs.between(committed, working);
        cost = StoreReads.of(before) - reads;
        assertEquals(new KeyDiff(1L, new KeyDiff(5000L, new NewValueDiff(-1L))), top);
        assertTrue(cost <= HANDFUL_MAX, "reads from the top " + cost);

        assertNull(Diffs.between(committed, committed));
        transform(p, Navs.keypath(1L), Navs.keypath(BIG + 1L), Navs.terminalVal(7L));
        transform(p, Navs.keypath(1L), Navs.keypath(3L), Navs.terminalVal(Specter.NONE));
        assertEquals(new MultiDiff(List.of(new KeyRemoveDiff(3L), new KeysDiff(linked(5000L, new NewValueDiff(-1L),
                BIG + 1L, new NewValueDiff(7L))))), Diffs.between(before, at(p.value(), 1L)));
    }

    private static java.util.Map<Object, Diff> linked(Object k1, Diff d1, Object k2, Diff d2) {
        java.util.Map<Object, Diff> m = new java.util.LinkedHashMap<>();
        m.put(k1, d1);
        m.put(k2, d2);
        return m;
    }

    @Test
    void anElementAddedToATenThousandElementSubindexedSetIsOneSetAddDiff() {
        RocksPState p = store.pstate(sets());
        transform(p, Navs.keypath(1L), Navs.terminalVal(PersistentHashSet.create(range(BIG))));
        p.commit();
        Object before = at(p.committedValue(), 1L);
        assertInstanceOf(StoredSet.class, before);
        transform(p, Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(-5L));
        long reads = StoreReads.of(before);
        Diff d = Diffs.between(before, at(p.value(), 1L));
        long cost = StoreReads.of(before) - reads;
        assertEquals(new SetAddDiff(-5L), d);
        assertTrue(cost <= HANDFUL_MAX, "reads " + cost);
        transform(p, Navs.keypath(1L), Navs.setElem(10L), Navs.terminalVal(Specter.NONE));
        assertEquals(new MultiDiff(List.of(new SetRemoveDiff(10L), new SetAddDiff(-5L))), Diffs.between(before, at(p.value(), 1L)));
    }

    @Test
    void anElementAppendedToATenThousandElementSubindexedListIsOneSequenceInsertDiff() {
        RocksPState p = store.pstate(lists());
        transform(p, Navs.keypath(1L), Navs.terminalVal(PersistentVector.create(range(BIG))));
        p.commit();
        Object before = at(p.committedValue(), 1L);
        assertInstanceOf(StoredList.class, before);
        transform(p, Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(-5L));
        long reads = StoreReads.of(before);
        Diff d = Diffs.between(before, at(p.value(), 1L));
        long cost = StoreReads.of(before) - reads;
        assertEquals(new SequenceInsertDiff(BIG, -5L, BIG), d);
        assertTrue(cost <= HANDFUL_MAX, "reads " + cost);
        transform(p, Navs.keypath(1L), Navs.nthpath(7), Navs.terminalVal(70L));
        assertEquals(new MultiDiff(List.of(new SequenceIndexChangeDiff(7, new NewValueDiff(70L)), new SequenceInsertDiff(BIG, -5L, BIG))),
                Diffs.between(before, at(p.value(), 1L)));
    }

    // ------------------------------------------------------------------------------ random edits

    private static final IFn POP = new AFn() {
        @Override
        public Object invoke(Object x) {
            return x == null || RT.count(x) == 0 ? x : ((IPersistentStack) x).pop();
        }
    };

    private static final IFn INC = new AFn() {
        @Override
        public Object invoke(Object x) {
            return x == null ? 0L : ((Long) x) + 1;
        }
    };

    private static void randomEdit(RocksPState maps, RocksPState sets, RocksPState lists, Random r) {
        long o = r.nextInt(3);
        long k = r.nextInt(12);
        switch (r.nextInt(12)) {
            case 0 -> transform(maps, Navs.keypath(o, k), Navs.terminalVal((long) r.nextInt(5)));
            case 1 -> transform(maps, Navs.keypath(o, k), Navs.terminalVal(Specter.NONE));
            case 2 -> transform(maps, Navs.keypath(o, k), Navs.terminal(INC));
            case 3 -> transform(maps, Navs.keypath(o), Navs.terminalVal(r.nextBoolean() ? Specter.NONE
                    : PersistentHashMap.create(k, 1L, k + 1, 2L)));
            case 4 -> transform(sets, Navs.keypath(o), Navs.NONE_ELEM, Navs.terminalVal(k));
            case 5 -> transform(sets, Navs.keypath(o), Navs.setElem(k), Navs.terminalVal(Specter.NONE));
            case 6 -> transform(sets, Navs.keypath(o), Navs.terminalVal(PersistentHashSet.create(k, k + 2)));
            case 7 -> transform(lists, Navs.keypath(o), Navs.AFTER_ELEM, Navs.terminalVal(k));
            case 8 -> transform(lists, Navs.keypath(o), Navs.terminal(POP));
            case 9 -> transform(lists, Navs.keypath(o), Navs.BEFORE_ELEM, Navs.terminalVal(k));
            case 10 -> {
                Object l = at(lists.value(), o);
                if (l != null && RT.count(l) > 0) {
                    transform(lists, Navs.keypath(o), Navs.nthpath(r.nextInt(RT.count(l))), Navs.terminalVal(k));
                }
            }
            default -> transform(lists, Navs.keypath(o), Navs.ALL, Navs.terminal(INC));
        }
    }

    @Property(tries = 40)
    void theDiffOfAWorkingViewAppliedToItsCommittedValueGivesTheWorkingValue(@ForAll long seed) {
        Random r = new Random(seed);
        RocksPState maps = store.pstate(maps());
        RocksPState sets = store.pstate(sets());
        RocksPState lists = store.pstate(lists());
        for (int round = 0; round < 8; round++) {
            List<RocksPState> all = List.of(maps, sets, lists);
            List<Object> committed = new ArrayList<>();
            for (RocksPState p : all) {
                committed.add(((StoredStructure) p.committedValue()).materialize());
            }
            for (int k = r.nextInt(6); k >= 0; k--) {
                randomEdit(maps, sets, lists, r);
            }
            for (int i = 0; i < all.size(); i++) {
                RocksPState p = all.get(i);
                Object working = ((StoredStructure) p.value()).materialize();
                Diff d = Diffs.between(p.committedValue(), p.value());
                String where = "seed " + seed + ", round " + round + ", " + p.name() + ": " + d;
                if (d == null) {
                    assertEquals(working, committed.get(i), where);
                } else {
                    assertEquals(working, Diffs.apply(d, committed.get(i)), where);
                }
            }
            store.commit(all);
        }
    }
}
