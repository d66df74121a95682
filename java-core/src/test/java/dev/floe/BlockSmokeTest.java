package dev.floe;

import dev.floe.ops.Ops;
import dev.floe.ops.OutputCollector;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockSmokeTest {
    static final List<Object> LOG = new ArrayList<>();

    static void log(Object o) {
        LOG.add(o);
    }

    @Test
    void explodeIsDepthFirst() {
        LOG.clear();
        Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*e")
                .each((Integer e) -> { log("Elem:" + e); return null; }, "*e")
                .each((Integer e) -> { log("X" + e); return null; }, "*e")
                .execute();
        assertEquals(List.of("Elem:1", "X1", "Elem:2", "X2", "Elem:3", "X3"), LOG);
    }

    @Test
    void ifTrueWithoutElseContinues() {
        LOG.clear();
        Block.each(Ops.EXPLODE, List.of(1, 2, 3, 4)).out("*v")
                .ifTrue(new Expr(Ops.IS_EVEN, "*v"), Block.each(Ops.TIMES, "*v", 10).out("*w"))
                .each((Object v) -> { log(v); return null; }, "*v")
                .execute();
        assertEquals(List.of(1, 2, 3, 4), LOG);
    }

    @Test
    void scopeAfterIfIsIntersection() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.each(Ops.IDENTITY, 1).out("*v")
                        .ifTrue(true, Block.each(Ops.INC, "*v").out("*w"))
                        .each(Ops.INC, "*w").out("*z")
                        .execute());
        assertTrue(e.getMessage().contains("unbound variable *w"), e.getMessage());
    }

    @Test
    void loopWithEmitAndContinue() {
        LOG.clear();
        Block.loopWithVars(LoopVars.var("*i", 0),
                        Block.ifTrue(new Expr(Ops.LESS_THAN, "*i", 3),
                                Block.emitLoop("*i").continueLoop(new Expr(Ops.INC, "*i"))))
                .out("*x")
                .each((Object v) -> { log(v); return null; }, "*x")
                .execute();
        assertEquals(List.of(0, 1, 2), LOG);
    }

    @Test
    void anchorsAndHooks() {
        LOG.clear();
        Block.each(Ops.IDENTITY, 1).out("*a")
                .anchor("root")
                .each(Ops.INC, "*a").out("*a")
                .each((Object v) -> { log("b1:" + v); return null; }, "*a")
                .hook("root")
                .each((Object v) -> { log("b2:" + v); return null; }, "*a")
                .execute();
        assertEquals(List.of("b1:2", "b2:1"), LOG);
    }

    @Test
    void operationWithStreams() {
        LOG.clear();
        Block.each((Integer v, OutputCollector c) -> {
            if (v > 0) {
                c.emit(v);
            } else {
                c.emitStream("neg", v);
            }
        }, -5).outStream("neg", "negAnchor", "*n").out("*p")
                .each((Object v) -> { log("pos" + v); return null; }, "*p")
                .hook("negAnchor")
                .each((Object v) -> { log("neg" + v); return null; }, "*n")
                .execute();
        assertEquals(List.of("neg-5"), LOG);
    }

    @Test
    void testPStateTransformAndSelect() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        LOG.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of("a", "b", "a")).out("*k")
                .compoundAgg("$$p", CompoundAgg.map("*k", Agg.count()))
                .execute();
        assertEquals(Map.of("a", 2L, "b", 1L), tp.selectOne(Path.stay()));
    }

    @Test
    void batchCount() {
        LOG.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*v")
                        .agg(Agg.count()).out("*c")
                        .agg(Agg.sum("*v")).out("*s")
                        .each((Object c, Object s) -> { log(List.of(c, s)); return null; }, "*c", "*s"))
                .execute();
        assertEquals(List.of(List.of(3L, 6L)), LOG);
    }

    @Test
    void groupBy() {
        LOG.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b", "a")).out("*k")
                        .groupBy("*k", Block.agg(Agg.count()).out("*c"))
                        .each((Object k, Object c) -> { log(List.of(k, c)); return null; }, "*k", "*c"))
                .execute();
        assertEquals(List.of(List.of("a", 2L), List.of("b", 1L)), LOG);
    }
}
