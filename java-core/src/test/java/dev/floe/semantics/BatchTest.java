package dev.floe.semantics;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Expr;
import dev.floe.FloeCompileException;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SubBatch;
import dev.floe.ops.LimitAgg;
import dev.floe.ops.Ops;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.floe.semantics.Recorder.REC;
import static dev.floe.semantics.Recorder.SEEN;
import static dev.floe.semantics.Recorder.TAG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RAMA-API.md §5.4: batch blocks, through Block.execute() (one task: every row meets). */
class BatchTest {
    @BeforeEach
    void reset() {
        Recorder.reset();
    }

    /** §5.4.1: pre-aggregation, aggregation, post-aggregation; rows meet at the aggregation. */
    @Test
    void phases() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3, 4)).out("*v")
                        .each(TAG, "pre", "*v")
                        .keepTrue(new Expr(Ops.IS_EVEN, "*v"))
                        .agg(Agg.sum("*v")).out("*sum")
                        .each(TAG, "post", "*sum"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of(List.of("pre", 1), List.of("pre", 2), List.of("pre", 3), List.of("pre", 4),
                List.of("post", 6L), "after"), SEEN);
    }

    /** §5.4.2: after aggregation only group keys and aggregator outputs are in scope. */
    @Test
    void postAggScope() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                        .agg(Agg.count()).out("*c")
                        .each(REC, "*v")).execute());
        assertTrue(e.getMessage().contains("unbound variable *v"), e.getMessage());
    }

    /** §5.4.3: captureNewValInto emits once per changed location, with the template's keys. */
    @Test
    void captureNewValInto() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$counts")
                .batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b", "a")).out("*k")
                        .compoundAgg("$$counts", CompoundAgg.map("*k", Agg.count().captureNewValInto("*n")))
                        .each(TAG, "*k", "*n"))
                .execute();
        assertEquals(Set.of(List.of("a", 2L), List.of("b", 1L)), Set.copyOf(SEEN));
        assertEquals(Map.of("a", 2L, "b", 1L), tp.selectOne(Path.stay()));
    }

    /** §5.4.4: aggregators emit their zero value for zero rows. */
    @Test
    void zeroRows() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .agg(Agg.count()).out("*c")
                        .agg(Agg.sum("*v")).out("*s")
                        .agg(Agg.list("*v")).out("*l")
                        .agg(Agg.set("*v")).out("*set")
                        .agg(Agg.last("*v")).out("*last")
                        .each(Recorder.TRIPLE, "*c", "*s", "*l")
                        .each(TAG, "*set", "*last"))
                .execute();
        assertEquals(List.of(List.of(0L, 0L, List.of()), java.util.Arrays.asList(null, null)), SEEN);
    }

    /** With groupBy and zero rows there is no group, so post-aggregation code does not run. */
    @Test
    void zeroGroups() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .groupBy("*v", Block.agg(Agg.count()).out("*c"))
                        .each(REC, "*c"))
                .execute();
        assertEquals(List.of(), SEEN);
    }

    /** §5.4.6: sources join on every shared var (inner join); no shared var is a definition error. */
    @Test
    void joins() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("alice", 30), List.of("bob", 40))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*name", "*age")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("alice", "paris"), List.of("carol", "rome"))).out("*q")
                        .each(Ops.EXPAND, "*q").out("*name", "*city")
                        .agg(Agg.list(new Expr(Ops.TUPLE, "*name", "*age", "*city"))).out("*rows")
                        .each(REC, "*rows"))
                .execute();
        assertEquals(List.of(List.of(List.of("alice", 30, "paris"))), SEEN);

        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*a")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(2)).out("*b")
                        .agg(Agg.count()).out("*c")).execute());
        assertTrue(e.getMessage().contains("no possible joins"), e.getMessage());
    }

    /** Joins on several shared vars, and across three sources. */
    @Test
    void multiSourceJoin() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*id")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of(1, "x"), List.of(2, "y"))).out("*r")
                        .each(Ops.EXPAND, "*r").out("*id", "*tag")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("x", true))).out("*s")
                        .each(Ops.EXPAND, "*s").out("*tag", "*flag")
                        .agg(Agg.list(new Expr(Ops.TUPLE, "*id", "*tag", "*flag"))).out("*rows")
                        .each(REC, "*rows"))
                .execute();
        assertEquals(List.of(List.of(List.of(1, "x", true))), SEEN);
    }

    /** §5.4.7: materialize writes rows to a temporary PState that a later batch block reads. */
    @Test
    void materializeThenExplode() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2)).out("*v")
                        .each(Ops.TIMES, "*v", 10).out("*w")
                        .materialize("*v", "*w").out("$$tmp"))
                .batchBlock(Block.explodeMaterialized("$$tmp").out("*a", "*b")
                        .agg(Agg.sum("*b")).out("*s")
                        .each(REC, "*s"))
                .execute();
        assertEquals(List.of(30L), SEEN);
    }

    /** compoundAgg(...).out("$$tmp") aggregates into a temporary PState usable by later blocks. */
    @Test
    void compoundAggIntoTemporaryPState() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b", "a")).out("*k")
                        .compoundAgg(CompoundAgg.map("*k", Agg.count())).out("$$counts"))
                .batchBlock(Block.localSelect("$$counts", Path.key("a")).out("*n")
                        .each(REC, "*n"))
                .execute();
        assertEquals(List.of(2L), SEEN);
    }

    /** §5.4.8: consecutive batch blocks run in order; the second sees the first's PState writes. */
    @Test
    void consecutiveBlocksAreBarriers() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of("a", "a", "b")).out("*k")
                        .compoundAgg("$$p", CompoundAgg.map("*k", Agg.count())))
                .batchBlock(Block.localSelect("$$p", Path.mapVals()).out("*n")
                        .agg(Agg.sum("*n")).out("*total")
                        .each(REC, "*total"))
                .execute();
        assertEquals(List.of(3L), SEEN);
    }

    /** §5.3.8 / §5.4.2: no partitioner after aggregation. */
    @Test
    void noPartitionerAfterAggregation() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                        .agg(Agg.count()).out("*c")
                        .hashPartition("*c")).execute());
        assertTrue(e.getMessage().contains("partitioners are not allowed after aggregation"), e.getMessage());
    }

    /** Aggregators must be consecutive. */
    @Test
    void aggregatorsAreConsecutive() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                        .agg(Agg.count()).out("*c")
                        .each(Ops.INC, "*c").out("*d")
                        .agg(Agg.sum("*d")).out("*s")).execute());
        assertTrue(e.getMessage().contains("consecutive"), e.getMessage());
    }

    /** §5.6.6: groupBy emits one post-aggregation row per group with its keys and outputs. */
    @Test
    void groupByTwoKeys() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", 1, 5), List.of("a", 1, 7), List.of("b", 2, 1))).out("*r")
                        .each(Ops.EXPAND, "*r").out("*k1", "*k2", "*v")
                        .groupBy("*k1", "*k2", Block.agg(Agg.sum("*v")).out("*s").agg(Agg.count()).out("*c"))
                        .each(Recorder.TRIPLE, new Expr(Ops.TUPLE, "*k1", "*k2"), "*s", "*c"))
                .execute();
        assertEquals(Set.of(List.of(List.of("a", 1), 12L, 2L), List.of(List.of("b", 2), 1L, 1L)), Set.copyOf(SEEN));
    }

    /** §5.6.7: limitAgg keeps n rows, sorted, with an index var. */
    @Test
    void limitAgg() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", 3), List.of("b", 9), List.of("c", 5))).out("*r")
                        .each(Ops.EXPAND, "*r").out("*name", "*score")
                        .limitAgg(LimitAgg.create(2, "*name", "*score").sort("*score").reverse().indexVar("*rank"))
                        .each(Recorder.TRIPLE, "*rank", "*name", "*score"))
                .execute();
        assertEquals(List.of(List.of(0, "b", 9), List.of(1, "c", 5)), SEEN);
    }

    /** A sub-batch is a source of rows: its out vars after its own aggregation. */
    @Test
    void subBatch() {
        SubBatch totals = new SubBatch(Block.each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("a", 2), List.of("b", 5))).out("*r")
                .each(Ops.EXPAND, "*r").out("*k", "*v")
                .groupBy("*k", Block.agg(Agg.sum("*v")).out("*total")), "*k", "*total");
        Block.batchBlock(Block.subBatch(totals).out("*key", "*sum")
                        .agg(Agg.max("*sum")).out("*best")
                        .each(REC, "*best"))
                .execute();
        assertEquals(List.of(5L), SEEN);
    }

    /** A batch block without aggregators runs its pre-aggregation code for its effects. */
    @Test
    void noAggregators() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of("x", "y")).out("*k")
                        .localTransform("$$p", Path.key("*k").termVal(1L)))
                .execute();
        assertEquals(Map.of("x", 1L, "y", 1L), tp.selectOne(Path.stay()));
    }

    /** Batch blocks cannot nest; outside microbatch topologies and Block.execute they are errors. */
    @Test
    void noNesting() {
        assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.batchBlock(Block.each(Ops.IDENTITY, 1).out("*x"))).execute());
    }
}
