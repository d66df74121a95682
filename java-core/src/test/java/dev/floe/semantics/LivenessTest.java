package dev.floe.semantics;

import dev.floe.Block;
import dev.floe.Expr;
import dev.floe.LoopVars;
import dev.floe.builder.ChainSupport;
import dev.floe.compiler.CompileContext;
import dev.floe.compiler.DataflowCompiler;
import dev.floe.exec.Program;
import dev.floe.ops.Ops;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RAMA-API §5.1.7: only the variables used after a partitioner travel with the event. */
class LivenessTest {
    static List<Map.Entry<String, List<String>>> live(Block b, String... inputs) {
        Program p = DataflowCompiler.compile(((ChainSupport<?, ?, ?>) b).toNodes(), List.of(inputs), CompileContext.local());
        return p.liveVarsAtBoundaries();
    }

    static List<String> liveAt(Block b, int boundary, String... inputs) {
        return live(b, inputs).get(boundary).getValue().stream().sorted().toList();
    }

    @Test
    void unusedVarsDoNotCrossPartitioners() {
        Block b = Block.each(Ops.IDENTITY, 1).out("*a")
                .each(Ops.IDENTITY, 2).out("*b")
                .each(Ops.IDENTITY, 3).out("*unused")
                .hashPartition("*a")
                .each(Ops.PLUS, "*a", "*b").out("*c")
                .globalPartition()
                .each(Ops.INC, "*c").out("*d");
        assertEquals(List.of("*a", "*b"), liveAt(b, 0));
        assertEquals(List.of("*c"), liveAt(b, 1));
    }

    @Test
    void varsUsedOnAnyBranchAfterAPartitionerAreLive() {
        Block b = Block.each(Ops.IDENTITY, 1).out("*x")
                .each(Ops.IDENTITY, 2).out("*y")
                .each(Ops.IDENTITY, 3).out("*z")
                .shufflePartition()
                .ifTrue("*x", Block.each(Ops.INC, "*y").out("*w"), Block.each(Ops.INC, "*z").out("*w"))
                .each(Ops.INC, "*w").out("*v");
        assertEquals(List.of("*x", "*y", "*z"), liveAt(b, 0));
    }

    @Test
    void valuesRecomputedDownstreamAreNotShipped() {
        Block b = Block.each(Ops.IDENTITY, 1).out("*x")
                .allPartition()
                .each(Ops.IDENTITY, 5).out("*x")
                .each(Ops.INC, "*x").out("*y");
        assertEquals(List.of(), liveAt(b, 0));
    }

    @Test
    void partitionersInsideLoops() {
        Block b = Block.each(Ops.IDENTITY, 10).out("*limit")
                .loopWithVars(LoopVars.var("*i", 0),
                        Block.hashPartition("*i")
                                .ifTrue(new Expr(Ops.LESS_THAN, "*i", "*limit"),
                                        Block.continueLoop(new Expr(Ops.INC, "*i")),
                                        Block.emitLoop("*i")))
                .out("*done")
                .each(Ops.INC, "*done").out("*r");
        assertEquals(List.of("*i", "*limit"), liveAt(b, 0));
    }

    @Test
    void inputsAndAsyncCalls() {
        Block b = Block.eachAsync((String s) -> java.util.concurrent.CompletableFuture.completedFuture(s + "!"), "*in")
                .out("*r")
                .each(Ops.TO_STRING, "*r", "*in").out("*s");
        assertEquals(List.of("*in"), liveAt(b, 0, "*in"));
    }
}
