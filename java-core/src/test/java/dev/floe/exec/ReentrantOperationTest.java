package dev.floe.exec;

import dev.floe.Block;
import dev.floe.builder.ChainSupport;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.OutputCollector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An operation whose implementation runs the compiled block that calls it (a recursive operation,
 * as a Clojure deframaop calling %self is): each invocation of the step emits into its own frame.
 */
class ReentrantOperationTest {
    /** Emits n, then runs the body again with n - 1, whose emits it passes on. */
    static final class Countdown implements FloeOperation1<Integer> {
        private static final long serialVersionUID = 1L;
        transient LocalExecutor.Prepared body;

        @Override
        public void invoke(Integer n, OutputCollector collector) {
            collector.emit(n);
            if (n > 0) {
                body.run(n - 1, collector);
            }
        }
    }

    @Test
    void aReenteredOperationEmitsIntoTheFrameOfEachInvocation() {
        Countdown countdown = new Countdown();
        FloeFunction2<OutputCollector, Object, Object> emit = (c, v) -> {
            c.emit(v);
            return null;
        };
        // the body: countdown(*n) :> *m, then emit *m to the collector *c
        Block body = Block.each(countdown, "*n").out("*m").each(emit, "*c", "*m");
        countdown.body = LocalExecutor.prepare(((ChainSupport<?, ?, ?>) body).toNodes(), List.of("*n", "*c"));

        List<Object> out = new ArrayList<>();
        OutputCollector top = new OutputCollector() {
            @Override
            public void emit(Object... values) {
                out.add(values[0]);
            }

            @Override
            public void emitStream(String streamName, Object... values) {
                throw new AssertionError(streamName);
            }
        };
        countdown.body.run(3, top);
        assertEquals(List.of(3, 2, 1, 0), out);
    }
}
