package dev.floe.store;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.PersistentArrayMap;
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
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Oracle test of the RocksDB PState store: random sequences of transforms (keys, removals,
 * whole-structure replacements, range navigators, MAP-VALS), commits, rollbacks and reopenings of
 * the store give the same reads as the in-memory PState — through the working version, the
 * committed version, and after a restart.
 */
class RocksPStateModelTest {
    static {
        // Clojure's runtime before its collections (see ClojureRuntime)
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());

    /** {Long → subindexed {Long → Long}}, with or without size tracking. */
    static ModuleIR.PStateDecl nested(boolean trackSize) {
        return new ModuleIR.PStateDecl("$$nested", new SchemaIR.MapSchema(LONG,
                new SchemaIR.MapSchema(LONG, LONG, new SchemaIR.Subindex(trackSize)), null), false, false, null, false,
                null, null);
    }

    /** One step of a run. */
    sealed interface Op permits Put, RemoveInner, RemoveOuter, ReplaceOuter, IncAll, ClearRange, SetNil, Commit,
            Rollback, Reopen {}

    record Put(long outer, long inner, long value) implements Op {}

    record RemoveInner(long outer, long inner) implements Op {}

    record RemoveOuter(long outer) implements Op {}

    record ReplaceOuter(long outer, long from, long to) implements Op {}

    record IncAll(long outer) implements Op {}

    record ClearRange(long outer, long from, long to) implements Op {}

    record SetNil(long outer) implements Op {}

    record Commit() implements Op {}

    record Rollback() implements Op {}

    record Reopen() implements Op {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Long> outer = Arbitraries.longs().between(0, 4);
        Arbitrary<Long> inner = Arbitraries.longs().between(-20, 20);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Combinators.combine(outer, inner, inner).as(Put::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(outer, inner).as(RemoveInner::new)),
                net.jqwik.api.Tuple.of(1, outer.map(RemoveOuter::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(outer, inner, inner).as(ReplaceOuter::new)),
                net.jqwik.api.Tuple.of(1, outer.map(IncAll::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(outer, inner, inner).as(ClearRange::new)),
                net.jqwik.api.Tuple.of(1, outer.map(SetNil::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Commit())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Rollback())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())));
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    private Path dir;
    private RocksTaskStore store;

    @BeforeTry
    void open() throws IOException {
        dir = Files.createTempDirectory("floe-rocks-model");
        store = new RocksTaskStore(dir, new FloeCodec(), false, null);
    }

    @AfterTry
    void close() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final IFn INC = new AFn() {
        @Override
        public Object invoke(Object x) {
            return ((Long) x) + 1;
        }
    };

    private static final IFn COUNT = new AFn() {
        @Override
        public Object invoke(Object x) {
            return (long) RT.count(x);
        }
    };

    static Nav path(Op op) {
        if (op instanceof Put p) {
            return Paths.compile(Navs.keypath(p.outer(), p.inner()), Navs.terminalVal(p.value()));
        } else if (op instanceof RemoveInner r) {
            return Paths.compile(Navs.keypath(r.outer(), r.inner()), Navs.terminalVal(Specter.NONE));
        } else if (op instanceof RemoveOuter r) {
            return Paths.compile(Navs.keypath(r.outer()), Navs.terminalVal(Specter.NONE));
        } else if (op instanceof ReplaceOuter r) {
            Object m = PersistentArrayMap.EMPTY;
            for (long k = Math.min(r.from(), r.to()); k <= Math.max(r.from(), r.to()) && k < Math.min(r.from(), r.to()) + 5; k++) {
                m = RT.assoc(m, k, k * 10);
            }
            return Paths.compile(Navs.keypath(r.outer()), Navs.terminalVal(m));
        } else if (op instanceof IncAll i) {
            return Paths.compile(Navs.keypath(i.outer()), Navs.MAP_VALS, Navs.terminal(INC));
        } else if (op instanceof SetNil n) {
            return Paths.compile(Navs.keypath(n.outer()), Navs.terminalVal(null));
        } else {
            ClearRange c = (ClearRange) op;
            return Paths.compile(Navs.keypath(c.outer()), Navs.sortedMapRange(Math.min(c.from(), c.to()),
                    Math.max(c.from(), c.to()), true, false), Navs.MAP_VALS, Navs.terminalVal(Specter.NONE));
        }
    }

    /** Reads compared between the store and the model. */
    static List<Nav> reads() {
        List<Nav> out = new ArrayList<>();
        out.add(Paths.compile(Navs.ALL));
        out.add(Paths.compile(Navs.MAP_KEYS));
        out.add(Paths.compile(Navs.view(COUNT)));
        for (long o = 0; o <= 4; o++) {
            out.add(Paths.compile(Navs.keypath(o), Navs.ALL));
            out.add(Paths.compile(Navs.keypath(o), Navs.view(COUNT)));
            out.add(Paths.compile(Navs.keypath(o), Navs.LAST));
            out.add(Paths.compile(Navs.keypath(o), Navs.FIRST));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedMapRange(-5L, 5L, true, false), Navs.MAP_VALS));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedMapRangeFrom(3L, false, 4), Navs.MAP_KEYS));
            out.add(Paths.compile(Navs.keypath(o), Navs.sortedMapRangeToEnd(2), Navs.MAP_KEYS));
            for (long i = -2; i <= 7; i += 3) {
                // two fused keys: read through KeyChainLookup, one entry without the outer marker
                out.add(Paths.compile(Navs.keypath(o), Navs.keypath(i)));
                out.add(Paths.compile(Navs.keypath(o, i)));
            }
        }
        return out;
    }

    @Property(tries = 120)
    void rocksDbReadsEqualTheInMemoryModel(@ForAll("ops") List<Op> ops, @ForAll boolean trackSize) {
        ModuleIR.PStateDecl decl = nested(trackSize);
        MemoryPState model = new MemoryPState(decl.name(), decl.schema(), null);
        RocksPState rocks = store.pstate(decl);
        List<Nav> reads = reads();
        int step = 0;
        for (Op op : ops) {
            step++;
            if (op instanceof Commit) {
                model.commit();
                rocks.commit();
            } else if (op instanceof Rollback) {
                model.rollback();
                rocks.rollback();
            } else if (op instanceof Reopen) {
                model.rollback();
                store.close();
                store = new RocksTaskStore(dir, new FloeCodec(), false, null);
                rocks = store.pstate(decl);
            } else {
                Nav p = path(op);
                model.transform(p);
                rocks.transform(p);
            }
            for (Nav r : reads) {
                String where = "after step " + step + " " + op + ", read " + r;
                assertEquals(model.select(r), plain(rocks.select(r)), "working version " + where);
                assertEquals(model.selectCommitted(r), rocks.selectCommitted(r), "committed version " + where);
            }
        }
    }

    private static List<Object> plain(List<Object> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o instanceof StoredStructure ? ((StoredStructure) o).materialize() : o);
        }
        return out;
    }

    @net.jqwik.api.Example
    void twoKeysIntoASubindexedMapAreOneRead() {
        RocksPState rocks = store.pstate(nested(true));
        rocks.transform(Paths.compile(Navs.keypath(1L, 5L), Navs.terminalVal(50L)));
        rocks.commit();
        Nav both = Paths.compile(Navs.keypath(1L), Navs.keypath(5L));
        Object view = rocks.committedValue();
        long before = StoreReads.of(view);
        assertEquals(List.of(50L), rocks.selectCommitted(both));
        assertEquals(1, StoreReads.of(view) - before, "the inner entry only, not the outer key's marker");
        before = StoreReads.of(view);
        assertEquals(java.util.Collections.singletonList(null), rocks.selectCommitted(Paths.compile(Navs.keypath(3L),
                Navs.keypath(5L))), "a missing outer key still gives nil");
        assertEquals(1, StoreReads.of(view) - before);
        rocks.transform(Paths.compile(Navs.keypath(1L, 5L), Navs.terminalVal(51L)));
        assertEquals(List.of(51L), plain(rocks.select(both)), "the working version sees its own change");
        assertEquals(List.of(50L), rocks.selectCommitted(both));
    }
}
