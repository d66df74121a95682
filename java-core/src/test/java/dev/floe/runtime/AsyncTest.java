package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.LoopVars;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.Expr;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** eachAsync continues when its future completes, without holding the task thread; yieldIfOvertime lets others run. */
class AsyncTest {
    /** The futures handed out by the module, by input value; the test completes them. */
    static final java.util.Map<Long, CompletableFuture<Long>> PENDING = new java.util.concurrent.ConcurrentHashMap<>();

    /** Doubles each value on another thread, then adds it up. */
    public static final class Slow implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*in", Depot.random());
            var s = topologies.stream("s");
            s.pstate("$$sum", Long.class).global().initialValue(0L);
            s.source("*in").out("*x")
                    .eachAsync((Long x) -> PENDING.computeIfAbsent(x, k -> new CompletableFuture<>()), "*x").out("*y")
                    .globalPartition()
                    .agg("$$sum", Agg.sum("*y"))
                    .ackReturn("*y");
            // a long loop that yields: one event running 20,000 iterations
            var loop = topologies.stream("loop");
            loop.pstate("$$iterations", Long.class).global().initialValue(0L);
            loop.source("*in").out("*x")
                    .globalPartition()
                    .loopWithVars(LoopVars.var("*i", 0L),
                            Block.ifTrue(new Expr(Ops.LESS_THAN, "*i", 20_000L),
                                    Block.yieldIfOvertime()
                                            .localTransform("$$iterations", Path.term(Ops.INC_LONG))
                                            .continueLoop(new Expr(Ops.INC_LONG, "*i"))))
                    .out("*done");
        }
    }

    @Test
    void asyncCallsDoNotHoldTheTaskThread() {
        PENDING.clear();
        try (InProcessCluster c = InProcessCluster.create()) {
            String m = Slow.class.getName();
            c.launchModule(new Slow(), new LaunchConfig(1, 1));
            Depot in = c.clusterDepot(m, "*in");
            CompletableFuture<java.util.Map<String, Object>> first = in.appendAsync(1L);
            CompletableFuture<java.util.Map<String, Object>> second = in.appendAsync(2L);
            // the one task thread is free while both calls are out: complete the second first
            PENDING.computeIfAbsent(2L, k -> new CompletableFuture<>()).complete(20L);
            assertEquals(20L, second.join().get("s"));
            org.junit.jupiter.api.Assertions.assertFalse(first.isDone(), "the first record still waits for its call");
            assertEquals(20L, (Long) c.clusterPState(m, "$$sum").selectOne(Path.stay()));
            PENDING.computeIfAbsent(1L, k -> new CompletableFuture<>()).complete(10L);
            assertEquals(10L, first.join().get("s"));
            assertEquals(30L, (Long) c.clusterPState(m, "$$sum").selectOne(Path.stay()));
            // a failed future fails the event, which is retried with a new call
            CompletableFuture<java.util.Map<String, Object>> third = in.appendAsync(3L);
            CompletableFuture<Long> failing = PENDING.computeIfAbsent(3L, k -> new CompletableFuture<>());
            PENDING.remove(3L);
            failing.completeExceptionally(new IllegalStateException("service down"));
            while (!PENDING.containsKey(3L)) {
                Thread.onSpinWait();
            }
            PENDING.get(3L).complete(30L);
            assertEquals(30L, third.join().get("s"));
            // the looping topology yielded its way through 3 events of 20,000 iterations each
            long deadline = System.currentTimeMillis() + 20_000;
            while ((Long) c.clusterPState(m, "$$iterations").selectOne(Path.stay()) < 60_000L
                    && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(60_000L, (Long) c.clusterPState(m, "$$iterations").selectOne(Path.stay()));
        }
    }

    @Test
    void aLongEventYieldsToOthers() {
        PENDING.clear();
        try (InProcessCluster c = InProcessCluster.options().deterministic(11).eventTargetMaxMillis(0).create()) {
            String m = Slow.class.getName();
            c.launchModule(new Slow(), new LaunchConfig(1, 1));
            c.clusterDepot(m, "*in").appendAsync(5L, dev.floe.AckLevel.NONE);
            DeterministicScheduler s = (DeterministicScheduler) c.scheduler();
            for (int i = 0; i < 200; i++) {
                s.step();
            }
            // a read between the loop's iterations sees it part way: the event yielded on every iteration
            long midway = c.clusterPState(m, "$$iterations").selectOne(Path.stay());
            org.junit.jupiter.api.Assertions.assertTrue(midway > 0 && midway < 20_000, "read " + midway + " part way");
            s.runUntilIdle();
            assertEquals(20_000L, (Long) c.clusterPState(m, "$$iterations").selectOne(Path.stay()));
        }
    }
}
