package dev.floe.ops;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Path;
import dev.floe.builder.AggBuilderAccess;
import dev.floe.exec.AggPlans;
import dev.floe.exec.ArgEval;
import dev.floe.exec.Frame;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.test.TestPState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of aggregation: batch aggregators agree with plain Java, combiners agree with
 * folding, and two-phase aggregation (partial states merged with {@code Plan.combine}) agrees
 * with single-phase aggregation.
 */
class AggPropertiesTest {

    /** Count, sum, max, min, list and set in one batch block, against plain Java. */
    @Property(tries = 150)
    void batchAggregatorsMatchPlainJava(@ForAll @Size(max = 40) List<@IntRange(min = -1000, max = 1000) Integer> xs) {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, xs).out("*v")
                        .agg(Agg.count()).out("*count")
                        .agg(Agg.sum("*v")).out("*sum")
                        .agg(Agg.max("*v")).out("*max")
                        .agg(Agg.min("*v")).out("*min")
                        .agg(Agg.list("*v")).out("*list")
                        .agg(Agg.set("*v")).out("*set")
                        .each(Ops.TUPLE, "*count", "*sum", "*max", "*min", "*list", "*set").out("*all")
                        .each(OpsTestSupport.REC, "*all"))
                .execute();
        List<Object> logged = OpsTestSupport.logged();
        assertEquals(1, logged.size());
        List<?> all = (List<?>) logged.get(0);
        assertEquals((long) xs.size(), all.get(0));
        assertEquals(Long.class, all.get(0).getClass());
        assertEquals(xs.stream().mapToLong(Integer::longValue).sum(), all.get(1));
        assertEquals(Long.class, all.get(1).getClass());
        assertEquals(xs.isEmpty() ? null : Collections.max(xs), all.get(2));
        assertEquals(xs.isEmpty() ? null : Collections.min(xs), all.get(3));
        if (!xs.isEmpty()) {
            assertEquals(Integer.class, all.get(2).getClass());
            assertEquals(Integer.class, all.get(3).getClass());
        }
        assertEquals(xs, all.get(4));
        assertEquals(xs.isEmpty() ? null : new HashSet<>(xs), all.get(5));
    }

    /** groupBy counts and sums per key, against plain Java. */
    @Property(tries = 100)
    void groupByMatchesPlainJava(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 50) Integer> xs) {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, xs).out("*v")
                        .each(Ops.IS_EVEN, "*v").out("*even")
                        .groupBy("*even", Block.agg(Agg.count()).out("*c").agg(Agg.sum("*v")).out("*s"))
                        .each(OpsTestSupport.REC3, "*even", "*c", "*s"))
                .execute();
        Map<Boolean, List<Long>> expected = new HashMap<>();
        for (int x : xs) {
            expected.merge(x % 2 == 0, List.of(1L, (long) x), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        }
        Map<Object, Object> actual = new HashMap<>();
        for (Object row : OpsTestSupport.logged()) {
            List<?> r = (List<?>) row;
            actual.put(r.get(0), List.of(r.get(1), r.get(2)));
        }
        assertEquals(expected, actual);
    }

    /** A custom combiner in a batch block and into a PState per event equals a fold from zeroVal. */
    @Property(tries = 100)
    void combinerEqualsFolding(@ForAll @Size(max = 30) List<@IntRange(min = -100, max = 100) Integer> ints) {
        List<Long> xs = ints.stream().map(Integer::longValue).collect(Collectors.toList());
        AggTest.LongSum sum = new AggTest.LongSum();
        Long folded = sum.zeroVal();
        for (Long x : xs) {
            folded = sum.combine(folded, x);
        }
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, xs).out("*v")
                        .agg(Agg.combiner(sum, "*v")).out("*r")
                        .each(OpsTestSupport.REC, "*r"))
                .execute();
        assertEquals(List.of(folded), OpsTestSupport.logged());

        TestPState tp = TestPState.create(Long.class);
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, xs).out("*v")
                .agg("$$p", Agg.combiner(sum, "*v"))
                .execute();
        assertEquals(xs.isEmpty() ? null : folded, tp.selectOne(Path.stay()));
    }

    // ------------------------------------------------------------------------------ two-phase

    /** Frame slots of a row: the value, its key (value mod 3), whether it is even, the value as a Long. */
    static final int VALUE = 0;
    static final int KEY = 1;
    static final int EVEN = 2;
    static final int LONG = 3;

    /** A leaf plan whose argument (if any) reads {@code slot}. */
    static AggPlans.Plan leaf(Agg agg, int slot) {
        AggSpec spec = AggBuilderAccess.spec(agg);
        int amount = spec.top() == null ? 0 : ((Number) ((Arg.Lit) spec.top().amount()).value()).intValue();
        ArgEval[] args = new ArgEval[spec.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ArgEval.slot(slot);
        }
        return new AggPlans.Leaf(AggPlans.of(spec, amount), args, -1);
    }

    static AggPlans.Plan leaf(Agg agg) {
        return leaf(agg, VALUE);
    }

    /** Aggregates rows into a state with a plan (the state of nothing aggregated is null). */
    static Object fold(AggPlans.Plan plan, List<Integer> rows) {
        Frame f = new Frame(4, null);
        Object[] keys = new Object[Math.max(1, plan.depth())];
        Object state = null;
        for (Integer v : rows) {
            f.set(VALUE, v);
            f.set(KEY, Math.floorMod(v, 3));
            f.set(EVEN, v % 2 == 0);
            f.set(LONG, (long) v);
            state = plan.apply(state, f, keys, 0, null);
        }
        return state;
    }

    /** Splits xs into consecutive chunks at the given (sorted, deduplicated) cut points. */
    static List<List<Integer>> split(List<Integer> xs, List<Integer> cuts) {
        TreeMap<Integer, Boolean> points = new TreeMap<>();
        for (int c : cuts) {
            if (xs.isEmpty()) {
                break;
            }
            points.put(Math.floorMod(c, xs.size() + 1), true);
        }
        List<List<Integer>> out = new ArrayList<>();
        int from = 0;
        for (int p : points.keySet()) {
            out.add(xs.subList(from, Math.max(from, p)));
            from = Math.max(from, p);
        }
        out.add(xs.subList(from, xs.size()));
        return out;
    }

    static void assertTwoPhaseEqualsSinglePhase(AggPlans.Plan plan, List<Integer> xs, List<Integer> cuts) {
        Object single = plan.finish(fold(plan, xs));
        Object merged = null;
        for (List<Integer> chunk : split(xs, cuts)) {
            merged = plan.combine(merged, fold(plan, chunk));
        }
        assertEquals(single, plan.finish(merged), "plan " + plan + " over " + xs + " cut at " + cuts);
    }

    static List<AggPlans.Plan> combiners() {
        return List.of(leaf(Agg.count()), leaf(Agg.sum("*v")), leaf(Agg.max("*v")), leaf(Agg.min("*v")),
                leaf(Agg.set("*v")), leaf(Agg.multiSet("*v")), leaf(Agg.and("*even"), EVEN), leaf(Agg.or("*even"), EVEN),
                leaf(Agg.topMonotonic(3, "*v")), leaf(Agg.topMonotonic(2, "*v").ascending()),
                leaf(Agg.combiner(new AggTest.LongSum(), "*long"), LONG));
    }

    /** Built-in and custom combiners: merging partial aggregates equals aggregating everything at once. */
    @Property(tries = 150)
    void twoPhaseCombineEqualsSinglePhase(@ForAll @Size(max = 25) List<@IntRange(min = -20, max = 20) Integer> xs,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        for (AggPlans.Plan plan : combiners()) {
            assertEquals(true, plan.allCombiners(), plan.toString());
            assertTwoPhaseEqualsSinglePhase(plan, xs, cuts);
        }
    }

    /** Templates of combiners (a map keyed by x mod 3, a list) merge like their leaves. */
    @Property(tries = 100)
    void twoPhaseCombineOfTemplates(@ForAll @Size(max = 25) List<@IntRange(min = -20, max = 20) Integer> xs,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        AggPlans.Plan sumByKey = new AggPlans.MapPlan(new ArgEval[] {ArgEval.slot(1)},
                new AggPlans.Plan[] {leaf(Agg.sum("*v"))});
        assertTwoPhaseEqualsSinglePhase(sumByKey, xs, cuts);
        AggPlans.Plan list = new AggPlans.ListPlan(new AggPlans.Plan[] {leaf(Agg.count()), leaf(Agg.max("*v")),
                new AggPlans.MapPlan(new ArgEval[] {ArgEval.slot(1)}, new AggPlans.Plan[] {leaf(Agg.set("*v"))})});
        assertEquals(true, list.allCombiners());
        assertTwoPhaseEqualsSinglePhase(list, xs, cuts);

        // and the single-phase result is the plain-Java one
        Map<Integer, Long> expected = new HashMap<>();
        for (int x : xs) {
            expected.merge(Math.floorMod(x, 3), (long) x, Long::sum);
        }
        Object actual = sumByKey.finish(fold(sumByKey, xs));
        assertEquals(expected, actual == null ? Map.of() : actual);
    }

    /** topMonotonic on ints keeps the n best distinct values, best first, however the input is split. */
    @Property(tries = 100)
    void topMonotonicIsTheBestDistinctValues(@ForAll @Size(max = 30) List<@IntRange(min = -50, max = 50) Integer> xs,
            @ForAll @IntRange(min = 0, max = 6) int n) {
        List<Integer> expected = new ArrayList<>(new LinkedHashSet<>(xs));
        expected.sort(Collections.reverseOrder());
        expected = expected.subList(0, Math.min(n, expected.size()));
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, xs).out("*v")
                        .agg(Agg.topMonotonic(n, "*v")).out("*top")
                        .each(OpsTestSupport.REC, "*top"))
                .execute();
        assertEquals(List.of(expected), OpsTestSupport.logged());
    }

    /** CompoundAgg.map into a TestPState per event equals a Java word count. */
    @Property(tries = 60)
    void compoundCountIntoTestPStateMatchesJava(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5) Integer> xs) {
        TestPState tp = TestPState.create(dev.floe.PState.mapSchema(Integer.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, xs).out("*k")
                .compoundAgg("$$p", CompoundAgg.map("*k", Agg.count()))
                .execute();
        Map<Integer, Long> expected = new HashMap<>();
        for (int x : xs) {
            expected.merge(x, 1L, Long::sum);
        }
        assertEquals(expected, tp.selectOne(Path.stay()));
        Set<Object> keys = new HashSet<>(tp.select(Path.mapKeys()));
        assertEquals(expected.keySet(), keys);
    }
}
