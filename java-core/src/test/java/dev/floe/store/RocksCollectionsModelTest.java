package dev.floe.store;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.IPersistentStack;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import dev.floe.codec.FloeCodec;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.specter.Nav;
import dev.floe.specter.Navs;
import dev.floe.specter.Paths;
import dev.floe.specter.Specter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle test of subindexed sets and lists on RocksDB: random sequences of element additions and
 * removals, appends, replaced elements, pops, prepends, whole replacements, range navigators,
 * commits, rollbacks and reopenings give the same reads as the in-memory PState; and the stored
 * layout is one entry per element, so a change writes only what changed.
 */
class RocksCollectionsModelTest {
    static {
        // Clojure's runtime before its collections (see ClojureRuntime)
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());

    static ModuleIR.PStateDecl sets(boolean trackSize) {
        return new ModuleIR.PStateDecl("$$sets", new SchemaIR.MapSchema(LONG,
                new SchemaIR.SetSchema(LONG, new SchemaIR.Subindex(trackSize)), null), false, false, null, false, null, null);
    }

    static ModuleIR.PStateDecl lists() {
        return new ModuleIR.PStateDecl("$$lists", new SchemaIR.MapSchema(LONG,
                new SchemaIR.ListSchema(LONG, new SchemaIR.Subindex(true)), null), false, false, null, false, null, null);
    }

    /** One step: a transform (with a description), or a commit, rollback or reopen. */
    record Op(String what, Nav transform) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static final Op COMMIT = new Op("commit", null);
    private static final Op ROLLBACK = new Op("rollback", null);
    private static final Op REOPEN = new Op("reopen", null);

    private static final IFn INC = new AFn() {
        @Override
        public Object invoke(Object x) {
            return ((Long) x) + 1;
        }
    };

    private static final IFn ODD = new AFn() {
        @Override
        public Object invoke(Object x) {
            return ((Long) x) % 2 != 0;
        }
    };

    private static final IFn COUNT = new AFn() {
        @Override
        public Object invoke(Object x) {
            return (long) RT.count(x);
        }
    };

    private static final IFn POP = new AFn() {
        @Override
        public Object invoke(Object x) {
            return x == null || RT.count(x) == 0 ? x : ((IPersistentStack) x).pop();
        }
    };

    private static Op op(String what, Object... path) {
        return new Op(what, Paths.compile(path));
    }

    private static Object range(long from, long to) {
        List<Object> l = new ArrayList<>();
        for (long k = Math.min(from, to); k <= Math.max(from, to) && l.size() < 5; k++) {
            l.add(k);
        }
        return l;
    }

    @Provide
    Arbitrary<List<Op>> setOps() {
        Arbitrary<Long> outer = Arbitraries.longs().between(0, 3);
        Arbitrary<Long> el = Arbitraries.longs().between(-15, 15);
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(outer, el).as((o, x) ->
                        op("add " + x + " at " + o, Navs.keypath(o), Navs.NONE_ELEM, Navs.terminalVal(x)))),
                Tuple.of(3, Combinators.combine(outer, el).as((o, x) ->
                        op("remove " + x + " at " + o, Navs.keypath(o), Navs.setElem(x), Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, outer.map(o -> op("remove odd at " + o, Navs.keypath(o), Navs.ALL, Navs.pred(ODD),
                        Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, Combinators.combine(outer, el, el).as((o, a, b) -> op("clear range " + a + ".." + b + " at " + o,
                        Navs.keypath(o), Navs.sortedSetRange(Math.min(a, b), Math.max(a, b), true, false), Navs.ALL,
                        Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, Combinators.combine(outer, el, el).as((o, a, b) -> op("replace " + o + " by " + range(a, b),
                        Navs.keypath(o), Navs.terminalVal(PersistentHashSet.create((List<?>) range(a, b)))))),
                Tuple.of(1, outer.map(o -> op("remove " + o, Navs.keypath(o), Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, outer.map(o -> op("nil at " + o, Navs.keypath(o), Navs.terminalVal(null)))),
                Tuple.of(3, Arbitraries.just(COMMIT)),
                Tuple.of(1, Arbitraries.just(ROLLBACK)),
                Tuple.of(1, Arbitraries.just(REOPEN)))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Op>> listOps() {
        Arbitrary<Long> outer = Arbitraries.longs().between(0, 3);
        Arbitrary<Long> el = Arbitraries.longs().between(-15, 15);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 6);
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(outer, el).as((o, x) ->
                        op("append " + x + " at " + o, Navs.keypath(o), Navs.AFTER_ELEM, Navs.terminalVal(x)))),
                Tuple.of(2, Combinators.combine(outer, index, el).as((o, i, x) ->
                        op("set [" + i + "] = " + x + " at " + o, Navs.keypath(o), Navs.nthpath(i), Navs.terminalVal(x)))),
                Tuple.of(2, outer.map(o -> op("pop at " + o, Navs.keypath(o), Navs.terminal(POP)))),
                Tuple.of(1, Combinators.combine(outer, el).as((o, x) ->
                        op("prepend " + x + " at " + o, Navs.keypath(o), Navs.BEFORE_ELEM, Navs.terminalVal(x)))),
                Tuple.of(1, outer.map(o -> op("inc all at " + o, Navs.keypath(o), Navs.ALL, Navs.terminal(INC)))),
                Tuple.of(1, outer.map(o -> op("remove last at " + o, Navs.keypath(o), Navs.LAST, Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, Combinators.combine(outer, el, el).as((o, a, b) -> op("replace " + o + " by " + range(a, b),
                        Navs.keypath(o), Navs.terminalVal(PersistentVector.create((List<?>) range(a, b)))))),
                Tuple.of(1, outer.map(o -> op("remove " + o, Navs.keypath(o), Navs.terminalVal(Specter.NONE)))),
                Tuple.of(1, outer.map(o -> op("nil at " + o, Navs.keypath(o), Navs.terminalVal(null)))),
                Tuple.of(3, Arbitraries.just(COMMIT)),
                Tuple.of(1, Arbitraries.just(ROLLBACK)),
                Tuple.of(1, Arbitraries.just(REOPEN)))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    static List<Nav> setReads() {
        List<Nav> out = new ArrayList<>();
        out.add(Paths.compile(Navs.MAP_KEYS));
        for (long o = 0; o <= 3; o++) {
            out.add(Paths.compile(Navs.keypath(o), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.view(COUNT)));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedSetRange(-5L, 5L, true, false), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedSetRangeFrom(3L, false, 4), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedSetRangeToEnd(2), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.setElem(7L)));
        }
        return out;
    }

    static List<Nav> listReads() {
        List<Nav> out = new ArrayList<>();
        out.add(Paths.compile(Navs.MAP_KEYS));
        for (long o = 0; o <= 3; o++) {
            out.add(Paths.compile(Navs.keypath(o), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.view(COUNT)));
            out.add(Paths.compile(Navs.keypath(o), Navs.FIRST));
            out.add(Paths.compile(Navs.keypath(o), Navs.LAST));
            out.add(Paths.compile(Navs.keypath(o), Navs.nthpath(2)));
        }
        return out;
    }

    private Path dir;
    private RocksTaskStore store;

    @BeforeTry
    @org.junit.jupiter.api.BeforeEach
    void open() throws IOException {
        dir = Files.createTempDirectory("floe-rocks-collections");
        store = new RocksTaskStore(dir, new FloeCodec(), false, null);
    }

    @AfterTry
    @org.junit.jupiter.api.AfterEach
    void close() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 60)
    void subindexedSetsEqualTheInMemoryModel(@ForAll("setOps") List<Op> ops, @ForAll boolean trackSize) {
        run(sets(trackSize), ops, setReads());
    }

    @Property(tries = 60)
    void subindexedListsEqualTheInMemoryModel(@ForAll("listOps") List<Op> ops) {
        run(lists(), ops, listReads());
    }

    private void run(ModuleIR.PStateDecl decl, List<Op> ops, List<Nav> reads) {
        MemoryPState model = new MemoryPState(decl.name(), decl.schema(), null);
        RocksPState rocks = store.pstate(decl);
        int step = 0;
        for (Op op : ops) {
            step++;
            if (op == COMMIT) {
                model.commit();
                rocks.commit();
            } else if (op == ROLLBACK) {
                model.rollback();
                rocks.rollback();
            } else if (op == REOPEN) {
                model.rollback();
                store.close();
                store = new RocksTaskStore(dir, new FloeCodec(), false, null);
                rocks = store.pstate(decl);
            } else {
                RuntimeException modelFailure = null;
                try {
                    model.transform(op.transform());
                } catch (RuntimeException e) {
                    modelFailure = e;
                }
                try {
                    rocks.transform(op.transform());
                    assertEquals(null, modelFailure, "the model failed at step " + step + " (" + op + "), RocksDB did not");
                } catch (RuntimeException e) {
                    if (modelFailure == null) {
                        throw e;
                    }
                    assertEquals(modelFailure.getMessage(), e.getMessage(), "failures at step " + step);
                }
            }
            for (Nav r : reads) {
                String where = "after step " + step + " (" + op + "), read " + r;
                RocksPState rp = rocks;
                assertEquals(outcome(() -> model.select(r)), outcome(() -> plain(rp.select(r))), "working version " + where);
                assertEquals(outcome(() -> model.selectCommitted(r)), outcome(() -> rp.selectCommitted(r)),
                        "committed version " + where);
            }
        }
    }

    /** The value, or the failure's message (a read out of bounds fails the same way on both). */
    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static List<Object> plain(List<Object> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o instanceof StoredStructure ? ((StoredStructure) o).materialize() : o);
        }
        return out;
    }

    /** The number of RocksDB keys in the PState's column family. */
    private long keys(String pstate) {
        return store.countKeys(pstate);
    }

    @Test
    void elementsAreStoredOneEntryEachAndAChangeTouchesOnlyItsElement() {
        RocksPState sets = store.pstate(sets(true));
        RocksPState lists = store.pstate(lists());
        List<Object> thousand = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            thousand.add(i);
        }
        sets.transform(Paths.compile(Navs.keypath(1L), Navs.terminalVal(PersistentHashSet.create(thousand))));
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.terminalVal(PersistentVector.create(thousand))));
        store.commit(List.of(sets, lists));
        assertTrue(store.lastCommitWrites() >= 2000, "writes " + store.lastCommitWrites());
        // marker + size + 1000 elements under the root's size and the outer entry
        long setKeys = keys("$$sets");
        long listKeys = keys("$$lists");
        assertTrue(setKeys >= 1002 && setKeys <= 1004, "set keys " + setKeys);
        assertTrue(listKeys >= 1002 && listKeys <= 1004, "list keys " + listKeys);

        Object view = sets.select(Paths.compile(Navs.keypath(1L))).get(0);
        assertInstanceOf(StoredSet.class, view, "a subindexed set is read lazily");
        sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(5000L)));
        store.commit(List.of(sets));
        // the element, the set's size, the set's marker and the root's size: not the 1000 others
        assertTrue(store.lastCommitWrites() <= 4, "writes " + store.lastCommitWrites());
        assertEquals(List.of(1001L), sets.select(Paths.compile(Navs.keypath(1L), Navs.view(COUNT))));
        assertEquals(List.of(true), sets.select(Paths.compile(Navs.keypath(1L), Navs.view(new AFn() {
            @Override
            public Object invoke(Object s) {
                return ((java.util.Set<?>) s).contains(5000L);
            }
        }))));

        Object lview = lists.select(Paths.compile(Navs.keypath(1L))).get(0);
        assertInstanceOf(StoredList.class, lview, "a subindexed list is read lazily");
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(-1L)));
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.nthpath(500), Navs.terminal(INC)));
        store.commit(List.of(lists));
        assertTrue(store.lastCommitWrites() <= 5, "writes " + store.lastCommitWrites());
        assertEquals(List.of(-1L), lists.select(Paths.compile(Navs.keypath(1L), Navs.LAST)));
        assertEquals(List.of(501L), lists.select(Paths.compile(Navs.keypath(1L), Navs.nthpath(500))));
        assertEquals(List.of(1001L), lists.select(Paths.compile(Navs.keypath(1L), Navs.view(COUNT))));
    }

    @Test
    void wrongElementsAreRejectedAndNothingIsWritten() {
        RocksPState sets = store.pstate(sets(true));
        sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(1L)));
        sets.commit();
        SchemaViolation e = assertThrows(SchemaViolation.class,
                () -> sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal("two"))));
        assertTrue(e.getMessage().contains("$$sets") && e.getMessage().contains("java.lang.Long"), e.getMessage());
        RocksPState lists = store.pstate(lists());
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(1L)));
        lists.commit();
        SchemaViolation le = assertThrows(SchemaViolation.class,
                () -> lists.transform(Paths.compile(Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(2.5))));
        assertTrue(le.getMessage().contains("element 1"), le.getMessage());
        sets.rollback();
        lists.rollback();
        assertEquals(List.of(List.of(1L)), plain(lists.select(Paths.compile(Navs.keypath(1L)))));
        assertEquals(List.of(1L), sets.select(Paths.compile(Navs.keypath(1L), Navs.ALL)));
    }

    @Test
    void integersInLongCollectionsAreStoredAsLongs() {
        RocksPState lists = store.pstate(lists());
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(1L)));
        lists.transform(Paths.compile(Navs.keypath(1L), Navs.AFTER_ELEM, Navs.terminalVal(2)));
        lists.commit();
        List<?> got = lists.select(Paths.compile(Navs.keypath(1L), Navs.ALL));
        assertEquals(List.of(1L, 2L), got);
        assertTrue(got.get(1) instanceof Long, "stored as a Long: " + got.get(1).getClass());
        RocksPState sets = store.pstate(sets(true));
        sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(7)));
        sets.commit();
        List<?> elems = sets.select(Paths.compile(Navs.keypath(1L), Navs.ALL));
        assertEquals(List.of(7L), elems);
        assertTrue(elems.get(0) instanceof Long, "stored as a Long: " + elems.get(0).getClass());
    }

    @Test
    void aWrongElementAfterManyUncommittedOnesIsStillRejected() {
        RocksPState sets = store.pstate(sets(true));
        for (long i = 0; i < 300; i++) {
            sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(i)));
        }
        SchemaViolation e = assertThrows(SchemaViolation.class,
                () -> sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal("bad"))));
        assertTrue(e.getMessage().contains("$$sets"), e.getMessage());
        sets.transform(Paths.compile(Navs.keypath(1L), Navs.NONE_ELEM, Navs.terminalVal(7)));
        sets.commit();
        assertEquals(List.of(300L), sets.select(Paths.compile(Navs.keypath(1L), Navs.view(COUNT))));
        List<?> seven = sets.select(Paths.compile(Navs.keypath(1L), Navs.setElem(7L)));
        assertEquals(List.of(7L), seven);
        assertTrue(seven.get(0) instanceof Long, "an int added on top of an uncommitted overlay is widened too");
    }
}
