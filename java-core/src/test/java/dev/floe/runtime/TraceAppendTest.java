package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.builder.ModuleBuilder;
import dev.floe.exec.Tracing;
import dev.floe.ir.IrOutline;
import dev.floe.ops.Ops;
import dev.floe.test.AppendTrace;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InProcessCluster.traceAppend records the steps of one append's event trees (and only those),
 * selectPartition reads one partition, and IrOutline draws a module.
 */
class TraceAppendTest {
    /** Splits lines on spaces and counts the words. */
    public static final class Words implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*lines", Depot.random());
            var s = topologies.stream("words");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*lines").out("*line")
             .each((String line) -> List.of(line.split(" ")), "*line").out("*ws")
             .each(Ops.EXPLODE, "*ws").out("*w")
             .hashPartition("*w")
             .compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()))
             .ackReturn("*w");
        }
    }

    private static final String M = Words.class.getName();

    @Test
    void aTraceHoldsEveryStepOfItsAppendAndNothingElse() throws Exception {
        try (InProcessCluster c = InProcessCluster.options().inMemory().create()) {
            c.launchModule(new Words(), new LaunchConfig(4, 2));
            Depot lines = c.clusterDepot(M, "*lines");
            AtomicBoolean stop = new AtomicBoolean();
            Thread noise = new Thread(() -> {
                while (!stop.get()) {
                    lines.append("noise noise");
                }
            });
            noise.start();
            AppendTrace t;
            try {
                t = c.traceAppend(M, "*lines", "alpha beta alpha");
            } finally {
                stop.set(true);
                noise.join();
            }
            assertFalse(Tracing.isOn(), "tracing is off once the trace is done");
            List<AppendTrace.Step> steps = t.steps();
            assertTrue(steps.get(0).step().matches("source \\*lines offset \\d+"), steps.get(0).step());
            assertEquals(Map.of("record", "alpha beta alpha"), steps.get(0).inputs());
            List<Object> words = new ArrayList<>();
            for (AppendTrace.Step s : steps) {
                if (s.step().startsWith("compoundAgg")) {
                    Object w = s.inputs().get("*w");
                    words.add(w);
                    Object count = c.clusterPState(M, "$$counts").selectOne(Path.key(w));
                    assertEquals(List.of(count), c.selectPartition(M, "$$counts", s.task(), Path.key(w)),
                            "the aggregation of " + w + " ran on the partition holding it");
                }
                assertFalse(s.inputs().containsValue("noise"), "an untraced append's step: " + s);
            }
            words.sort(null);
            assertEquals(List.of("alpha", "alpha", "beta"), words);
            assertEquals(3, steps.stream().filter(s -> s.step().startsWith("hashPartition")).count());
            assertTrue(steps.stream().anyMatch(s -> s.step().equals("(segment committed)")));
            for (int i = 1; i < steps.size(); i++) {
                assertTrue(steps.get(i - 1).micros() <= steps.get(i).micros(), "in the order they ran");
            }
            assertEquals(java.util.Set.of("words"), t.ackReturns().keySet());
            assertTrue(List.of("alpha", "beta").contains(t.ackReturns().get("words")), t.ackReturns().toString());
            String text = t.format(40);
            assertTrue(text.startsWith("append to *lines of " + M + ": \"alpha beta alpha\"\n"), text);
            assertTrue(text.contains("*w=\"beta\""), text);
        }
    }

    @Test
    void selectPartitionReadsOnePartition() throws Exception {
        try (InProcessCluster c = InProcessCluster.options().inMemory().create()) {
            c.launchModule(new Words(), new LaunchConfig(4, 2));
            c.clusterDepot(M, "*lines").append("a b c d e f g h");
            assertEquals(4, c.pstatePartitions(M, "$$counts"));
            long total = 0;
            for (int p = 0; p < 4; p++) {
                List<Object> keys = c.selectPartition(M, "$$counts", p, Path.mapKeys());
                total += keys.size();
            }
            assertEquals(8, total, "every key is in exactly one partition");
            assertThrows(IllegalArgumentException.class, () -> c.selectPartition(M, "$$counts", 4, Path.stay()));
            assertThrows(IllegalArgumentException.class, () -> c.selectPartition(M, "$$nope", 0, Path.stay()));
        }
    }

    @Test
    void outlinesDrawTheModule() {
        String text = IrOutline.module(ModuleBuilder.define(new Words()));
        assertTrue(text.startsWith("module " + M + "\n  depot *lines  random\n  stream topology \"words\"\n"
                + "    pstate $$counts {java.lang.String java.lang.Long}\n    source *lines :> *line"), text);
        assertTrue(text.contains("      ⇢ hashPartition(*w)"), text);
        assertTrue(text.contains("TraceAppendTest.java:"), "each step says where it was written: " + text);
        assertEquals(text.substring(text.indexOf("  stream topology")),
                IrOutline.topology(ModuleBuilder.define(new Words()), "words"));
        assertThrows(IllegalArgumentException.class, () -> IrOutline.topology(ModuleBuilder.define(new Words()), "nope"));
    }
}
