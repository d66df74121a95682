package dev.floe.examples.topn;

import dev.floe.FloeSerializable;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.Ops;

import java.util.List;

/**
 * Top-N with a batch block: the users who spent the most, kept up to date microbatch by
 * microbatch without ever sorting all users.
 *
 * <p>Clients append {@link Purchase}s to {@code *purchases}, on any partition ({@code random}).
 * Each microbatch of the topology {@code spend} runs one batch block:
 * <ol>
 *   <li>pre-aggregation: each purchase moves to its user's task ({@code hashPartition}), where it
 *       is added to the user's total in {@code $$userTotals}; the row it emits is the pair
 *       {@code [userId, total after this purchase]}, sent to task 0 ({@code globalPartition});</li>
 *   <li>aggregation, on task 0: {@code Agg.topMonotonic} merges the microbatch's rows into the
 *       global {@code $$topSpenders}, the best {@link #TOP_AMOUNT} {@code [userId, total]} pairs,
 *       best first. Its id function is the pair's first element, so a user's later pair replaces
 *       the earlier one: a user is listed once, with its latest total.</li>
 * </ol>
 * Merging only the pairs of users who bought something is right because totals only grow: a user
 * outside the top list can enter it only by buying, which merges its new total. That is why
 * {@code topMonotonic} has its name, and why purchases of zero or less (refunds) are ignored
 * here: they would need a recount. A user's pairs all come from the user's task in the order they
 * were computed, and messages between two tasks arrive in send order, so the latest pair — the
 * largest total — is the one that stays. Being a microbatch topology, every purchase counts
 * exactly once in both PStates.
 *
 * <p>The query topologies {@code topSpenders(n)} (the first {@code n} of the list, read on task 0)
 * and {@code totalSpend(userId)} read committed data.
 *
 * <p>Rama writes this with a {@code SubBatch} that aggregates the totals per user first
 * ({@code captureNewValInto}) and emits one pair per user; this runtime cannot run that shape yet
 * (see {@code docs/examples.md}).
 */
public final class TopSpendersModule implements FloeModule {
    /** A purchase of {@code cents} by a user. */
    public record Purchase(long userId, long cents) implements FloeSerializable {}

    /** How many users {@code $$topSpenders} keeps. */
    public static final int TOP_AMOUNT = 10;

    /**
     * The first {@code n} elements of a list (all of them when it is shorter; none for null). Any
     * integral {@code n}: Java clients pass an Integer, Clojure clients a Long.
     */
    public static List<Object> firstN(List<Object> list, Number n) {
        if (list == null) {
            return List.of();
        }
        return List.copyOf(list.subList(0, (int) Math.max(0, Math.min(n.longValue(), list.size()))));
    }

    // The functions the topologies call, as values: the Clojure twin (floe.examples.topn) calls the
    // very same ones, so both compile to the same IR.

    /** {@link Purchase#userId}. */
    public static final FloeFunction1<Purchase, Long> PURCHASE_USER_ID = Purchase::userId;
    /** {@link Purchase#cents}. */
    public static final FloeFunction1<Purchase, Long> PURCHASE_CENTS = Purchase::cents;
    /** {@link #firstN} as a function value. */
    public static final FloeFunction2<List<Object>, Number, List<Object>> FIRST_N = TopSpendersModule::firstN;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*purchases", Depot.random());

        var top = topologies.microbatch("spend");
        top.pstate("$$userTotals", PState.mapSchema(Long.class, Long.class));
        top.pstate("$$topSpenders", List.class).global().initialValue(List.of());

        top.source("*purchases").out("*microbatch")
                .batchBlock(Block.explodeMicrobatch("*microbatch").out("*purchase")
                        .each(PURCHASE_USER_ID, "*purchase").out("*userId")
                        .each(PURCHASE_CENTS, "*purchase").out("*cents")
                        .keepTrue(new Expr(Ops.GREATER_THAN, "*cents", 0L))
                        // pre-aggregation, on the user's task: the running total after this purchase
                        .hashPartition("*userId")
                        .localTransform("$$userTotals", Path.key("*userId").nullToVal(0L).term(Ops.PLUS_LONG, "*cents"))
                        .localSelect("$$userTotals", Path.key("*userId")).out("*total")
                        .each(Ops.TUPLE, "*userId", "*total").out("*entry")
                        .globalPartition()
                        // aggregation, on task 0: the microbatch's entries merged into the top list
                        .agg("$$topSpenders", Agg.topMonotonic(TOP_AMOUNT, "*entry")
                                .idFunction(Ops.FIRST)
                                .sortValFunction(Ops.LAST)));

        topologies.query("topSpenders", "*n").out("*top")
                .globalPartition()
                .localSelect("$$topSpenders", Path.stay()).out("*all")
                .each(FIRST_N, "*all", "*n").out("*top")
                .originPartition();

        topologies.query("totalSpend", "*userId").out("*total")
                .hashPartition("*userId")
                .localSelect("$$userTotals", Path.key("*userId").nullToVal(0L)).out("*total")
                .originPartition();
    }
}
