package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.Path;
import dev.floe.SubBatch;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batch blocks of microbatch topologies beyond one block: sub-batches that read the source's
 * var, consecutive blocks, and rows materialized in one block read by the next (all found by the
 * example modules' authors).
 */
class MicrobatchBatchBlocksTest {

    /** Three topologies over one depot of numbers, each totalling it a different way. */
    public static final class Totals implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.random());
            var sub = topologies.microbatch("sub");
            sub.pstate("$$subTotal", Long.class).global().initialValue(0L);
            sub.source("*d").out("*microbatch")
                    .batchBlock(Block.subBatch(new SubBatch(Block.explodeMicrobatch("*microbatch").out("*x")
                                    .globalPartition()
                                    .agg(Agg.sum("*x")).out("*s"), "*s")).out("*s")
                            .globalPartition()
                            .agg("$$subTotal", Agg.sum("*s")));
            var two = topologies.microbatch("two");
            two.pstate("$$a", Long.class).global().initialValue(0L);
            two.pstate("$$b", Long.class).global().initialValue(0L);
            two.source("*d").out("*microbatch")
                    .batchBlock(Block.explodeMicrobatch("*microbatch").out("*x").globalPartition().agg("$$a", Agg.sum("*x")))
                    .batchBlock(Block.explodeMicrobatch("*microbatch").out("*x").globalPartition().agg("$$b", Agg.count()));
            var mat = topologies.microbatch("mat");
            mat.pstate("$$matTotal", Long.class).global().initialValue(0L);
            mat.source("*d").out("*microbatch")
                    .batchBlock(Block.explodeMicrobatch("*microbatch").out("*x")
                            .each(Ops.TIMES_LONG, "*x", 10L).out("*y")
                            .materialize("*y").out("$$ys"))
                    .batchBlock(Block.explodeMaterialized("$$ys").out("*y")
                            .globalPartition()
                            .agg("$$matTotal", Agg.sum("*y")));
        }
    }

    @Test
    void subBatchesConsecutiveBlocksAndMaterializedRows() {
        for (int tasks : new int[] {1, 2, 4}) {
            try (InProcessCluster c = InProcessCluster.create()) {
                String m = Totals.class.getName();
                c.launchModule(new Totals(), new LaunchConfig(tasks, Math.min(tasks, 2)));
                for (long i = 1; i <= 20; i++) {
                    c.clusterDepot(m, "*d").append(i);
                }
                for (String topology : List.of("sub", "two", "mat")) {
                    c.waitForMicrobatchProcessedCount(m, topology, 20);
                }
                assertEquals(210L, (Long) c.clusterPState(m, "$$subTotal").selectOne(Path.stay()), "tasks " + tasks);
                assertEquals(210L, (Long) c.clusterPState(m, "$$a").selectOne(Path.stay()));
                assertEquals(20L, (Long) c.clusterPState(m, "$$b").selectOne(Path.stay()));
                assertEquals(2100L, (Long) c.clusterPState(m, "$$matTotal").selectOne(Path.stay()));
            }
        }
    }

    @Test
    void aSubBatchSeesTheVariablesAroundItLocally() {
        TestPState out = TestPState.create(Long.class);
        Block.each(Ops.IDENTITY, out).out("$$out")
                .each(Ops.IDENTITY, List.of(1L, 2L, 3L)).out("*xs")
                .batchBlock(Block.subBatch(new SubBatch(
                                Block.each(Ops.EXPLODE, "*xs").out("*x").agg(Agg.sum("*x")).out("*s"), "*s")).out("*s")
                        .each((Long s) -> s * 100, "*s").out("*t")
                        .localTransform("$$out", Path.termVal("*t")))
                .execute();
        assertEquals(600L, (Long) out.selectOne(Path.stay()));
    }
}
