package dev.floe.store;

import dev.floe.codec.FloeCodec;
import dev.floe.diffs.Diff;
import dev.floe.diffs.Diffs;
import dev.floe.ir.ModuleIR;
import dev.floe.specter.Nav;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The diff law on stored PStates, as proxies use it: after random transforms of a RocksDB PState
 * (subindexed maps, sets and lists, replacements, removals, ranges), the diff between the committed
 * view and the working view — computed from the commit's overlay, not by reading everything —
 * applied to the committed value gives the working value; no change gives no diff; and it agrees
 * with the diff of the two values read whole (the recompute-and-diff oracle) on what it changes.
 */
class RocksDiffLawsTest {
    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    private Path dir;
    private RocksTaskStore store;

    @BeforeTry
    void open() throws IOException {
        dir = Files.createTempDirectory("floe-rocks-diffs");
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

    @Provide
    Arbitrary<List<RocksCollectionsModelTest.Op>> setOps() {
        return new RocksCollectionsModelTest().setOps();
    }

    @Provide
    Arbitrary<List<RocksCollectionsModelTest.Op>> listOps() {
        return new RocksCollectionsModelTest().listOps();
    }

    @Provide
    Arbitrary<List<RocksPStateModelTest.Op>> mapOps() {
        return new RocksPStateModelTest().ops();
    }

    @Property(tries = 40)
    void subindexedMaps(@ForAll("mapOps") List<RocksPStateModelTest.Op> ops) {
        RocksPState p = store.pstate(RocksPStateModelTest.nested(true));
        for (RocksPStateModelTest.Op op : ops) {
            if (op instanceof RocksPStateModelTest.Commit || op instanceof RocksPStateModelTest.Rollback
                    || op instanceof RocksPStateModelTest.Reopen) {
                p.commit();
                continue;
            }
            step(p, RocksPStateModelTest.path(op), op.toString());
        }
    }

    @Property(tries = 40)
    void subindexedSets(@ForAll("setOps") List<RocksCollectionsModelTest.Op> ops) {
        run(RocksCollectionsModelTest.sets(true), ops);
    }

    @Property(tries = 40)
    void subindexedLists(@ForAll("listOps") List<RocksCollectionsModelTest.Op> ops) {
        run(RocksCollectionsModelTest.lists(), ops);
    }

    private void run(ModuleIR.PStateDecl decl, List<RocksCollectionsModelTest.Op> ops) {
        RocksPState p = store.pstate(decl);
        for (RocksCollectionsModelTest.Op op : ops) {
            if (op.transform() == null) {
                p.commit();
                continue;
            }
            step(p, op.transform(), op.toString());
        }
    }

    /** Transforms, checks the laws between the committed and working versions, commits. */
    private static void step(RocksPState p, Nav transform, String what) {
        try {
            p.transform(transform);
        } catch (RuntimeException e) {
            return; // an invalid edit (out of bounds): nothing changed
        }
        Object oldView = p.committedValue();
        Object newView = p.value();
        Diff d = Diffs.between(oldView, newView);
        Object oldValue = materialize(oldView);
        Object newValue = materialize(newView);
        if (oldValue.equals(newValue)) {
            assertNull(d, "no change, no diff, after " + what);
        } else {
            assertEquals(newValue, materialize(Diffs.apply(d, oldValue)), "applying " + d + " after " + what);
            Diff oracle = Diffs.between(oldValue, newValue);
            assertEquals(newValue, materialize(Diffs.apply(oracle, oldValue)), "the oracle after " + what);
        }
        p.commit();
    }

    private static Object materialize(Object v) {
        return v instanceof StoredStructure ? ((StoredStructure) v).materialize() : v;
    }
}
