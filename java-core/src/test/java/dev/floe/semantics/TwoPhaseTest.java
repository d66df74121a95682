package dev.floe.semantics;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.builder.ChainSupport;
import dev.floe.compiler.CompileContext;
import dev.floe.compiler.DataflowCompiler;
import dev.floe.exec.BatchInstr;
import dev.floe.exec.Emitter;
import dev.floe.exec.Instr;
import dev.floe.exec.Program;
import dev.floe.ops.FloeCombinerAgg;
import dev.floe.ops.Ops;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.4.5: a batch block aggregates in two phases exactly when every aggregator is a combiner. */
class TwoPhaseTest {
    static BatchInstr batchOf(Block aggs) {
        Block b = Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2)).out("*v").macro(aggs));
        Program p = DataflowCompiler.compile(((ChainSupport<?, ?, ?>) b).toNodes(), List.of(), CompileContext.local());
        Emitter e = p.entry();
        for (Instr in : e.targets()) {
            if (in instanceof BatchInstr) {
                return (BatchInstr) in;
            }
        }
        throw new AssertionError("no batch block");
    }

    static final FloeCombinerAgg<Long> MAX = new FloeCombinerAgg<>() {
        @Override
        public Long combine(Long curr, Long arg) {
            return Math.max(curr, arg);
        }

        @Override
        public Long zeroVal() {
            return Long.MIN_VALUE;
        }
    };

    @Test
    void combinersOnly() {
        assertTrue(batchOf(Block.agg(Agg.count()).out("*c").agg(Agg.sum("*v")).out("*s")).twoPhase());
        assertTrue(batchOf(Block.groupBy("*v", Block.agg(Agg.max("*v")).out("*m").agg(Agg.set("*v")).out("*set")))
                .twoPhase());
        assertTrue(batchOf(Block.agg(Agg.combiner(MAX, "*v")).out("*m")).twoPhase());
        assertTrue(batchOf(Block.compoundAgg(CompoundAgg.map("*v", Agg.count())).out("$$t")).twoPhase());
    }

    @Test
    void anyAccumulatorDisablesIt() {
        assertFalse(batchOf(Block.agg(Agg.count()).out("*c").agg(Agg.list("*v")).out("*l")).twoPhase());
        assertFalse(batchOf(Block.agg(Agg.last("*v")).out("*l")).twoPhase());
        assertFalse(batchOf(Block.agg(Agg.accumulator(new dev.floe.ops.FloeAccumulatorAgg1<Long, Integer>() {
            @Override
            public Long accumulate(Long acc, Integer v) {
                return acc + v;
            }

            @Override
            public Long initVal() {
                return 0L;
            }
        }, "*v")).out("*a")).twoPhase());
    }
}
