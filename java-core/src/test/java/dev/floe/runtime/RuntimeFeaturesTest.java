package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** depotPartitionAppend, invokeQuery (from topologies and recursively), select across tasks, tick depots. */
class RuntimeFeaturesTest {

    /** A stream topology that forwards doubled values to an internal depot consumed by another topology. */
    public static final class Pipeline implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*in", Depot.random());
            setup.declareDepot("*doubled", Depot.disallow());
            var a = topologies.stream("double");
            a.source("*in").out("*x")
                    .each(Ops.TIMES_LONG, "*x", 2L).out("*y")
                    .depotPartitionAppend("*doubled", "*y");
            var b = topologies.stream("sum");
            b.pstate("$$sum", Long.class).global().initialValue(0L);
            b.source("*doubled").out("*y")
                    .globalPartition()
                    .agg("$$sum", Agg.sum("*y"));
            var mb = topologies.microbatch("mbSum");
            mb.pstate("$$mbSum", Long.class).global().initialValue(0L);
            mb.source("*doubled").out("*batch")
                    .batchBlock(Block.explodeMicrobatch("*batch").out("*y")
                            .globalPartition()
                            .agg("$$mbSum", Agg.sum("*y")));
        }
    }

    @Test
    void depotPartitionAppendFeedsOtherTopologies() throws Exception {
        try (InProcessCluster c = InProcessCluster.create()) {
            String m = Pipeline.class.getName();
            c.launchModule(new Pipeline(), new LaunchConfig(4, 2));
            Depot in = c.clusterDepot(m, "*in");
            for (long i = 1; i <= 20; i++) {
                in.append(i);
            }
            c.waitForMicrobatchProcessedCount(m, "mbSum", 20);
            assertEquals(420L, (Long) c.clusterPState(m, "$$mbSum").selectOne(Path.stay()));
            PState sum = c.clusterPState(m, "$$sum");
            long deadline = System.currentTimeMillis() + 10_000;
            while ((Long) sum.selectOne(Path.stay()) != 420L && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(420L, (Long) sum.selectOne(Path.stay()), "ACK does not wait for the topologies of depots appended to");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> c.clusterDepot(m, "*doubled").append(1L));
            assertTrue(e.getMessage().contains("disallow"), e.getMessage());
        }
    }

    /** Queries invoked from a stream topology and from a query (recursively), and select across tasks. */
    public static final class Calls implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.random());
            setup.declareDepot("*asks", Depot.random());
            var s = topologies.stream("count");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*w")
                    .hashPartition("*w")
                    .compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()));
            var asks = topologies.stream("asks");
            asks.source("*asks").out("*w")
                    .invokeQuery("countOf", "*w").out("*viaQuery")
                    .select("$$counts", Path.key("*w").nullToVal(0L)).out("*viaSelect")
                    .pathPartition("$$counts", Path.key("*w"))
                    .localSelect("$$counts", Path.key("*w").nullToVal(0L)).out("*viaPath")
                    .keepTrue(new Expr(Ops.EQUAL, "*viaPath", "*viaSelect"))
                    .each(Ops.TUPLE, "*viaQuery", "*viaSelect").out("*both")
                    .ackReturn("*both");
            topologies.query("countOf", "*w").out("*n")
                    .hashPartition("*w")
                    .localSelect("$$counts", Path.key("*w").nullToVal(0L)).out("*n")
                    .originPartition();
            topologies.query("fib", "*n").out("*r")
                    .ifTrue(new Expr(Ops.LESS_THAN, "*n", 2L),
                            Block.each(Ops.IDENTITY, "*n").out("*r"),
                            Block.each(Ops.MINUS_LONG, "*n", 1L).out("*n1")
                                    .each(Ops.MINUS_LONG, "*n", 2L).out("*n2")
                                    .invokeQuery("fib", "*n1").out("*a")
                                    .invokeQuery("fib", "*n2").out("*b")
                                    .each(Ops.PLUS_LONG, "*a", "*b").out("*r"))
                    .originPartition();
        }
    }

    @Test
    void queriesInvokedFromDataflowAndSelectAcrossTasks() {
        try (InProcessCluster c = InProcessCluster.create()) {
            String m = Calls.class.getName();
            c.launchModule(new Calls(), new LaunchConfig(4, 2));
            Depot words = c.clusterDepot(m, "*words");
            for (String w : List.of("x", "y", "x", "x")) {
                words.append(w);
            }
            Depot asks = c.clusterDepot(m, "*asks");
            assertEquals(List.of(3L, 3L), asks.append("x").get("asks"));
            assertEquals(List.of(0L, 0L), asks.append("zz").get("asks"));
            QueryTopologyClient<Long> fib = c.clusterQuery(m, "fib");
            assertEquals(55L, fib.invoke(10L));
            assertEquals(1L, fib.invoke(1L));
        }
    }

    /** Counts ticks. */
    public static final class Ticks implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareTickDepot("*tick", 1000);
            var s = topologies.stream("ticks");
            s.pstate("$$ticks", Long.class).global().initialValue(0L);
            s.source("*tick")
                    .agg("$$ticks", Agg.count());
        }
    }

    @Test
    void tickDepotsTickOnTheClock() {
        try (InProcessCluster c = InProcessCluster.options().deterministic(5).create()) {
            String m = Ticks.class.getName();
            c.launchModule(new Ticks(), new LaunchConfig(2, 2));
            DeterministicScheduler s = (DeterministicScheduler) c.scheduler();
            for (int i = 0; i < 10; i++) {
                s.advanceMillis(1000);
                s.runUntilIdle();
            }
            long ticks = c.clusterPState(m, "$$ticks").selectOne(Path.stay());
            assertEquals(10L, ticks, "one tick per second of virtual time");
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> c.clusterDepot(m, "*tick").append(null, AckLevel.APPEND_ACK));
            assertTrue(e.getMessage().contains("tick depot"), e.getMessage());
        }
    }
}
