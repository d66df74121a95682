package dev.floe.ops;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.FloeCompileException;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SubBatch;
import dev.floe.builder.AggBuilderAccess;
import dev.floe.exec.AggPlans;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.floe.ops.OpsTestSupport.REC;
import static dev.floe.ops.OpsTestSupport.REC2;
import static dev.floe.ops.OpsTestSupport.REC3;
import static dev.floe.ops.OpsTestSupport.listOf;
import static dev.floe.ops.OpsTestSupport.logged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every aggregator of {@link Agg}, {@link CompoundAgg}, {@link TopMonotonicAgg} and
 * {@link LimitAgg}: called directly (the runtime {@link AggPlans.AggFn}) and through
 * {@code Block.execute()} in batch blocks (into vars, grouped, into PStates with
 * captureNewValInto) and outside them (into a TestPState per event). RAMA-API.md §2.9, §5.4, §5.6.
 */
class AggTest {
    @BeforeEach
    void clearLog() {
        OpsTestSupport.clear();
    }

    // ------------------------------------------------------------------------------ helpers

    static void assertTyped(Object expected, Object actual) {
        assertEquals(expected, actual);
        if (expected != null) {
            assertEquals(expected.getClass(), actual.getClass(), "type of " + actual);
        }
    }

    static AggSpec spec(Agg agg) {
        return AggBuilderAccess.spec(agg);
    }

    static AggPlans.AggFn fn(Agg agg) {
        AggSpec s = spec(agg);
        int amount = s.top() == null ? 0 : ((Number) ((Arg.Lit) s.top().amount()).value()).intValue();
        return AggPlans.of(s, amount);
    }

    /** Aggregates single-argument rows directly with the runtime aggregator. */
    static Object direct(Agg agg, List<?> values) {
        AggPlans.AggFn f = fn(agg);
        Object s = null;
        for (Object v : values) {
            s = f.add(s, new Object[] {v});
        }
        return f.finish(s);
    }

    /** Aggregates multi-argument rows directly. */
    static Object directRows(Agg agg, List<Object[]> rows) {
        AggPlans.AggFn f = fn(agg);
        Object s = null;
        for (Object[] r : rows) {
            s = f.add(s, r);
        }
        return f.finish(s);
    }

    /** The batch output of {@code agg} over the rows {@code *v} of {@code data}. */
    static Object batch(List<?> data, Agg agg) {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, data).out("*v")
                        .agg(agg).out("*r")
                        .each(REC, "*r"))
                .execute();
        List<Object> l = logged();
        assertEquals(1, l.size(), "a batch aggregation emits exactly once, got " + l);
        return l.get(0);
    }

    /** The batch output of {@code agg} over pairs {@code (*a, *b)}. */
    static Object batchPairs(List<List<?>> pairs, Agg agg) {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, pairs).out("*p")
                        .each(Ops.EXPAND, "*p").out("*a", "*b")
                        .agg(agg).out("*r")
                        .each(REC, "*r"))
                .execute();
        List<Object> l = logged();
        assertEquals(1, l.size(), "a batch aggregation emits exactly once, got " + l);
        return l.get(0);
    }

    /** Aggregates every {@code *v} of {@code data} into a TestPState, event by event (no batch block). */
    static void perEvent(TestPState tp, List<?> data, Agg agg) {
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, data).out("*v")
                .agg("$$p", agg)
                .execute();
    }

    static Object whole(TestPState tp) {
        return tp.selectOne(Path.stay());
    }

    // ------------------------------------------------------------------------------ count and sum

    @Test
    void countDirect() {
        AggPlans.AggFn f = fn(Agg.count());
        assertTyped(0L, f.finish(null));
        Object s = f.add(null, new Object[0]);
        assertTyped(1L, s);
        assertTyped(2L, f.add(s, new Object[0]));
        assertTyped(5L, f.combine(2L, 3L));
        assertTrue(f.isCombiner());
    }

    @Test
    void countInBatchIsLong() {
        assertTyped(3L, batch(List.of("a", "b", "c"), Agg.count()));
        assertTyped(0L, batch(List.of(), Agg.count()));
    }

    @Test
    void countIntoPStatePerEvent() {
        TestPState tp = TestPState.create(Long.class);
        perEvent(tp, List.of(1, 2, 3), Agg.count());
        assertTyped(3L, whole(tp));
        perEvent(tp, List.of(1), Agg.count());
        assertTyped(4L, whole(tp));
    }

    @Test
    void sumDirect() {
        assertTyped(6L, direct(Agg.sum("*v"), List.of(1, 2, 3)));
        assertTyped(6L, direct(Agg.sum("*v"), List.of(1L, 2, 3L)));
        assertTyped(4.0, direct(Agg.sum("*v"), List.of(1.5, 2.5)));
        assertTyped(3.5, direct(Agg.sum("*v"), List.of(1, 2.5)));
        assertTyped(0L, direct(Agg.sum("*v"), List.of()));
        assertTyped(3_000_000_000L, direct(Agg.sum("*v"), List.of(Integer.MAX_VALUE, 852_516_353)));
        assertTyped(7L, fn(Agg.sum("*v")).combine(3L, 4L));
        assertThrows(RuntimeException.class, () -> direct(Agg.sum("*v"), listOf(1, null)));
    }

    @Test
    void sumInBatchOfIntegersIsLong() {
        assertTyped(400L, batch(List.of(100, 300), Agg.sum("*v")));
        assertTyped(6L, batch(List.of(1L, 2L, 3L), Agg.sum("*v")));
        assertTyped(0.75, batch(List.of(0.25, 0.5), Agg.sum("*v")));
        assertTyped(0L, batch(List.of(), Agg.sum("*v")));
        assertTyped(4_294_967_294L, batch(List.of(Integer.MAX_VALUE, Integer.MAX_VALUE), Agg.sum("*v")));
    }

    @Test
    void sumIntoPStatePerEvent() {
        TestPState tp = TestPState.create(Long.class);
        perEvent(tp, List.of(5, 6), Agg.sum("*v"));
        assertTyped(11L, whole(tp));
    }

    @Test
    void outsideBatchTheAggregationIsAppliedPerEventAndTheCodeContinues() {
        TestPState tp = TestPState.create(Long.class);
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of(10, 20, 30)).out("*v")
                .agg("$$p", Agg.sum("*v"))
                .each(Ops.EXTRACT_VALUE, "$$p").out("*now")
                .each(REC2, "*v", "*now")
                .execute();
        assertEquals(List.of(List.of(10, 10L), List.of(20, 30L), List.of(30, 60L)), logged());
    }

    // ------------------------------------------------------------------------------ max, min, first, last

    @Test
    void maxAndMinKeepTheInputType() {
        assertTyped(9, direct(Agg.max("*v"), List.of(3, 9, 1)));
        assertTyped(1, direct(Agg.min("*v"), List.of(3, 9, 1)));
        assertTyped(9L, direct(Agg.max("*v"), List.of(3L, 9L)));
        assertTyped(5L, direct(Agg.max("*v"), List.of(1, 5L, 3)));
        assertTyped(2.5, direct(Agg.max("*v"), List.of(1, 2.5)));
        assertEquals("b", direct(Agg.max("*v"), List.of("a", "b")));
        assertNull(direct(Agg.max("*v"), List.of()));
        assertNull(direct(Agg.min("*v"), List.of()));
        assertTyped(4, fn(Agg.max("*v")).combine(4, 2));
        assertTyped(2, fn(Agg.min("*v")).combine(4, 2));

        assertTyped(9, batch(List.of(3, 9, 1), Agg.max("*v")));
        assertTyped(1, batch(List.of(3, 9, 1), Agg.min("*v")));
        assertTyped(-4L, batch(List.of(3L, -4L), Agg.min("*v")));
        assertNull(batch(List.of(), Agg.max("*v")));
        assertNull(batch(List.of(), Agg.min("*v")));
    }

    @Test
    void maxIntoPStatePerEvent() {
        TestPState tp = TestPState.create(Integer.class);
        perEvent(tp, List.of(3, 7, 2), Agg.max("*v"));
        assertTyped(7, whole(tp));
        perEvent(tp, List.of(1), Agg.min("*v"));
        assertTyped(1, whole(tp));
    }

    @Test
    void firstAndLast() {
        assertEquals("a", direct(Agg.first("*v"), List.of("a", "b", "c")));
        assertEquals("c", direct(Agg.last("*v"), List.of("a", "b", "c")));
        assertNull(direct(Agg.first("*v"), List.of()));
        assertNull(direct(Agg.last("*v"), List.of()));
        assertTyped(1, direct(Agg.first("*v"), List.of(1, 2L)));
        assertTyped(2L, direct(Agg.last("*v"), List.of(1, 2L)));

        assertEquals("a", batch(List.of("a", "b", "c"), Agg.first("*v")));
        assertEquals("c", batch(List.of("a", "b", "c"), Agg.last("*v")));
        assertNull(batch(List.of(), Agg.first("*v")));
        assertNull(batch(List.of(), Agg.last("*v")));

        TestPState tp = TestPState.create(String.class);
        perEvent(tp, List.of("x", "y"), Agg.first("*v"));
        assertEquals("x", whole(tp));
        perEvent(tp, List.of("z"), Agg.first("*v"));
        assertEquals("x", whole(tp));
        perEvent(tp, List.of("z", "w"), Agg.last("*v"));
        assertEquals("w", whole(tp));
    }

    /** A null state means "nothing aggregated yet", so nulls before the first value are not kept by first; max/min skip nulls. */
    @Test
    void nullInputs() {
        assertEquals(5, batch(listOf(null, 5, 6), Agg.first("*v")));
        assertNull(batch(listOf(5, null), Agg.last("*v")));
        assertTyped(5, batch(listOf(3, null, 5), Agg.max("*v")));
        assertTyped(3, batch(listOf(null, 3, 5), Agg.min("*v")));
        assertNull(batch(listOf(null, null), Agg.max("*v")));
        assertEquals(2L, batch(listOf(null, null), Agg.count()));
    }

    // ------------------------------------------------------------------------------ collections

    @Test
    void listKeepsOrder() {
        Object l = direct(Agg.list("*v"), List.of(3, 1, 2, 1));
        assertEquals(List.of(3, 1, 2, 1), l);
        assertInstanceOf(List.class, l);
        assertEquals(List.of(), direct(Agg.list("*v"), List.of()));
        assertEquals(listOf(null, 1), direct(Agg.list("*v"), listOf(null, 1)));
        assertFalse(fn(Agg.list("*v")).isCombiner());

        assertEquals(List.of("c", "a", "b"), batch(List.of("c", "a", "b"), Agg.list("*v")));
        Object empty = batch(List.of(), Agg.list("*v"));
        assertEquals(List.of(), empty);
        assertInstanceOf(List.class, empty);

        TestPState tp = TestPState.create(List.class);
        perEvent(tp, List.of(1, 2), Agg.list("*v"));
        perEvent(tp, List.of(3), Agg.list("*v"));
        assertEquals(List.of(1, 2, 3), whole(tp));
    }

    @Test
    void set() {
        Object s = direct(Agg.set("*v"), List.of(1, 2, 1, 3));
        assertEquals(Set.of(1, 2, 3), s);
        assertInstanceOf(Set.class, s);
        assertNull(direct(Agg.set("*v"), List.of()));
        assertEquals(Set.of(1, 2), fn(Agg.set("*v")).combine(Set.of(1), Set.of(2)));

        assertEquals(Set.of("a", "b"), batch(List.of("a", "b", "a"), Agg.set("*v")));
        assertNull(batch(List.of(), Agg.set("*v")));
    }

    @Test
    void setRemove() {
        Object s = fn(Agg.setRemove("*v")).add(Set.of(1, 2, 3), new Object[] {2});
        assertEquals(Set.of(1, 3), s);
        assertNull(direct(Agg.setRemove("*v"), List.of(1)));
        assertEquals(Set.of(1, 3), fn(Agg.setRemove("*v")).add(Set.of(1, 3), new Object[] {9}));

        TestPState tp = TestPState.create(PState.mapSchema(String.class, PState.setSchema(String.class)));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of("a", "b", "c")).out("*v")
                .compoundAgg("$$p", CompoundAgg.map("k", Agg.set("*v")))
                .execute();
        assertEquals(Set.of("a", "b", "c"), tp.selectOne(Path.key("k")));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of("a", "c", "zz")).out("*v")
                .compoundAgg("$$p", CompoundAgg.map("k", Agg.setRemove("*v")))
                .execute();
        assertEquals(Set.of("b"), tp.selectOne(Path.key("k")));

        // in a batch block, removing from nothing leaves nothing
        assertNull(batch(List.of("a"), Agg.setRemove("*v")));
    }

    @Test
    void mapLastWriteWins() {
        Object m = directRows(Agg.map("*k", "*v"), List.of(new Object[] {"a", 1}, new Object[] {"b", 2},
                new Object[] {"a", 3}));
        assertEquals(Map.of("a", 3, "b", 2), m);
        assertInstanceOf(Map.class, m);
        assertNull(directRows(Agg.map("*k", "*v"), List.of()));

        assertEquals(Map.of("a", 3, "b", 2),
                batchPairs(List.of(List.of("a", 1), List.of("b", 2), List.of("a", 3)), Agg.map("*a", "*b")));
        assertNull(batchPairs(List.of(), Agg.map("*a", "*b")));
    }

    @Test
    void merge() {
        Object m = direct(Agg.merge("*v"), List.of(Map.of("a", 1, "b", 1), Map.of("b", 2), Map.of("c", 3)));
        assertEquals(Map.of("a", 1, "b", 2, "c", 3), m);
        assertNull(direct(Agg.merge("*v"), List.of()));
        assertEquals(Map.of("a", 1), direct(Agg.merge("*v"), listOf(Map.of("a", 1), null)));

        assertEquals(Map.of("x", 2L, "y", 1L), batch(List.of(Map.of("x", 1L, "y", 1L), Map.of("x", 2L)), Agg.merge("*v")));
        assertNull(batch(List.of(), Agg.merge("*v")));
    }

    @Test
    void multiSetCountsAsLong() {
        Object m = direct(Agg.multiSet("*v"), List.of("a", "b", "a", "a"));
        assertEquals(Map.of("a", 3L, "b", 1L), m);
        for (Object c : ((Map<?, ?>) m).values()) {
            assertEquals(Long.class, c.getClass());
        }
        assertNull(direct(Agg.multiSet("*v"), List.of()));
        assertEquals(Map.of("a", 3L, "b", 1L), fn(Agg.multiSet("*v")).combine(Map.of("a", 1L), Map.of("a", 2L, "b", 1L)));

        assertEquals(Map.of(1, 2L, 2, 1L), batch(List.of(1, 2, 1), Agg.multiSet("*v")));
        assertNull(batch(List.of(), Agg.multiSet("*v")));
    }

    @Test
    void andOr() {
        assertEquals(true, direct(Agg.and("*v"), List.of(true, 1, "x")));
        assertEquals(false, direct(Agg.and("*v"), listOf(true, null)));
        assertEquals(false, direct(Agg.and("*v"), List.of(false, true)));
        assertEquals(true, direct(Agg.or("*v"), listOf(null, false, 0)));
        assertEquals(false, direct(Agg.or("*v"), listOf(null, false)));
        assertEquals(true, direct(Agg.and("*v"), List.of()));
        assertEquals(false, direct(Agg.or("*v"), List.of()));
        assertEquals(false, fn(Agg.and("*v")).combine(true, false));
        assertEquals(true, fn(Agg.or("*v")).combine(false, true));

        assertEquals(true, batch(List.of(1, 2), Agg.and("*v")));
        assertEquals(false, batch(listOf(1, null), Agg.and("*v")));
        assertEquals(true, batch(listOf(null, 2), Agg.or("*v")));
        assertEquals(false, batch(List.of(false), Agg.or("*v")));
        assertEquals(true, batch(List.of(), Agg.and("*v")));
        assertEquals(false, batch(List.of(), Agg.or("*v")));
        assertEquals(Boolean.class, batch(List.of(), Agg.and("*v")).getClass());
    }

    // ------------------------------------------------------------------------------ top-N

    @Test
    void topMonotonicDefaultsToDescending() {
        assertEquals(List.of(9, 5, 3), direct(Agg.topMonotonic(3, "*v"), List.of(5, 1, 9, 3)));
        assertEquals(List.of(9, 5, 3), batch(List.of(5, 1, 9, 3), Agg.topMonotonic(3, "*v")));
        assertEquals(List.of(2, 1), batch(List.of(1, 2), Agg.topMonotonic(3, "*v")));
        assertEquals(List.of(), batch(List.of(), Agg.topMonotonic(3, "*v")));
        assertEquals(List.of(), direct(Agg.topMonotonic(0, "*v"), List.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> Agg.topMonotonic(-1, "*v"));
    }

    @Test
    void topMonotonicAscending() {
        assertEquals(List.of(1, 3, 5), direct(Agg.topMonotonic(3, "*v").ascending(), List.of(5, 1, 9, 3)));
        assertEquals(List.of(1, 3), batch(List.of(5, 1, 9, 3), Agg.topMonotonic(2, "*v").ascending()));
    }

    @Test
    void topMonotonicIdFunctionLaterReplacesEarlier() {
        TopMonotonicAgg top = Agg.topMonotonic(3, "*v").idFunction(Ops.FIRST).sortValFunction(Ops.LAST);
        // a later element with the same id replaces the earlier one, even with a lower sort value
        assertEquals(List.of(List.of("b", 5), List.of("a", 1)),
                direct(top, List.of(List.of("a", 10), List.of("b", 5), List.of("a", 1))));
        assertEquals(List.of(List.of("a", 20), List.of("b", 5)),
                direct(top, List.of(List.of("a", 10), List.of("b", 5), List.of("a", 20))));
        // ties keep arrival order
        assertEquals(List.of(List.of("x", 1), List.of("y", 1)), direct(top, List.of(List.of("x", 1), List.of("y", 1))));
    }

    @Test
    void topMonotonicSortValFunction() {
        FloeFunction1<String, Integer> length = String::length;
        assertEquals(List.of("ccc", "bb"),
                direct(Agg.topMonotonic(2, "*v").sortValFunction(length), List.of("a", "ccc", "bb")));
        assertEquals(List.of("a", "bb"),
                batch(List.of("ccc", "a", "bb"), Agg.topMonotonic(2, "*v").sortValFunction(length).ascending()));
        assertThrows(IllegalStateException.class, () -> ((TopMonotonicAgg) Agg.count()).ascending());
    }

    @Test
    void topMonotonicCombineMergesPartials() {
        AggPlans.AggFn f = fn(Agg.topMonotonic(3, "*v").idFunction(Ops.FIRST).sortValFunction(Ops.LAST));
        assertTrue(f.isCombiner());
        Object merged = f.combine(List.of(List.of("a", 10), List.of("b", 7)), List.of(List.of("c", 8), List.of("a", 12),
                List.of("d", 1)));
        assertEquals(List.of(List.of("a", 12), List.of("c", 8), List.of("b", 7)), merged);
    }

    /** Rama's TopUsersModule: per-user totals with captureNewValInto, then top 3 users by total. */
    @Test
    void topUsersDavidsTotalOf350ReplacesHis100() {
        TestPState totals = TestPState.create(PState.mapSchema(Long.class, Long.class));
        TestPState top = TestPState.create(List.class);
        long alice = 0;
        long bob = 1;
        long charlie = 2;
        long david = 3;
        long emily = 4;
        runTopUsers(totals, top, List.of(List.of(alice, 300), List.of(bob, 200), List.of(charlie, 100),
                List.of(david, 100), List.of(emily, 400)));
        assertEquals(List.of(List.of(emily, 400L), List.of(alice, 300L), List.of(bob, 200L)), whole(top));
        runTopUsers(totals, top, List.of(List.of(david, 250)));
        assertEquals(List.of(List.of(emily, 400L), List.of(david, 350L), List.of(alice, 300L)), whole(top));
        assertEquals(List.of(emily, david, alice), top.select(Path.all().first()));
        assertTyped(350L, totals.selectOne(Path.key(david)));
    }

    private static void runTopUsers(TestPState totals, TestPState top, List<List<Object>> purchases) {
        Block userSpend = Block.each(Ops.IDENTITY, totals).out("$$userTotalSpend")
                .each(Ops.EXPLODE, purchases).out("*purchase")
                .each(Ops.EXPAND, "*purchase").out("*userId", "*purchaseCents")
                .hashPartition("*userId")
                .compoundAgg("$$userTotalSpend",
                        CompoundAgg.map("*userId", Agg.sum("*purchaseCents").captureNewValInto("*totalSpendCents")));
        Block.each(Ops.IDENTITY, top).out("$$topSpendingUsers")
                .batchBlock(Block.subBatch(new SubBatch(userSpend, "*userId", "*totalSpendCents"))
                        .out("*userId", "*totalSpendCents")
                        .each(Ops.TUPLE, "*userId", "*totalSpendCents").out("*tuple")
                        .globalPartition()
                        .agg("$$topSpendingUsers", Agg.topMonotonic(3, "*tuple")
                                .idFunction(Ops.FIRST)
                                .sortValFunction(Ops.LAST)))
                .execute();
    }

    @Test
    void topMonotonicIntoPStatePerEvent() {
        TestPState tp = TestPState.create(List.class);
        perEvent(tp, List.of(4, 8, 1, 6), Agg.topMonotonic(2, "*v"));
        assertEquals(List.of(8, 6), whole(tp));
    }

    // ------------------------------------------------------------------------------ custom aggregators

    /** Sums Longs; a combiner. */
    static final class LongSum implements FloeCombinerAgg<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long combine(Long curr, Long arg) {
            return curr + arg;
        }

        @Override
        public Long zeroVal() {
            return 0L;
        }
    }

    /** Keeps the longest string (the earlier on ties). */
    static final class Longest implements FloeCombinerAgg<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String combine(String curr, String arg) {
            return arg.length() > curr.length() ? arg : curr;
        }

        @Override
        public String zeroVal() {
            return "";
        }
    }

    @Test
    void combinerDirect() {
        AggPlans.AggFn f = fn(Agg.combiner(new LongSum(), "*v"));
        assertTrue(f.isCombiner());
        assertTyped(0L, f.finish(null));
        assertTyped(6L, direct(Agg.combiner(new LongSum(), "*v"), List.of(1L, 2L, 3L)));
        assertTyped(9L, f.combine(4L, 5L));
        assertTyped(4L, f.combine(4L, null));
        assertEquals("ccc", direct(Agg.combiner(new Longest(), "*v"), List.of("a", "ccc", "bb")));
    }

    @Test
    void combinerInBatchAndIntoPState() {
        assertTyped(60L, batch(List.of(10L, 20L, 30L), Agg.combiner(new LongSum(), "*v")));
        assertTyped(0L, batch(List.of(), Agg.combiner(new LongSum(), "*v")));
        assertEquals("", batch(List.of(), Agg.combiner(new Longest(), "*v")));
        TestPState tp = TestPState.create(Long.class);
        perEvent(tp, List.of(1L, 2L), Agg.combiner(new LongSum(), "*v"));
        assertTyped(3L, whole(tp));
        assertThrows(IllegalArgumentException.class, () -> Agg.combiner(null, "*v"));
    }

    static final class Acc0 implements FloeAccumulatorAgg0<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long accumulate(Long curr) {
            return curr + 10;
        }

        @Override
        public Long initVal() {
            return 1L;
        }
    }

    /** Appends its argument: order matters. */
    static final class Acc1 implements FloeAccumulatorAgg1<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String curr, Object a) {
            return curr + a;
        }

        @Override
        public String initVal() {
            return ">";
        }
    }

    static String joined(String curr, Object... args) {
        StringBuilder sb = new StringBuilder(curr).append('[');
        for (Object a : args) {
            sb.append(a);
        }
        return sb.append(']').toString();
    }

    static final class Acc2 implements FloeAccumulatorAgg2<String, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b) {
            return joined(c, a, b);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc3 implements FloeAccumulatorAgg3<String, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d) {
            return joined(c, a, b, d);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc4 implements FloeAccumulatorAgg4<String, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d, Object e) {
            return joined(c, a, b, d, e);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc5 implements FloeAccumulatorAgg5<String, Object, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d, Object e, Object f) {
            return joined(c, a, b, d, e, f);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc6 implements FloeAccumulatorAgg6<String, Object, Object, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d, Object e, Object f, Object g) {
            return joined(c, a, b, d, e, f, g);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc7 implements FloeAccumulatorAgg7<String, Object, Object, Object, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d, Object e, Object f, Object g, Object h) {
            return joined(c, a, b, d, e, f, g, h);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final class Acc8
            implements FloeAccumulatorAgg8<String, Object, Object, Object, Object, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public String accumulate(String c, Object a, Object b, Object d, Object e, Object f, Object g, Object h,
                Object i) {
            return joined(c, a, b, d, e, f, g, h, i);
        }

        @Override
        public String initVal() {
            return "";
        }
    }

    static final String[] VARS = {"*a0", "*a1", "*a2", "*a3", "*a4", "*a5", "*a6", "*a7"};

    /** The accumulator of arity n over the vars *a0..*a(n-1). */
    static Agg accumulatorOfArity(int n) {
        switch (n) {
            case 0:
                return Agg.accumulator(new Acc0());
            case 1:
                return Agg.accumulator(new Acc1(), VARS[0]);
            case 2:
                return Agg.accumulator(new Acc2(), VARS[0], VARS[1]);
            case 3:
                return Agg.accumulator(new Acc3(), VARS[0], VARS[1], VARS[2]);
            case 4:
                return Agg.accumulator(new Acc4(), VARS[0], VARS[1], VARS[2], VARS[3]);
            case 5:
                return Agg.accumulator(new Acc5(), VARS[0], VARS[1], VARS[2], VARS[3], VARS[4]);
            case 6:
                return Agg.accumulator(new Acc6(), VARS[0], VARS[1], VARS[2], VARS[3], VARS[4], VARS[5]);
            case 7:
                return Agg.accumulator(new Acc7(), VARS[0], VARS[1], VARS[2], VARS[3], VARS[4], VARS[5], VARS[6]);
            default:
                return Agg.accumulator(new Acc8(), VARS[0], VARS[1], VARS[2], VARS[3], VARS[4], VARS[5], VARS[6],
                        VARS[7]);
        }
    }

    static String expectedJoin(int arity, List<List<Integer>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<Integer> r : rows) {
            sb.append('[');
            for (int i = 0; i < arity; i++) {
                sb.append(r.get(i));
            }
            sb.append(']');
        }
        return sb.toString();
    }

    static final List<List<Integer>> ROWS = List.of(List.of(1, 2, 3, 4, 5, 6, 7, 8), List.of(9, 8, 7, 6, 5, 4, 3, 2),
            List.of(0, 0, 0, 0, 0, 0, 0, 1));

    @Test
    void accumulatorsOfEveryArityDirect() {
        assertTyped(31L, directRows(Agg.accumulator(new Acc0()), List.of(new Object[0], new Object[0], new Object[0])));
        assertTyped(1L, directRows(Agg.accumulator(new Acc0()), List.of()));
        assertEquals(">abc", direct(Agg.accumulator(new Acc1(), "*v"), List.of("a", "b", "c")));
        assertEquals(">", direct(Agg.accumulator(new Acc1(), "*v"), List.of()));
        assertFalse(fn(Agg.accumulator(new Acc1(), "*v")).isCombiner());
        for (int n = 2; n <= 8; n++) {
            List<Object[]> rows = new ArrayList<>();
            for (List<Integer> r : ROWS) {
                rows.add(r.subList(0, n).toArray());
            }
            assertEquals(expectedJoin(n, ROWS), directRows(accumulatorOfArity(n), rows), "arity " + n);
            assertEquals("", directRows(accumulatorOfArity(n), List.of()), "arity " + n + " with no rows");
        }
    }

    @Test
    void accumulatorsOfEveryArityInBatch() {
        for (int n = 0; n <= 8; n++) {
            OpsTestSupport.clear();
            Block.batchBlock(Block.each(Ops.EXPLODE, ROWS).out("*row")
                            .each(Ops.EXPAND, "*row").out(VARS)
                            .agg(accumulatorOfArity(n)).out("*r")
                            .each(REC, "*r"))
                    .execute();
            Object expected = n == 0 ? (Object) 31L : n == 1 ? ">190" : expectedJoin(n, ROWS);
            assertEquals(List.of(expected), logged(), "arity " + n);
        }
        // zero rows: the initial value
        assertEquals(">", batch(List.of(), Agg.accumulator(new Acc1(), "*v")));
        assertTyped(1L, batch(List.of(), Agg.accumulator(new Acc0())));
    }

    @Test
    void accumulatorIntoPStatePerEvent() {
        TestPState tp = TestPState.create(String.class);
        perEvent(tp, List.of("x", "y"), Agg.accumulator(new Acc1(), "*v"));
        assertEquals(">xy", whole(tp));
        perEvent(tp, List.of("z"), Agg.accumulator(new Acc1(), "*v"));
        assertEquals(">xyz", whole(tp));
    }

    @Test
    void combinerKinds() {
        Set<AggSpec.Kind> combiners = new HashSet<>();
        for (AggSpec.Kind k : AggSpec.Kind.values()) {
            if (k.isCombiner()) {
                combiners.add(k);
            }
        }
        assertEquals(Set.of(AggSpec.Kind.COUNT, AggSpec.Kind.SUM, AggSpec.Kind.MAX, AggSpec.Kind.MIN, AggSpec.Kind.SET,
                AggSpec.Kind.MULTI_SET, AggSpec.Kind.AND, AggSpec.Kind.OR, AggSpec.Kind.TOP_MONOTONIC,
                AggSpec.Kind.COMBINER), combiners);
    }

    // ------------------------------------------------------------------------------ groupBy

    @Test
    void groupByCountsPerKey() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("b", 2), List.of("a", 3))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*k", "*v")
                        .groupBy("*k", Block.agg(Agg.count()).out("*c")
                                .agg(Agg.sum("*v")).out("*s")
                                .agg(Agg.list("*v")).out("*l"))
                        .each((Object k, Object c, Object s, Object l) -> {
                            OpsTestSupport.LOG.add(Arrays.asList(k, c, s, l));
                            return null;
                        }, "*k", "*c", "*s", "*l"))
                .execute();
        assertEquals(List.of(List.of("a", 2L, 4L, List.of(1, 3)), List.of("b", 1L, 2L, List.of(2))), logged());
    }

    @Test
    void groupByWithZeroRowsHasNoGroups() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*k")
                        .groupBy("*k", Block.agg(Agg.count()).out("*c"))
                        .each(REC2, "*k", "*c"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of("after"), logged());
    }

    @Test
    void groupByTwoKeysWithIntegerAndLongKeysJoined() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("a", 1L), List.of("a", 2))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*k1", "*k2")
                        .groupBy("*k1", "*k2", Block.agg(Agg.count()).out("*c"))
                        .each(REC3, "*k1", "*k2", "*c"))
                .execute();
        assertEquals(List.of(List.of("a", 1, 2L), List.of("a", 2, 1L)), logged());
    }

    // ------------------------------------------------------------------------------ CompoundAgg

    @Test
    void compoundMapIntoTestPStatePerEvent() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class)));
        List<List<Object>> rows = List.of(List.of("alice", "mon", 3), List.of("alice", "tue", 4),
                List.of("bob", "mon", 5), List.of("alice", "mon", 10));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, rows).out("*row")
                .each(Ops.EXPAND, "*row").out("*user", "*day", "*amount")
                .compoundAgg("$$p", CompoundAgg.map("*user", CompoundAgg.map("*day", Agg.sum("*amount"))))
                .execute();
        assertEquals(Map.of("alice", Map.of("mon", 13L, "tue", 4L), "bob", Map.of("mon", 5L)), whole(tp));
        assertTyped(13L, tp.selectOne(Path.key("alice", "mon")));
    }

    @Test
    void compoundMapWithLiteralAndVarKeysIntoTestPState() {
        TestPState tp = TestPState.create(Map.class);
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of("x", "y", "x")).out("*k")
                .compoundAgg("$$p", CompoundAgg.map("total", Agg.count(),
                        "byKey", CompoundAgg.map("*k", Agg.count()),
                        "seen", Agg.list("*k")))
                .execute();
        assertEquals(Map.of("total", 3L, "byKey", Map.of("x", 2L, "y", 1L), "seen", List.of("x", "y", "x")), whole(tp));
    }

    @Test
    void compoundMapAsBatchOutput() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3, 4)).out("*v")
                        .each(Ops.IS_EVEN, "*v").out("*even")
                        .compoundAgg(CompoundAgg.map("count", Agg.count(), "sum", Agg.sum("*v"),
                                "byParity", CompoundAgg.map("*even", Agg.list("*v")))).out("*m")
                        .each(REC, "*m"))
                .execute();
        assertEquals(List.of(Map.of("count", 4L, "sum", 10L, "byParity", Map.of(false, List.of(1, 3), true, List.of(2, 4)))),
                logged());
    }

    @Test
    void compoundMapLiteralKeysArePresentWithZeroValuesWithoutRows() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .compoundAgg(CompoundAgg.map("count", Agg.count(), "sum", Agg.sum("*v"), "items", Agg.list("*v"),
                                "nested", CompoundAgg.map("max", Agg.max("*v")))).out("*m")
                        .each(REC, "*m"))
                .execute();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("count", 0L);
        expected.put("sum", 0L);
        expected.put("items", List.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("max", null);
        expected.put("nested", nested);
        assertEquals(List.of(expected), logged());
        Map<?, ?> m = (Map<?, ?>) logged().get(0);
        assertEquals(Long.class, m.get("count").getClass());
        assertTrue(((Map<?, ?>) m.get("nested")).containsKey("max"));
    }

    @Test
    void compoundListAsBatchOutputAndIntoPState() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(5, 7)).out("*v")
                        .compoundAgg(CompoundAgg.list(Agg.count(), Agg.sum("*v"), Agg.list("*v"))).out("*l")
                        .each(REC, "*l"))
                .execute();
        assertEquals(List.of(List.of(2L, 12L, List.of(5, 7))), logged());

        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .compoundAgg(CompoundAgg.list(Agg.count(), Agg.sum("*v"), Agg.set("*v"))).out("*l")
                        .each(REC, "*l"))
                .execute();
        assertEquals(List.of(listOf(0L, 0L, null)), logged());

        TestPState tp = TestPState.create(PState.mapSchema(String.class, List.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of(List.of("a", 1), List.of("a", 2), List.of("b", 3))).out("*row")
                .each(Ops.EXPAND, "*row").out("*k", "*v")
                .compoundAgg("$$p", CompoundAgg.map("*k", CompoundAgg.list(Agg.count(), Agg.max("*v"))))
                .execute();
        assertEquals(Map.of("a", List.of(2L, 2), "b", List.of(1L, 3)), whole(tp));
    }

    @Test
    void compoundMapNeedsPairs() {
        assertThrows(IllegalArgumentException.class, () -> CompoundAgg.map("*k"));
        assertThrows(FloeCompileException.class, () -> Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .compoundAgg(CompoundAgg.map()).out("*m")).execute());
    }

    // ------------------------------------------------------------------------------ into PStates in batch blocks

    @Test
    void aggIntoPStateInBatchRunsPostAggOnce() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b", "a")).out("*k")
                        .compoundAgg("$$p", CompoundAgg.map("*k", Agg.count()))
                        .each(REC, "post"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of("post", "after"), logged());
        assertEquals(Map.of("a", 2L, "b", 1L), whole(tp));
    }

    @Test
    void captureNewValIntoEmitsOncePerChangedLocation() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        OpsTestSupport.clear();
        runCapture(tp, List.of("a", "b", "a"));
        assertEquals(List.of(List.of("a", 2L), List.of("b", 1L)), logged());
        OpsTestSupport.clear();
        runCapture(tp, List.of("b", "c"));
        assertEquals(List.of(List.of("b", 2L), List.of("c", 1L)), logged());
        assertEquals(Map.of("a", 2L, "b", 2L, "c", 1L), whole(tp));
        OpsTestSupport.clear();
        runCapture(tp, List.of());
        assertEquals(List.of(), logged());
    }

    private static void runCapture(TestPState tp, List<String> keys) {
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, keys).out("*k")
                        .compoundAgg("$$p", CompoundAgg.map("*k", Agg.count().captureNewValInto("*new")))
                        .each(REC2, "*k", "*new"))
                .execute();
    }

    @Test
    void captureNewValIntoNestedKeys() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class)));
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("u1", "d1", 1), List.of("u1", "d2", 2),
                                List.of("u1", "d1", 3), List.of("u2", "d1", 4))).out("*row")
                        .each(Ops.EXPAND, "*row").out("*u", "*d", "*x")
                        .compoundAgg("$$p", CompoundAgg.map("*u",
                                CompoundAgg.map("*d", Agg.sum("*x").captureNewValInto("*new"))))
                        .each(REC3, "*u", "*d", "*new"))
                .execute();
        assertEquals(List.of(List.of("u1", "d1", 4L), List.of("u1", "d2", 2L), List.of("u2", "d1", 4L)), logged());
    }

    @Test
    void captureNewValIntoTopLevelAgg() {
        TestPState tp = TestPState.create(Long.class);
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(1, 2, 3)).out("*v")
                        .agg("$$p", Agg.sum("*v").captureNewValInto("*new"))
                        .each(REC, "*new"))
                .execute();
        assertEquals(List.of(6L), logged());
        assertTyped(6L, whole(tp));
    }

    @Test
    void captureNewValIntoWithTopMonotonicAndList() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, List.class));
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("k", 3), List.of("k", 9), List.of("k", 5))).out("*row")
                        .each(Ops.EXPAND, "*row").out("*k", "*v")
                        .compoundAgg("$$p", CompoundAgg.map("*k", Agg.topMonotonic(2, "*v").captureNewValInto("*top")))
                        .each(REC2, "*k", "*top"))
                .execute();
        assertEquals(List.of(List.of("k", List.of(9, 5))), logged());
    }

    /** Rama's CaptureNewValIntoModule: two captures at one location give one post-agg row with both values. */
    @Test
    void captureNewValIntoSeveralAggregatorsAtOneLocation() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, PState.mapSchema(String.class, List.class)));
        OpsTestSupport.clear();
        runTwoCaptures(tp, List.of(List.of("a", "b", 3), List.of("a", "c", 2), List.of("d", "b", 9), List.of("a", "b", 4)));
        assertEquals(Set.of(List.of("a", "b", 2L, 7L), List.of("a", "c", 1L, 2L), List.of("d", "b", 1L, 9L)),
                new HashSet<>(logged()));
        assertEquals(3, logged().size());
        OpsTestSupport.clear();
        runTwoCaptures(tp, List.of(List.of("a", "b", 1), List.of("f", "g", 11)));
        assertEquals(List.of(List.of("a", "b", 3L, 8L), List.of("f", "g", 1L, 11L)), logged());
        assertEquals(List.of(3L, 8L), tp.selectOne(Path.key("a", "b")));
    }

    private static void runTwoCaptures(TestPState tp, List<List<Object>> tuples) {
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, tuples).out("*tuple")
                        .each(Ops.EXPAND, "*tuple").out("*k1", "*k2", "*v")
                        .hashPartition("*k1")
                        .compoundAgg("$$p", CompoundAgg.map("*k1", CompoundAgg.map("*k2", CompoundAgg.list(
                                Agg.count().captureNewValInto("*count"),
                                Agg.sum("*v").captureNewValInto("*sum")))))
                        .each((Object k1, Object k2, Object count, Object sum) -> {
                            OpsTestSupport.LOG.add(Arrays.asList(k1, k2, count, sum));
                            return null;
                        }, "*k1", "*k2", "*count", "*sum"))
                .execute();
    }

    @Test
    void captureNewValIntoAlongOneChainOfKeys() {
        // a capture at [*k] and one at [*k, *k2]: one row per deepest location, each with final values
        TestPState tp = TestPState.create(Map.class);
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", "x"), List.of("a", "y"), List.of("a", "x"))).out("*t")
                        .each(Ops.EXPAND, "*t").out("*k", "*k2")
                        .compoundAgg("$$p", CompoundAgg.map("*k", CompoundAgg.list(
                                Agg.count().captureNewValInto("*total"),
                                CompoundAgg.map("*k2", Agg.count().captureNewValInto("*n")))))
                        .each(REC3, "*k2", "*total", "*n"))
                .execute();
        assertEquals(List.of(List.of("x", 3L, 2L), List.of("y", 3L, 1L)), logged());
    }

    @Test
    void captureNewValIntoCannotBranch() {
        TestPState tp = TestPState.create(Map.class);
        // two maps in a list
        FloeCompileException e1 = assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", "b", "c", 1))).out("*t")
                        .each(Ops.EXPAND, "*t").out("*k", "*k2", "*k3", "*v")
                        .compoundAgg("$$p", CompoundAgg.map("*k", CompoundAgg.list(
                                CompoundAgg.map("*k2", Agg.count().captureNewValInto("*count")),
                                CompoundAgg.map("*k3", Agg.sum("*v").captureNewValInto("*sum"))))))
                .execute());
        assertTrue(e1.getMessage().contains("different branches"), e1.getMessage());
        // two keys of one map
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("a", "b", "c", 1))).out("*t")
                        .each(Ops.EXPAND, "*t").out("*k", "*k2", "*k3", "*v")
                        .compoundAgg("$$p", CompoundAgg.map("*k", CompoundAgg.map(
                                "*k2", Agg.count().captureNewValInto("*count"),
                                "*k3", Agg.sum("*v").captureNewValInto("*sum")))))
                .execute());
        // the same captured var twice
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, tp).out("$$p")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                        .compoundAgg("$$p", CompoundAgg.map("a", CompoundAgg.list(
                                Agg.count().captureNewValInto("*n"), Agg.sum("*v").captureNewValInto("*n")))))
                .execute());
    }

    @Test
    void captureNewValIntoIsOnlyForBatchAggregationIntoPStates() {
        assertThrows(IllegalArgumentException.class, () -> Agg.count().captureNewValInto("new"));
        TestPState tp = TestPState.create(Long.class);
        // outside a batch block
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, tp).out("$$p")
                .agg("$$p", Agg.count().captureNewValInto("*n")).execute());
        // into a var in a batch block
        assertThrows(FloeCompileException.class, () -> Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .agg(Agg.count().captureNewValInto("*n")).out("*c")).execute());
    }

    @Test
    void aggregationsOutsideBatchNeedAPState() {
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .agg(Agg.count()).out("*c").execute());
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .limitAgg(LimitAgg.create(1, "*v")).execute());
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .groupBy("*v", Block.agg(Agg.count()).out("*c")).execute());
    }

    @Test
    void arityOfBuiltInAggregatorsIsChecked() {
        assertThrows(FloeCompileException.class, () -> Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                .agg(dev.floe.builder.AggBuilder.of(AggSpec.Kind.SUM)).out("*c")).execute());
    }

    // ------------------------------------------------------------------------------ limitAgg

    static List<Object> limit(List<?> data, LimitAgg agg) {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, data).out("*v")
                        .limitAgg(agg)
                        .each(REC, "*v"))
                .execute();
        return logged();
    }

    @Test
    void limitAggKeepsTheFirstRows() {
        assertEquals(List.of(5, 1), limit(List.of(5, 1, 4, 2), LimitAgg.create(2, "*v")));
        assertEquals(List.of(5, 1, 4, 2), limit(List.of(5, 1, 4, 2), LimitAgg.create(10, "*v")));
        assertEquals(List.of(), limit(List.of(5, 1), LimitAgg.create(0, "*v")));
        assertEquals(List.of(), limit(List.of(), LimitAgg.create(3, "*v")));
    }

    @Test
    void limitAggSortAndReverse() {
        assertEquals(List.of(1, 2), limit(List.of(5, 1, 4, 2), LimitAgg.create(2, "*v").sort("*v")));
        assertEquals(List.of(5, 4), limit(List.of(5, 1, 4, 2), LimitAgg.create(2, "*v").sort("*v").reverse()));
        assertEquals(List.of(1L, 2, 3L), limit(List.of(3L, 2, 1L), LimitAgg.create(5, "*v").sort("*v")));
    }

    @Test
    void limitAggIndexVarAndSeveralVars() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(List.of("ann", 7), List.of("bo", 9), List.of("cy", 3))).out("*p")
                        .each(Ops.EXPAND, "*p").out("*name", "*score")
                        .limitAgg(LimitAgg.create(2, "*name", "*score").sort("*score").reverse().indexVar("*i"))
                        .each(REC3, "*i", "*name", "*score"))
                .execute();
        assertEquals(List.of(List.of(0, "bo", 9), List.of(1, "ann", 7)), logged());
        assertEquals(Integer.class, ((List<?>) logged().get(0)).get(0).getClass());
    }

    @Test
    void limitAggAmountFromAVar() {
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, 2).out("*n")
                .batchBlock(Block.each(Ops.EXPLODE, List.of(4, 3, 2, 1)).out("*v")
                        .limitAgg(LimitAgg.create("*n", "*v").sort("*v"))
                        .each(REC, "*v"))
                .execute();
        assertEquals(List.of(1, 2), logged());
        OpsTestSupport.clear();
        Block.each(Ops.IDENTITY, 2).out("*n")
                .batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .limitAgg(LimitAgg.create("*n", "*v"))
                        .each(REC, "*v"))
                .each(REC, "after")
                .execute();
        assertEquals(List.of("after"), logged());
    }

    /** Rama's LimitWithOptionsModule: the sort var is not kept, reverse sorts descending, index per row. */
    @Test
    void limitAggWithAllOptionsLikeRamasExample() {
        List<List<Integer>> tuples = List.of(List.of(1, 2, 3), List.of(10, 11, 12), List.of(6, 4, 5),
                List.of(1000, 1000, 1000));
        OpsTestSupport.clear();
        Block.batchBlock(Block.subBatch(new SubBatch(Block.each(Ops.EXPLODE, tuples).out("*tuple")
                                .each(Ops.EXPAND, "*tuple").out("*v1", "*v2", "*v3")
                                .globalPartition()
                                .limitAgg(LimitAgg.create(3, "*v1", "*v3").sort("*v2").reverse().indexVar("*index"))
                                .each(REC3, "*index", "*v1", "*v3"),
                                "*v1", "*v3")).out("*x", "*y")
                        .originPartition()
                        .agg(Agg.sum("*x")).out("*res1")
                        .agg(Agg.sum("*y")).out("*res2")
                        .each(Ops.TUPLE, "*res1", "*res2").out("*res")
                        .each(REC, "*res"))
                .execute();
        assertEquals(List.of(List.of(0, 1000, 1000), List.of(1, 10, 12), List.of(2, 6, 5), List.of(1016L, 1017L)), logged());
        // without options: the first three rows
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, tuples).out("*tuple")
                        .each(Ops.EXPAND, "*tuple").out("*v1", "*v2", "*v3")
                        .limitAgg(LimitAgg.create(3, "*v1", "*v3"))
                        .each(REC2, "*v1", "*v3"))
                .execute();
        assertEquals(List.of(List.of(1, 3), List.of(10, 12), List.of(6, 5)), logged());
        // the sort var is not bound after a limitAgg that does not keep it
        assertThrows(FloeCompileException.class, () -> Block.batchBlock(Block.each(Ops.EXPLODE, tuples).out("*tuple")
                        .each(Ops.EXPAND, "*tuple").out("*v1", "*v2", "*v3")
                        .limitAgg(LimitAgg.create(3, "*v1").sort("*v2"))
                        .each(REC, "*v2"))
                .execute());
    }

    @Test
    void limitAggInsideGroupBy() {
        List<List<Object>> rows = List.of(List.of("a", 5), List.of("b", 1), List.of("a", 9), List.of("a", 7),
                List.of("b", 3));
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, rows).out("*row")
                        .each(Ops.EXPAND, "*row").out("*k", "*v")
                        .groupBy("*k", Block.limitAgg(LimitAgg.create(2, "*v").sort("*v").reverse().indexVar("*i")))
                        .each(REC3, "*k", "*i", "*v"))
                .execute();
        assertEquals(List.of(List.of("a", 0, 9), List.of("a", 1, 7), List.of("b", 0, 3), List.of("b", 1, 1)), logged());
        // the group key may also be listed among the kept vars
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, rows).out("*row")
                        .each(Ops.EXPAND, "*row").out("*k", "*v")
                        .groupBy("*k", Block.limitAgg(LimitAgg.create(1, "*k", "*v")))
                        .each(REC2, "*k", "*v"))
                .execute();
        assertEquals(List.of(List.of("a", 5), List.of("b", 1)), logged());
        // limitAgg does not combine with other aggregators
        assertThrows(FloeCompileException.class, () -> Block.batchBlock(Block.each(Ops.EXPLODE, rows).out("*row")
                        .each(Ops.EXPAND, "*row").out("*k", "*v")
                        .groupBy("*k", Block.limitAgg(LimitAgg.create(1, "*v")).agg(Agg.count()).out("*c")))
                .execute());
    }

    @Test
    void limitAggAmountMustBeKnownBeforeTheRows() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () -> Block.batchBlock(
                        Block.each(Ops.EXPLODE, List.of(1, 2)).out("*v")
                                .limitAgg(LimitAgg.create("*v", "*v")))
                .execute());
        assertTrue(e.getMessage().contains("amount"), e.getMessage());
    }

    /** Rama's GroupByModule: count and sum per key, then the top two by sum. */
    @Test
    void groupByThenTopMonotonicLikeRamasExample() {
        List<List<Object>> tuples = List.of(List.of("apple", 1), List.of("banana", 9), List.of("apple", 6),
                List.of("plum", 1), List.of("plum", 1), List.of("plum", 1));
        OpsTestSupport.clear();
        Block.batchBlock(Block.subBatch(new SubBatch(Block.each(Ops.EXPLODE, tuples).out("*tuple")
                                .each(Ops.EXPAND, "*tuple").out("*k", "*val")
                                .groupBy("*k", Block.agg(Agg.count()).out("*count").agg(Agg.sum("*val")).out("*sum")),
                                "*k", "*count", "*sum")).out("*k", "*count", "*sum")
                        .each(Ops.TUPLE, "*k", "*count", "*sum").out("*tuple")
                        .originPartition()
                        .agg(Agg.topMonotonic(2, "*tuple").idFunction(Ops.FIRST).sortValFunction(Ops.LAST)).out("*top")
                        .each(REC, "*top"))
                .execute();
        assertEquals(List.of(List.of(List.of("banana", 1L, 9L), List.of("apple", 2L, 7L))), logged());
    }

    // ------------------------------------------------------------------------------ several aggregators

    @Test
    void severalAggregatorsInOneBatchWithZeroRows() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of()).out("*v")
                        .agg(Agg.count()).out("*count")
                        .agg(Agg.sum("*v")).out("*sum")
                        .agg(Agg.list("*v")).out("*list")
                        .agg(Agg.set("*v")).out("*set")
                        .agg(Agg.map("*v", "*v")).out("*map")
                        .agg(Agg.max("*v")).out("*max")
                        .agg(Agg.min("*v")).out("*min")
                        .agg(Agg.first("*v")).out("*first")
                        .agg(Agg.last("*v")).out("*last")
                        .agg(Agg.and("*v")).out("*and")
                        .agg(Agg.or("*v")).out("*or")
                        .each(Ops.TUPLE, "*count", "*sum", "*list", "*set", "*map", "*max", "*min", "*first").out("*t1")
                        .each(Ops.TUPLE, "*last", "*and", "*or").out("*t2")
                        .each(REC2, "*t1", "*t2"))
                .execute();
        assertEquals(List.of(List.of(listOf(0L, 0L, List.of(), null, null, null, null, null), listOf(null, true, false))),
                logged());
    }

    @Test
    void severalAggregatorsInOneBatch() {
        OpsTestSupport.clear();
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of(3, 1, 2)).out("*v")
                        .agg(Agg.count()).out("*count")
                        .agg(Agg.sum("*v")).out("*sum")
                        .agg(Agg.max("*v")).out("*max")
                        .each(REC3, "*count", "*sum", "*max"))
                .execute();
        assertEquals(List.of(List.of(3L, 6L, 3)), logged());
    }
}
