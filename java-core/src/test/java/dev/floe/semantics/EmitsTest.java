package dev.floe.semantics;

import dev.floe.Block;
import dev.floe.Case;
import dev.floe.Expr;
import dev.floe.FloeCompileException;
import dev.floe.LoopVars;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SubSource;
import dev.floe.ops.OutputCollector;
import dev.floe.ops.Ops;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.floe.semantics.Recorder.REC;
import static dev.floe.semantics.Recorder.SEEN;
import static dev.floe.semantics.Recorder.TAG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RAMA-API.md §5.2: emits, forks and execution order, through Block.execute(). */
class EmitsTest {
    @BeforeEach
    void reset() {
        Recorder.reset();
    }

    /** §5.2.1: all downstream work of one emit finishes before the next emit. */
    @Test
    void depthFirst() {
        Block.each(Ops.EXPLODE, List.of(1, 2, 3, 4)).out("*v")
                .each(TAG, "Elem", "*v")
                .each(TAG, "X", "*v")
                .execute();
        assertEquals(List.of(List.of("Elem", 1), List.of("X", 1), List.of("Elem", 2), List.of("X", 2),
                List.of("Elem", 3), List.of("X", 3), List.of("Elem", 4), List.of("X", 4)), SEEN);
    }

    /** Nested fan-out is depth-first too. */
    @Test
    void nestedFanOut() {
        Block.each(Ops.EXPLODE, List.of("a", "b")).out("*x")
                .each(Ops.EXPLODE, List.of(1, 2)).out("*y")
                .each(TAG, "*x", "*y")
                .execute();
        assertEquals(List.of(List.of("a", 1), List.of("a", 2), List.of("b", 1), List.of("b", 2)), SEEN);
    }

    /** §5.2.2: zero emits end the branch silently. */
    @Test
    void zeroEmitsEndTheBranch() {
        Block.each(Ops.EXPLODE, List.of()).out("*v").each(REC, "never").execute();
        Block.each(Ops.EXPLODE, null).out("*v").each(REC, "never").execute();
        Block.keepTrue(false).each(REC, "never").execute();
        Block.keepTrue(null).each(REC, "never").execute();
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .localSelect("$$p", Path.must("missing")).out("*v")
                .each(REC, "never").execute();
        assertEquals(List.of(), SEEN);
        Block.keepTrue(0).each(REC, "zero is truthy").execute();
        assertEquals(List.of("zero is truthy"), SEEN);
    }

    /** §5.2.2: a function emits exactly once, even when it returns null. */
    @Test
    void functionsEmitOnce() {
        Block.each((Object x) -> null, 1).out("*n").each(REC, "*n").execute();
        assertEquals(java.util.Arrays.asList((Object) null), SEEN);
    }

    /** §5.2.2: an Expr is a function producing one value; an operation cannot be one. */
    @Test
    void exprProducesOneValue() {
        Block.each(REC, new Expr(Ops.PLUS, new Expr(Ops.INC, 1), 10)).execute();
        assertEquals(List.of(12), SEEN);
    }

    /** §5.2.3: ifTrue without else continues when falsy; when truthy, after-code runs per emit of then. */
    @Test
    void ifTrueWithoutElse() {
        Block.each(Ops.EXPLODE, List.of(1, 2)).out("*v")
                .ifTrue(new Expr(Ops.IS_EVEN, "*v"), Block.each(Ops.EXPLODE, List.of("x", "y")).out("*t"))
                .each(REC, "*v")
                .execute();
        assertEquals(List.of(1, 2, 2), SEEN);
        Recorder.reset();
        Block.ifTrue(true, Block.keepTrue(false)).each(REC, "never").execute();
        assertEquals(List.of(), SEEN);
    }

    /** §5.2.4: both branches from an anchor run for every emit reaching it, the earlier-written first. */
    @Test
    void anchorHookOrder() {
        Block.each(Ops.EXPLODE, List.of(1, 2)).out("*v")
                .anchor("a")
                .each(TAG, "first", "*v")
                .hook("a")
                .each(TAG, "second", "*v")
                .execute();
        assertEquals(List.of(List.of("first", 1), List.of("second", 1), List.of("first", 2), List.of("second", 2)), SEEN);
    }

    /** §5.2.4: branch(a, block) is sugar; following code continues from before the branch. */
    @Test
    void branchIsSugar() {
        Block.each(Ops.IDENTITY, 1).out("*v")
                .anchor("a")
                .branch("a", Block.each(TAG, "branch", "*v"))
                .each(TAG, "main", "*v")
                .execute();
        assertEquals(List.of(List.of("branch", 1), List.of("main", 1)), SEEN);
    }

    /** §5.2.4: unify runs the downstream once per emit from any listed branch. */
    @Test
    void unify() {
        Block.each(Ops.IDENTITY, 1).out("*v")
                .anchor("root")
                .each(Ops.EXPLODE, List.of("a", "b")).out("*s").anchor("left")
                .hook("root")
                .each(Ops.IDENTITY, "c").out("*s").anchor("right")
                .unify("left", "right")
                .each(REC, "*s")
                .execute();
        assertEquals(List.of("a", "b", "c"), SEEN);
    }

    /** §5.2.5: atomicBlock runs the block with all its synchronous fan-out, then continues exactly once. */
    @Test
    void atomicBlock() {
        Block.each(Ops.IDENTITY, 0).out("*v")
                .atomicBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*e").each(TAG, "inner", "*e"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of(List.of("inner", 1), List.of("inner", 2), List.of("inner", 3), "after"), SEEN);
        Recorder.reset();
        Block.atomicBlock(Block.keepTrue(false)).each(REC, "after anyway").execute();
        assertEquals(List.of("after anyway"), SEEN);
    }

    /** §5.2.6: emitLoop may emit several times; continueLoop may fan out; an iteration doing neither ends. */
    @Test
    void loops() {
        Block.loopWithVars(LoopVars.var("*i", 0),
                        Block.ifTrue(new Expr(Ops.LESS_THAN, "*i", 5),
                                Block.ifTrue(new Expr(Ops.IS_EVEN, "*i"),
                                        Block.emitLoop("*i").emitLoop(new Expr(Ops.TIMES, "*i", 100)))
                                        .continueLoop(new Expr(Ops.INC, "*i"))))
                .out("*x")
                .each(REC, "*x")
                .execute();
        assertEquals(List.of(0, 0, 2, 200, 4, 400), SEEN);
    }

    @Test
    void loopFanOutAndIntegerInit() {
        // a tree walk: each iteration continues once per child
        java.util.Map<String, List<String>> tree = java.util.Map.of("root", List.of("a", "b"), "a", List.of("c"),
                "b", List.of(), "c", List.of());
        Block.loopWithVars(LoopVars.var("*node", "root").var("*depth", 0),
                        Block.emitLoop("*node", "*depth")
                                .each(Ops.GET, tree, "*node").out("*children")
                                .each(Ops.EXPLODE, "*children").out("*child")
                                .continueLoop("*child", new Expr(Ops.INC, "*depth")))
                .out("*n", "*d")
                .each(TAG, "*n", "*d")
                .execute();
        assertEquals(List.of(List.of("root", 0), List.of("a", 1), List.of("b", 1), List.of("c", 2)), SEEN);
        assertEquals(Integer.class, ((List<?>) SEEN.get(3)).get(1).getClass());
    }

    @Test
    void deepLoopUsesNoStack() {
        Block.loopWithVars(LoopVars.var("*i", 0),
                        Block.ifTrue(new Expr(Ops.LESS_THAN, "*i", 100_000),
                                Block.continueLoop(new Expr(Ops.INC, "*i")),
                                Block.emitLoop("*i")))
                .out("*x")
                .each(REC, "*x")
                .execute();
        assertEquals(List.of(100_000), SEEN);
    }

    /** §5.2.7: cond runs only the first truthy case; subSource dispatches on the runtime class. */
    @Test
    void condAndSubSource() {
        Block.each(Ops.EXPLODE, List.of(5, 50, 500)).out("*n")
                .cond(Case.create(new Expr(Ops.LESS_THAN, "*n", 10)).each(Ops.IDENTITY, "small").out("*size"),
                        Case.create(new Expr(Ops.LESS_THAN, "*n", 100)).each(Ops.IDENTITY, "medium").out("*size"),
                        Case.create(true).each(Ops.IDENTITY, "large").out("*size"))
                .each(REC, "*size")
                .execute();
        assertEquals(List.of("small", "medium", "large"), SEEN);
        Recorder.reset();
        Block.each(Ops.EXPLODE, List.of(1, "s", 2.5)).out("*v")
                .subSource("*v",
                        SubSource.create(Integer.class).each(Ops.IDENTITY, "int").out("*kind"),
                        SubSource.create(String.class).each(Ops.IDENTITY, "string").out("*kind"))
                .each(REC, "*kind")
                .execute();
        assertEquals(List.of("int", "string"), SEEN);
    }

    /** Operations emit on named streams, each attached at its anchor. */
    @Test
    void namedStreams() {
        Block.each(Ops.EXPLODE, List.of(1, -2, 3)).out("*n")
                .each((Integer n, OutputCollector c) -> {
                    if (n < 0) {
                        c.emitStream("neg", n, "negative");
                    } else {
                        c.emit(n);
                    }
                }, "*n").outStream("neg", "negative", "*m", "*why").out("*pos")
                .each(TAG, "pos", "*pos")
                .hook("negative")
                .each(TAG, "*why", "*m")
                .execute();
        assertEquals(List.of(List.of("pos", 1), List.of("negative", -2), List.of("pos", 3)), SEEN);
    }

    /** An operation emitting a different number of values than .out binds fails, naming the step. */
    @Test
    void emitArityMismatchFailsAtRunTime() {
        RuntimeException e = assertThrows(RuntimeException.class, () ->
                Block.each((Integer n, OutputCollector c) -> c.emit(n, n), 1).out("*a").execute());
        assertTrue(e.getMessage().contains("emitted 2 value(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("EmitsTest.java"), e.getMessage());
    }

    /** §5.2.8: Block.execute needs no module: partitioners pass through. */
    @Test
    void partitionersPassThroughLocally() {
        Block.each(Ops.IDENTITY, "k").out("*k")
                .hashPartition("*k")
                .shufflePartition()
                .globalPartition()
                .allPartition()
                .directPartition(0)
                .customPartition((Integer n, String k) -> 0, "*k")
                .each(Ops.CURRENT_TASK_ID).out("*t")
                .each(REC, "*t")
                .execute();
        assertEquals(List.of(0), SEEN);
    }
}
