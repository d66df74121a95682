package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code Agg.none()} (Clojure's {@code aggs/+NONE}) in a {@code CompoundAgg.map} template removes
 * the entry at its key, in memory and in RocksDB, at the top level and nested in a subindexed map.
 */
class NoneAggTest {
    /** Records [user item] are added to a user's items; [user item "remove"] removes the item, [user] the user. */
    public static final class Carts implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*ops", Depot.hashBy(Ops.FIRST));
            var s = topologies.stream("carts");
            s.pstate("$$carts", PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class).subindexed()));
            s.source("*ops").out("*op")
             .each(Ops.SIZE, "*op").out("*n")
             .each(Ops.FIRST, "*op").out("*user")
             .cond(dev.floe.Case.create(new dev.floe.Expr(Ops.EQUAL, "*n", 1))
                                .compoundAgg("$$carts", CompoundAgg.map("*user", Agg.none())),
                   dev.floe.Case.create(new dev.floe.Expr(Ops.EQUAL, "*n", 2))
                                .each(Ops.LAST, "*op").out("*item")
                                .compoundAgg("$$carts", CompoundAgg.map("*user", CompoundAgg.map("*item", Agg.count()))),
                   dev.floe.Case.create(true)
                                .each((List<?> op) -> op.get(1), "*op").out("*item")
                                .compoundAgg("$$carts", CompoundAgg.map("*user", CompoundAgg.map("*item", Agg.none()))));
        }
    }

    private static void exercise(InProcessCluster c) {
        c.launchModule(new Carts(), new LaunchConfig(2, 2));
        String m = Carts.class.getName();
        Depot ops = c.clusterDepot(m, "*ops");
        PState carts = c.clusterPState(m, "$$carts");
        ops.append(List.of("ann", "apple"));
        ops.append(List.of("ann", "pear"));
        ops.append(List.of("ann", "apple"));
        ops.append(List.of("bob", "fig"));
        assertEquals(Map.of("apple", 2L, "pear", 1L), carts.selectOne(Path.key("ann")));
        ops.append(List.of("ann", "apple", "remove"));
        assertEquals(Map.of("pear", 1L), carts.selectOne(Path.key("ann")), "the nested entry is removed");
        ops.append(List.of("ann", "kiwi", "remove"));
        assertEquals(Map.of("pear", 1L), carts.selectOne(Path.key("ann")), "removing a missing entry changes nothing");
        ops.append(List.of("bob"));
        assertNull(carts.selectOne(Path.key("bob")), "the top-level entry is removed");
        assertEquals(List.of(), carts.select(Path.key("bob").mapKeys()));
        assertEquals(Map.of("pear", 1L), carts.selectOne(Path.key("ann")));
    }

    @Test
    void removesInMemory() throws Exception {
        try (InProcessCluster c = InProcessCluster.options().inMemory().create()) {
            exercise(c);
        }
    }

    @Test
    void removesInRocksDb(@TempDir java.nio.file.Path dir) throws Exception {
        try (InProcessCluster c = InProcessCluster.open(dir)) {
            exercise(c);
        }
    }

    @Test
    void batchOutputsLeaveTheEntryOut() {
        List<Object> out = new java.util.ArrayList<>();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("b", 2))).out("*pair")
                             .each(Ops.EXPAND, "*pair").out("*k", "*v")
                             .compoundAgg(CompoundAgg.map("*k", Agg.sum("*v"), "gone", Agg.none())).out("*m")
                             .each((Object mm) -> out.add(mm), "*m"))
             .execute();
        assertEquals(List.of(Map.of("a", 1L, "b", 2L)), out);
    }
}
