package dev.floe.runtime;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.exec.KeyHash;
import dev.floe.ops.FloeAccumulatorAgg1;
import dev.floe.ops.FloeCombinerAgg;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.4.5 two-phase aggregation at run time: when every aggregator of a batch block is a combiner,
 * each task combines the rows reaching the final partitioner into one partial per destination task
 * (and group), and only the partials cross tasks. Results are checked against a model, message
 * counts against the placement of the records, and retries against exactly-once totals.
 */
class TwoPhaseAggregationTest {

    /** A sum as a custom combiner. */
    static final FloeCombinerAgg<Long> SUM = new FloeCombinerAgg<>() {
        @Override
        public Long combine(Long curr, Long arg) {
            return curr + arg;
        }

        @Override
        public Long zeroVal() {
            return 0L;
        }
    };

    /** Every second argument the recording combiner was called with. */
    static final List<Long> RECORDED = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A sum recording what it combines. */
    static final FloeCombinerAgg<Long> RECORDING_SUM = new FloeCombinerAgg<>() {
        @Override
        public Long combine(Long curr, Long arg) {
            RECORDED.add(arg);
            return curr + arg;
        }

        @Override
        public Long zeroVal() {
            return 0L;
        }
    };

    /** An accumulator (not a combiner): a sum. */
    static final FloeAccumulatorAgg1<Long, Long> ACC_SUM = new FloeAccumulatorAgg1<>() {
        @Override
        public Long accumulate(Long acc, Long v) {
            return acc + v;
        }

        @Override
        public Long initVal() {
            return 0L;
        }
    };

    static Block.Impl explodeRows() {
        return Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*g", "*v");
    }

    // ------------------------------------------------------------------------------ model

    /** Records [g v] over a random depot, aggregated every way a batch block can. */
    public static final class Sums implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*rows", Depot.random());
            var mb = topologies.microbatch("mb");
            mb.pstate("$$sum", Long.class).global().initialValue(0L);
            mb.pstate("$$count", Long.class).global().initialValue(0L);
            mb.pstate("$$byGroup", PState.mapSchema(Long.class, Long.class));
            mb.pstate("$$captured", PState.mapSchema(Long.class, Long.class));
            mb.pstate("$$stats", Object.class).global();
            mb.pstate("$$gCount", PState.mapSchema(Long.class, Long.class));
            mb.pstate("$$gMax", PState.mapSchema(Long.class, Long.class));
            mb.source("*rows").out("*mb")
                    // into global PStates
                    .batchBlock(explodeRows().globalPartition()
                            .agg("$$sum", Agg.sum("*v"))
                            .agg("$$count", Agg.count()))
                    // into a partitioned PState, each key combined on its task, with captureNewValInto
                    .batchBlock(explodeRows().hashPartition("$$byGroup", "*g")
                            .compoundAgg("$$byGroup", CompoundAgg.map("*g", Agg.sum("*v").captureNewValInto("*total")))
                            .localTransform("$$captured", Path.key("*g").termVal("*total")))
                    // into vars, one output row
                    .batchBlock(explodeRows().globalPartition()
                            .agg(Agg.min("*v")).out("*mn")
                            .agg(Agg.max("*v")).out("*mx")
                            .agg(Agg.combiner(SUM, "*v")).out("*cs")
                            .agg(Agg.count()).out("*n")
                            .each(Ops.TUPLE, "*mn", "*mx", "*cs", "*n").out("*t")
                            .localTransform("$$stats", Path.nullToVal(List.of()).afterElem().termVal("*t")))
                    // grouped into vars, one output row per group on the group's task
                    .batchBlock(explodeRows().hashPartition("$$gCount", "*g")
                            .groupBy("*g", Block.agg(Agg.count()).out("*c").agg(Agg.max("*v")).out("*m"))
                            .localTransform("$$gCount", Path.key("*g").nullToVal(0L).term(Ops.PLUS_LONG, "*c"))
                            .localSelect("$$gMax", Path.key("*g")).out("*pm")
                            .each(TwoPhaseAggregationTest::maxOf, "*pm", "*m").out("*nm")
                            .localTransform("$$gMax", Path.key("*g").termVal("*nm")));
            // the same aggregations over rows given to a query, spread over the tasks first
            topologies.query("stats", "*rows").out("*res")
                    .each(Ops.EXPLODE, "*rows").out("*r").each(Ops.EXPAND, "*r").out("*g", "*v")
                    .hashPartition("*v")
                    .originPartition()
                    .agg(Agg.sum("*v")).out("*s")
                    .agg(Agg.count()).out("*n")
                    .agg(Agg.min("*v")).out("*mn")
                    .agg(Agg.max("*v")).out("*mx")
                    .agg(Agg.combiner(SUM, "*v")).out("*cs")
                    .each(Ops.TUPLE, "*s", "*n", "*mn", "*mx", "*cs").out("*res");
            topologies.query("grouped", "*rows").out("*m")
                    .each(Ops.EXPLODE, "*rows").out("*r").each(Ops.EXPAND, "*r").out("*g", "*v")
                    .hashPartition("*v")
                    .originPartition()
                    .compoundAgg(CompoundAgg.map("*g", Agg.sum("*v"))).out("*m");
        }
    }

    static Long maxOf(Long a, Long b) {
        return a == null ? b : Math.max(a, b);
    }

    @Provide
    Arbitrary<List<List<Long>>> rows() {
        return Arbitraries.longs().between(0, 4).flatMap(g -> Arbitraries.longs().between(-50, 50)
                .map(v -> List.of(g, v))).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<Integer> taskCounts() {
        return Arbitraries.of(1, 2, 4, 8);
    }

    @Property(tries = 15)
    void microbatchAndQueryResultsMatchTheModel(@ForAll("rows") List<List<Long>> rows,
            @ForAll("taskCounts") int tasks, @ForAll long seed) {
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        Map<Long, Long> byGroup = new TreeMap<>();
        Map<Long, Long> gCount = new TreeMap<>();
        Map<Long, Long> gMax = new TreeMap<>();
        for (List<Long> r : rows) {
            long g = r.get(0);
            long v = r.get(1);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            byGroup.merge(g, v, Long::sum);
            gCount.merge(g, 1L, Long::sum);
            gMax.merge(g, v, Math::max);
        }
        try (InProcessCluster c = InProcessCluster.options().deterministic(seed).serializeEveryHop(true).trace(true)
                .create()) {
            String m = Sums.class.getName();
            c.launchModule(new Sums(), new LaunchConfig(tasks, Math.min(tasks, 2)));
            Depot d = c.clusterDepot(m, "*rows");
            for (List<Long> r : rows) {
                d.append(r);
            }
            c.waitForMicrobatchProcessedCount(m, "mb", rows.size());
            assertEquals(sum, (Long) c.clusterPState(m, "$$sum").selectOne(Path.stay()));
            assertEquals((long) rows.size(), (Long) c.clusterPState(m, "$$count").selectOne(Path.stay()));
            for (Map.Entry<Long, Long> e : byGroup.entrySet()) {
                assertEquals(e.getValue(), c.clusterPState(m, "$$byGroup").selectOne(Path.key(e.getKey())));
                assertEquals(e.getValue(), c.clusterPState(m, "$$captured").selectOne(Path.key(e.getKey())),
                        "captureNewValInto binds the new value of each changed key");
                assertEquals(gCount.get(e.getKey()), c.clusterPState(m, "$$gCount").selectOne(Path.key(e.getKey())));
                assertEquals(gMax.get(e.getKey()), c.clusterPState(m, "$$gMax").selectOne(Path.key(e.getKey())));
            }
            // one [min max custom-sum count] per microbatch
            long sMin = Long.MAX_VALUE;
            long sMax = Long.MIN_VALUE;
            long sSum = 0;
            long sN = 0;
            for (Object o : (List<?>) c.clusterPState(m, "$$stats").selectOne(Path.stay())) {
                List<?> t = (List<?>) o;
                sMin = Math.min(sMin, (Long) t.get(0));
                sMax = Math.max(sMax, (Long) t.get(1));
                sSum += (Long) t.get(2);
                sN += (Long) t.get(3);
            }
            assertEquals(List.of(min, max, sum, (long) rows.size()), List.of(sMin, sMax, sSum, sN));
            QueryTopologyClient<List<?>> stats = c.clusterQuery(m, "stats");
            assertEquals(List.of(sum, (long) rows.size(), min, max, sum), stats.invoke(rows));
            QueryTopologyClient<Map<?, ?>> grouped = c.clusterQuery(m, "grouped");
            assertEquals(byGroup, new TreeMap<>(grouped.invoke(rows)));
            assertTrue(count(c.trace(), "send the partial aggregate of query stats") > 0, "the query combined in two phases");
            assertTrue(count(c.trace(), "partial aggregates of mb batch") > 0, "the microbatch combined in two phases");
        }
    }

    // ------------------------------------------------------------------------------ what crosses tasks

    /** Records [p g v] placed by p; three topologies: combiners under |global, grouped, and mixed with an accumulator. */
    public static final class Placed implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*rows", Depot.hashBy(Ops.FIRST));
            var global = topologies.microbatch("global");
            global.pstate("$$total", Long.class).global().initialValue(0L);
            global.source("*rows").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*p", "*g", "*v")
                            .globalPartition()
                            .agg("$$total", Agg.combiner(RECORDING_SUM, "*v")));
            var grouped = topologies.microbatch("grouped");
            grouped.pstate("$$groups", PState.mapSchema(Long.class, Long.class));
            grouped.source("*rows").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*p", "*g", "*v")
                            .hashPartition("*g")
                            .groupBy("*g", Block.agg(Agg.sum("*v")).out("*s").agg(Agg.count()).out("*n"))
                            .localTransform("$$groups", Path.key("*g").nullToVal(0L).term(Ops.PLUS_LONG, "*s")));
            var mixed = topologies.microbatch("mixed");
            mixed.pstate("$$mixed", Object.class).global();
            mixed.source("*rows").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*p", "*g", "*v")
                            .globalPartition()
                            .agg(Agg.accumulator(ACC_SUM, "*v")).out("*a")
                            .agg(Agg.sum("*v")).out("*s")
                            .each(Ops.TUPLE, "*a", "*s").out("*t")
                            .localTransform("$$mixed", Path.nullToVal(List.of()).afterElem().termVal("*t")));
        }
    }

    private static int count(List<String> trace, String what) {
        int n = 0;
        for (String s : trace) {
            if (s.contains(what)) {
                n++;
            }
        }
        return n;
    }

    /** The (from, to) pairs of the partial aggregate messages of a topology in a trace. */
    private static List<List<Integer>> partialHops(List<String> trace, String topology) {
        List<List<Integer>> out = new ArrayList<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("partial aggregates of " + topology
                + " batch \\d+ from task (\\d+) to task (\\d+)");
        for (String s : trace) {
            java.util.regex.Matcher mt = p.matcher(s);
            if (mt.find()) {
                out.add(List.of(Integer.parseInt(mt.group(1)), Integer.parseInt(mt.group(2))));
            }
        }
        return out;
    }

    @Test
    void onlyOnePartialPerTaskAndDestinationCrossesTasks() {
        int tasks = 4;
        RECORDED.clear();
        try (InProcessCluster c = InProcessCluster.options().deterministic(11).trace(true).create()) {
            String m = Placed.class.getName();
            c.launchModule(new Placed(), new LaunchConfig(tasks, 2));
            for (String t : List.of("global", "grouped", "mixed")) {
                c.pauseMicrobatchTopology(m, t);
            }
            Depot d = c.clusterDepot(m, "*rows");
            // 60 records over partitions 0..2 (task 3 gets none), groups 0..4
            Set<Integer> sourceTasks = new HashSet<>();
            Set<List<Integer>> groupHops = new HashSet<>();
            Set<List<Long>> taskGroups = new HashSet<>();
            long total = 0;
            Map<Long, Long> groups = new HashMap<>();
            int n = 60;
            for (int i = 0; i < n; i++) {
                long p = i % 3;
                long g = i % 5;
                long v = i + 1;
                d.append(List.of(p, g, v));
                int from = KeyHash.partition(p, tasks);
                sourceTasks.add(from);
                groupHops.add(List.of(from, KeyHash.partition(g, tasks)));
                taskGroups.add(List.of((long) from, g));
                total += v;
                groups.merge(g, v, Long::sum);
            }
            int before = c.trace().size();
            for (String t : List.of("global", "grouped", "mixed")) {
                c.resumeMicrobatchTopology(m, t);
                c.waitForMicrobatchProcessedCount(m, t, n);
            }
            List<String> trace = c.trace().subList(before, c.trace().size());

            // combiners under |global: one partial per task holding records, no row travels
            assertEquals(total, (Long) c.clusterPState(m, "$$total").selectOne(Path.stay()));
            assertEquals(0, count(trace, "continue global on task"));
            List<List<Integer>> hops = partialHops(trace, "global");
            assertEquals(sourceTasks.size(), hops.size(), "one partial per task with rows: " + hops);
            for (List<Integer> h : hops) {
                assertTrue(sourceTasks.contains(h.get(0)) && h.get(1) == 0, "to |global's task 0: " + h);
            }
            // the receiving side combines one partial per sending task (the combiner sees each partial sum)
            assertEquals(n + sourceTasks.size(), RECORDED.size(), "each row once on its task, then each partial once");

            // grouped: one message per (task, destination task), one partial per group inside it
            for (Map.Entry<Long, Long> e : groups.entrySet()) {
                assertEquals(e.getValue(), c.clusterPState(m, "$$groups").selectOne(Path.key(e.getKey())));
            }
            assertEquals(0, count(trace, "continue grouped on task"));
            List<List<Integer>> groupedHops = partialHops(trace, "grouped");
            assertEquals(groupHops, new HashSet<>(groupedHops));
            assertEquals(groupHops.size(), groupedHops.size(), "no (task, destination) pair sends twice");

            // an accumulator in the block: single phase, every row travels
            assertEquals(List.of(List.of(total, total)), c.clusterPState(m, "$$mixed").selectOne(Path.stay()));
            assertEquals(n, count(trace, "continue mixed on task"));
            assertEquals(0, partialHops(trace, "mixed").size());
            assertTrue(taskGroups.size() <= tasks * 5);
        }
    }

    @Test
    void aBlockMixingAnAccumulatorAndACombinerStaysSinglePhaseAndCorrect() {
        for (int tasks : new int[] {1, 4}) {
            try (InProcessCluster c = InProcessCluster.options().deterministic(5).trace(true).create()) {
                String m = Placed.class.getName();
                c.launchModule(new Placed(), new LaunchConfig(tasks, Math.min(tasks, 2)));
                Depot d = c.clusterDepot(m, "*rows");
                long total = 0;
                for (long i = 0; i < 25; i++) {
                    d.append(List.of(i, i % 2, i * 3));
                    total += i * 3;
                }
                c.waitForMicrobatchProcessedCount(m, "mixed", 25);
                // one [accumulated combined] pair per microbatch
                long acc = 0;
                long combined = 0;
                for (Object o : (List<?>) c.clusterPState(m, "$$mixed").selectOne(Path.stay())) {
                    acc += (Long) ((List<?>) o).get(0);
                    combined += (Long) ((List<?>) o).get(1);
                }
                assertEquals(List.of(total, total), List.of(acc, combined), "tasks " + tasks);
                assertEquals(25, count(c.trace(), "continue mixed on task"), "every row travels");
                assertEquals(0, partialHops(c.trace(), "mixed").size(), "no partial aggregates in a block with an accumulator");
            }
        }
    }

    // ------------------------------------------------------------------------------ retries

    /** Attempts per microbatch id of the failing topology. */
    static final Map<Long, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    /** Which injected failures already happened. */
    static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    /** A sum that fails once combining the raw row 13 (first phase) and once combining a partial over 100 (second phase). */
    static final FloeCombinerAgg<Long> FAILING_SUM = new FloeCombinerAgg<>() {
        @Override
        public Long combine(Long curr, Long arg) {
            if (arg == 13L && FAILED.add("row 13")) {
                throw new IllegalStateException("injected failure combining a row");
            }
            if (arg > 100L && FAILED.add("partial")) {
                throw new IllegalStateException("injected failure combining a partial");
            }
            return curr + arg;
        }

        @Override
        public Long zeroVal() {
            return 0L;
        }
    };

    static Long failFirstAttempt(Long id) {
        if (ATTEMPTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("injected failure after aggregating microbatch " + id);
        }
        return id;
    }

    /** Two-phase aggregation into PStates with failures injected in each phase and after it. */
    public static final class Failing implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*rows", Depot.random());
            var mb = topologies.microbatch("failing");
            mb.pstate("$$total", Long.class).global().initialValue(0L);
            mb.pstate("$$byGroup", PState.mapSchema(Long.class, Long.class));
            mb.source("*rows").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*g", "*v")
                            .globalPartition()
                            .agg("$$total", Agg.combiner(FAILING_SUM, "*v")))
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*r").each(Ops.EXPAND, "*r").out("*g", "*v")
                            .hashPartition("$$byGroup", "*g")
                            .compoundAgg("$$byGroup", CompoundAgg.map("*g", Agg.count()))
                            .each(Ops.CURRENT_MICROBATCH_ID).out("*id")
                            .each(TwoPhaseAggregationTest::failFirstAttempt, "*id"));
        }
    }

    @Test
    void retriedAttemptsGiveExactlyOnceResults() {
        for (long seed : new long[] {1, 2, 3}) {
            ATTEMPTS.clear();
            FAILED.clear();
            try (InProcessCluster c = InProcessCluster.options().deterministic(seed).serializeEveryHop(true).create()) {
                String m = Failing.class.getName();
                c.launchModule(new Failing(), new LaunchConfig(4, 2));
                c.pauseMicrobatchTopology(m, "failing");
                Depot d = c.clusterDepot(m, "*rows");
                long total = 0;
                Map<Long, Long> counts = new TreeMap<>();
                for (long v = 1; v <= 40; v++) {
                    d.append(List.of(v % 3, v));
                    total += v;
                    counts.merge(v % 3, 1L, Long::sum);
                }
                c.resumeMicrobatchTopology(m, "failing");
                c.waitForMicrobatchProcessedCount(m, "failing", 40);
                assertEquals(Set.of("row 13", "partial"), FAILED, "both phases failed once");
                assertEquals(total, (Long) c.clusterPState(m, "$$total").selectOne(Path.stay()), "seed " + seed);
                for (Map.Entry<Long, Long> e : counts.entrySet()) {
                    assertEquals(e.getValue(), c.clusterPState(m, "$$byGroup").selectOne(Path.key(e.getKey())));
                }
                int attempts = 0;
                for (AtomicInteger a : ATTEMPTS.values()) {
                    attempts += a.get();
                }
                assertTrue(attempts > ATTEMPTS.size(), "the post-aggregation failure made some microbatch run again");
            }
        }
    }
}
