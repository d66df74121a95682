package dev.floe.semantics;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeCompileException;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.SubBatch;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import dev.floe.test.TestPState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.floe.semantics.Recorder.REC;
import static dev.floe.semantics.Recorder.SEEN;
import static dev.floe.semantics.Recorder.TAG;
import static dev.floe.semantics.Recorder.TRIPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The join point of a batch block's sources: the last source's code, from its first step that
 * uses a var of another source, runs on the joined rows (an inner join on the shared vars), before
 * the aggregation if there is one, else once per joined row.
 */
class BatchJoinPointTest {
    @BeforeEach
    void reset() {
        Recorder.reset();
    }

    /** Source 1 binds *x *y from pairs, source 2 binds *x *c: they share *x. */
    private static Block.Impl pairs(List<?> left, List<?> right) {
        return Block.each(Ops.EXPLODE, left).out("*p")
                .each(Ops.EXPAND, "*p").out("*x", "*y")
                .freshBatchSource()
                .each(Ops.EXPLODE, right).out("*q")
                .each(Ops.EXPAND, "*q").out("*x", "*c");
    }

    @Test
    void withoutAggregationTheCodeAfterTheJoinRunsPerJoinedRow() {
        Block.batchBlock(pairs(List.of(List.of(1, "a"), List.of(2, "b")), List.of(List.of(2, "z"), List.of(3, "w")))
                        .each(TRIPLE, "*x", "*y", "*c"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of(List.of(2, "b", "z"), "after"), SEEN);
    }

    @Test
    void withAggregationTheRowsAfterTheJoinAreAggregated() {
        // post-join code that binds, filters and emits several times per row, then aggregation
        Block.batchBlock(pairs(List.of(List.of(1, "a"), List.of(2, "b"), List.of(2, "bb")),
                                List.of(List.of(2, "z"), List.of(3, "w")))
                        .each(Ops.TUPLE, "*y", "*c").out("*yc")
                        .keepTrue(new Expr(Ops.NOT_EQUAL, "*y", "bb"))
                        .each(Ops.EXPLODE, List.of(1, 2)).out("*copy")
                        .agg(Agg.list("*yc")).out("*rows")
                        .agg(Agg.count()).out("*n")
                        .each(TAG, "*n", "*rows"))
                .execute();
        assertEquals(List.of(List.of(2L, List.of(List.of("b", "z"), List.of("b", "z")))), SEEN);
    }

    @Test
    void groupByAndLimitAggUseTheVarsBoundAfterTheJoin() {
        Block.batchBlock(pairs(List.of(List.of(1, 10), List.of(2, 20), List.of(2, 21)),
                                List.of(List.of(1, 1), List.of(2, 2), List.of(2, 3)))
                        .each(Ops.PLUS_LONG, "*y", "*c").out("*s")
                        .groupBy("*x", Block.agg(Agg.sum("*s")).out("*total"))
                        .each(TAG, "*x", "*total"))
                .execute();
        assertEquals(List.of(List.of(1, 11L), List.of(2, 22L + 23L + 23L + 24L)), SEEN);
        Recorder.reset();
        Block.batchBlock(pairs(List.of(List.of(1, 10), List.of(2, 20)), List.of(List.of(1, 1), List.of(2, 2)))
                        .each(Ops.PLUS_LONG, "*y", "*c").out("*s")
                        .limitAgg(dev.floe.ops.LimitAgg.create(1, "*s").sort("*s").reverse())
                        .each(REC, "*s"))
                .execute();
        assertEquals(List.of(22L), SEEN);
    }

    @Test
    void joinedRowsReachTheEndOfTheBlockWhenItIsASubBatch() {
        SubBatch joined = new SubBatch(pairs(List.of(List.of(1, "a"), List.of(2, "b")), List.of(List.of(2, "z")))
                .each(Ops.TUPLE, "*y", "*c").out("*yc"), "*x", "*yc");
        Block.batchBlock(Block.subBatch(joined).out("*k", "*v")
                        .agg(Agg.list(new Expr(Ops.TUPLE, "*k", "*v"))).out("*rows")
                        .each(REC, "*rows"))
                .execute();
        assertEquals(List.of(List.of(List.of(2, List.of("b", "z")))), SEEN);
    }

    @Test
    void aSubBatchSourceJoinsLikeAnyOther() {
        SubBatch totals = new SubBatch(Block.each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("a", 2), List.of("b", 5)))
                .out("*r")
                .each(Ops.EXPAND, "*r").out("*k", "*v")
                .groupBy("*k", Block.agg(Agg.sum("*v")).out("*total")), "*k", "*total");
        // the sub-batch is the last source
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", "apple"), List.of("c", "cherry"))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*k", "*name")
                        .freshBatchSource()
                        .subBatch(totals).out("*k", "*sum")
                        .each(TAG, "*name", "*sum"))
                .execute();
        assertEquals(List.of(List.of("apple", 3L)), SEEN);
        Recorder.reset();
        // the sub-batch is the first source, and aggregation follows the join
        Block.batchBlock(Block.subBatch(totals).out("*k", "*sum")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("a", 10L), List.of("b", 100L))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*k", "*weight")
                        .each(Ops.TIMES_LONG, "*sum", "*weight").out("*weighted")
                        .agg(Agg.sum("*weighted")).out("*total")
                        .each(REC, "*total"))
                .execute();
        assertEquals(List.of(30L + 500L), SEEN);
    }

    @Test
    void threeSources() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of(1, "one"), List.of(2, "two"))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*id", "*name")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of(1, "x"), List.of(2, "y"))).out("*r")
                        .each(Ops.EXPAND, "*r").out("*id", "*tag")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("y", true))).out("*s")
                        .each(Ops.EXPAND, "*s").out("*tag", "*flag")
                        .each(TRIPLE, "*name", "*tag", "*flag"))
                .execute();
        assertEquals(List.of(List.of("two", "y", true)), SEEN);
        Recorder.reset();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*id")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of(1, 10L), List.of(3, 30L))).out("*r")
                        .each(Ops.EXPAND, "*r").out("*id", "*w")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of(1, 2L), List.of(3, 4L))).out("*s")
                        .each(Ops.EXPAND, "*s").out("*id", "*m")
                        .each(Ops.TIMES_LONG, "*w", "*m").out("*wm")
                        .agg(Agg.sum("*wm")).out("*total")
                        .each(REC, "*total"))
                .execute();
        assertEquals(List.of(20L + 120L), SEEN);
    }

    @Test
    void varsOfTheLastSourceAndVarsBoundBeforeTheBlockAreNotAJoinPoint() {
        // the recording steps run in the last source, before the join: they see rows that do not join
        Block.each(Ops.IDENTITY, "k").out("*before")
                .batchBlock(pairs(List.of(List.of(2, "b")), List.of(List.of(2, "z"), List.of(3, "w")))
                        .each(TAG, "*before", "*x")
                        .each(TAG, "own", "*c")
                        .each(TAG, "joined", "*y"))
                .execute();
        assertEquals(List.of(List.of("k", 2), List.of("own", "z"), List.of("k", 3), List.of("own", "w"),
                List.of("joined", "b")), SEEN);
    }

    @Test
    void aPathThatUsesAVarOfAnotherSourceIsTheJoinPoint() {
        TestPState tp = TestPState.create(PState.mapSchema(Object.class, Object.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(pairs(List.of(List.of(1, "a"), List.of(2, "b")), List.of(List.of(2, "z")))
                        .localTransform("$$p", Path.key("*y").termVal("*c")))
                .execute();
        assertEquals(Map.of("b", "z"), tp.selectOne(Path.stay()));
    }

    // ------------------------------------------------------------------------------ errors

    private static String error(Block b) {
        return assertThrows(FloeCompileException.class, () -> Block.batchBlock(b).execute()).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    @Test
    void onlyTheLastSourceMayUseTheVarsOfOthers() {
        // source 1 reads source 2's *c
        String m = error(Block.each(Ops.EXPLODE, List.of(1)).out("*x")
                .each(TAG, "*x", "*c")
                .freshBatchSource()
                .each(Ops.EXPLODE, List.of(1)).out("*x")
                .each(Ops.IDENTITY, "*x").out("*c"));
        assertMentions(m, "step each(", "variable *c", "another source", "source 2", "last source");
        // source 2 of 3 reads source 1's *y
        m = error(Block.each(Ops.EXPLODE, List.of(1)).out("*x")
                .each(Ops.IDENTITY, "*x").out("*y")
                .freshBatchSource()
                .each(Ops.EXPLODE, List.of(1)).out("*x")
                .each(Ops.INC, "*y").out("*z")
                .freshBatchSource()
                .each(Ops.EXPLODE, List.of(1)).out("*x"));
        assertMentions(m, "each(", "variable *y", "another source", "source 1");
    }

    @Test
    void theLastSourceMustBindItsOwnVarsBeforeTheJoinPoint() {
        String m = error(Block.each(Ops.EXPLODE, List.of(1)).out("*x")
                .freshBatchSource()
                .each(Ops.INC, "*x").out("*y"));
        assertMentions(m, "each(", "variable *x", "another source", "starts the last source");
    }

    @Test
    void theCodeAfterTheJoinStartsNoSourceAndDoesNotPartition() {
        String m = error(pairs(List.of(List.of(1, "a")), List.of(List.of(1, "z")))
                .each(TAG, "*y", "*c")
                .globalPartition()
                .agg(Agg.count()).out("*n"));
        assertMentions(m, "globalPartition", "partitioners are not allowed after the join");
        m = error(pairs(List.of(List.of(1, "a")), List.of(List.of(1, "z")))
                .each(TAG, "*y", "*c")
                .explodeMaterialized("$$rows").out("*r"));
        assertMentions(m, "explodeMaterialized", "source step cannot follow the join");
        // before aggregation the rows must reach it synchronously
        m = error(pairs(List.of(List.of(1, "a")), List.of(List.of(1, "z")))
                .each(TAG, "*y", "*c")
                .yieldIfOvertime()
                .agg(Agg.count()).out("*n"));
        assertMentions(m, "yieldIfOvertime", "runs synchronously on the joined rows");
        // without aggregation the code after the join is the block's last code, like post-aggregation code
        Block.batchBlock(pairs(List.of(List.of(1, "a")), List.of(List.of(1, "z")))
                        .each(TAG, "*y", "*c")
                        .yieldIfOvertime()
                        .each(REC, "*x"))
                .execute();
        assertEquals(List.of(List.of("a", "z"), 1), SEEN);
    }

    @Test
    void noShadowingAfterTheJoin() {
        String m = error(pairs(List.of(List.of(1, "a")), List.of(List.of(1, "z")))
                .each(Ops.IDENTITY, "*y").out("*c"));
        assertMentions(m, "*c", "shadowed");
    }

    // ------------------------------------------------------------------------------ modules

    /**
     * The join point in microbatch and query topologies, where the rows meet on one task. (The
     * sources also share the microbatch var bound before the block, whose value is not equal to
     * itself once it travelled to another task: the join must not compare such vars.)
     */
    public static final class Joins implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.random());
            var mb = topologies.microbatch("mb");
            mb.pstate("$$total", Long.class).global().initialValue(0L);
            mb.pstate("$$byX", PState.mapSchema(Long.class, Long.class)).global();
            mb.source("*d").out("*microbatch")
                    .batchBlock(Block.explodeMicrobatch("*microbatch").out("*x")
                            .each(Ops.TIMES_LONG, "*x", 10L).out("*y")
                            .globalPartition()
                            .freshBatchSource()
                            .explodeMicrobatch("*microbatch").out("*x")
                            .each(Ops.TIMES_LONG, "*x", 100L).out("*c")
                            .globalPartition()
                            .each(Ops.PLUS_LONG, "*y", "*c").out("*s")
                            .agg("$$total", Agg.sum("*s")))
                    .batchBlock(Block.explodeMicrobatch("*microbatch").out("*x")
                            .each(Ops.TIMES_LONG, "*x", 10L).out("*y")
                            .globalPartition()
                            .freshBatchSource()
                            .explodeMicrobatch("*microbatch").out("*x")
                            .globalPartition()
                            .localTransform("$$byX", Path.key("*x").termVal("*y")));
            topologies.query("q", "*xs").out("*out")
                    .each(Ops.EXPLODE, "*xs").out("*x")
                    .hashPartition("*x")
                    .each(Ops.TIMES_LONG, "*x", 10L).out("*y")
                    .originPartition()
                    .freshBatchSource()
                    .each(Ops.EXPLODE, "*xs").out("*x")
                    .each(Ops.TIMES_LONG, "*x", 100L).out("*c")
                    .each(Ops.PLUS_LONG, "*y", "*c").out("*s")
                    .agg(Agg.sum("*s")).out("*out");
        }
    }

    @Test
    void inMicrobatchAndQueryTopologies() {
        for (int tasks : new int[] {1, 2, 4}) {
            try (InProcessCluster c = InProcessCluster.create()) {
                String m = Joins.class.getName();
                c.launchModule(new Joins(), new LaunchConfig(tasks, Math.min(tasks, 2)));
                for (long i = 1; i <= 20; i++) {
                    c.clusterDepot(m, "*d").append(i);
                }
                c.waitForMicrobatchProcessedCount(m, "mb", 20);
                assertEquals(110L * 210L, (Long) c.clusterPState(m, "$$total").selectOne(Path.stay()), "tasks " + tasks);
                assertEquals(200L, (Long) c.clusterPState(m, "$$byX").selectOne(Path.key(20L)));
                QueryTopologyClient<Long> q = c.clusterQuery(m, "q");
                assertEquals(110L * 6L, q.invoke(List.of(1L, 2L, 3L)), "tasks " + tasks);
            }
        }
    }

    // ------------------------------------------------------------------------------ against a model

    /** The inner join of two lists of pairs on their first element, then {@code a + 1000 * b}, in plain Java. */
    private static List<Long> model(List<List<Integer>> left, List<List<Integer>> right, boolean evenOnly) {
        List<Long> out = new ArrayList<>();
        for (List<Integer> l : left) {
            for (List<Integer> r : right) {
                long s = l.get(1) + 1000L * r.get(1);
                if (l.get(0).equals(r.get(0)) && (!evenOnly || s % 2 == 0)) {
                    out.add(s);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> sorted(Object values) {
        List<Long> out = new ArrayList<>((List<Long>) values);
        Collections.sort(out);
        return out;
    }

    @Property(tries = 200)
    void theCodeAfterTheJoinSeesTheInnerJoin(
            @ForAll @Size(max = 8) List<@Size(2) List<@IntRange(min = 0, max = 4) Integer>> left,
            @ForAll @Size(max = 8) List<@Size(2) List<@IntRange(min = 0, max = 4) Integer>> right) {
        Recorder.reset();
        Block.batchBlock(pairs(left, right)
                        .each(Ops.PLUS_LONG, "*y", new Expr(Ops.TIMES_LONG, "*c", 1000L)).out("*s")
                        .each(REC, "*s"))
                .execute();
        assertEquals(model(left, right, false), sorted(new ArrayList<>(SEEN)), "no aggregation");
        Recorder.reset();
        Block.batchBlock(pairs(left, right)
                        .each(Ops.PLUS_LONG, "*y", new Expr(Ops.TIMES_LONG, "*c", 1000L)).out("*s")
                        .keepTrue(new Expr(Ops.IS_EVEN, "*s"))
                        .agg(Agg.list("*s")).out("*all")
                        .each(REC, "*all"))
                .execute();
        assertEquals(1, SEEN.size());
        assertEquals(model(left, right, true), sorted(SEEN.get(0)), "aggregated");
    }
}
