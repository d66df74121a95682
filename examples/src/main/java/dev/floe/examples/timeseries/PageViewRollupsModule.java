package dev.floe.examples.timeseries;

import dev.floe.FloeSerializable;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Time-series rollups: page views counted per URL in minute and hour buckets, and range queries
 * that read as few buckets as possible.
 *
 * <p>Clients append {@link PageView}s to {@code *pageViews}, which keeps every view of one URL on
 * the same task ({@code hashBy} the URL). The microbatch topology {@code rollups} adds each view
 * of a microbatch to its minute bucket in {@code $$minuteViews} and its hour bucket in
 * {@code $$hourViews}; both map a URL to a subindexed map from bucket number (minutes or hours
 * since the epoch) to a count. A subindexed map is stored one entry per key, sorted, so a URL may
 * have any number of buckets and a range of them is read without loading the rest. Being a
 * microbatch topology, every view is counted exactly once in both rollups, and the two rollups
 * always agree.
 *
 * <p>The query topology {@code viewsBetween(url, startMillis, endMillis)} counts the views whose
 * minute lies in {@code [minute(startMillis), minute(endMillis))}: {@link #split} cuts that range
 * into whole hours in the middle and leftover minutes at both ends, and the query sums each piece
 * with {@code sortedMapRange} over the right rollup. A range of a week reads about 168 hour
 * buckets and at most 118 minute buckets instead of 10,080 minute buckets.
 */
public final class PageViewRollupsModule implements FloeModule {
    /** One view of a URL at a time in milliseconds since the epoch. */
    public record PageView(String url, long epochMillis) implements FloeSerializable {}

    /** Milliseconds in a minute. */
    public static final long MINUTE_MILLIS = 60_000L;

    /** Minutes in an hour. */
    public static final long HOUR_MINUTES = 60L;

    /** The minute bucket of a time: whole minutes since the epoch (floor, also for negative times). */
    public static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MILLIS);
    }

    /** The hour bucket of a time: whole hours since the epoch. */
    public static long hourOf(long epochMillis) {
        return Math.floorDiv(minuteOf(epochMillis), HOUR_MINUTES);
    }

    /**
     * The pieces of the minute range {@code [startMinute, endMinute)}, each
     * {@code [rollup, fromBucket, toBucket)} with rollup {@code "minute"} or {@code "hour"}: whole
     * hours in the middle, minutes before the first and after the last whole hour.
     */
    public static List<List<Object>> split(long startMinute, long endMinute) {
        List<List<Object>> pieces = new ArrayList<>();
        if (endMinute <= startMinute) {
            return pieces;
        }
        long firstHour = Math.floorDiv(startMinute + HOUR_MINUTES - 1, HOUR_MINUTES);
        long endHour = Math.floorDiv(endMinute, HOUR_MINUTES);
        if (firstHour >= endHour) {
            pieces.add(List.of("minute", startMinute, endMinute));
            return pieces;
        }
        if (startMinute < firstHour * HOUR_MINUTES) {
            pieces.add(List.of("minute", startMinute, firstHour * HOUR_MINUTES));
        }
        pieces.add(List.of("hour", firstHour, endHour));
        if (endHour * HOUR_MINUTES < endMinute) {
            pieces.add(List.of("minute", endHour * HOUR_MINUTES, endMinute));
        }
        return pieces;
    }

    // The functions the topologies call, as values: the Clojure twin (floe.examples.timeseries)
    // calls the very same ones, so both compile to the same IR.

    /** {@link PageView#url} (also the depot's partitioner key). */
    public static final FloeFunction1<PageView, String> PAGE_VIEW_URL = PageView::url;
    /** {@link PageView#epochMillis}. */
    public static final FloeFunction1<PageView, Long> PAGE_VIEW_MILLIS = PageView::epochMillis;
    /** {@link #minuteOf} as a function value. */
    public static final FloeFunction1<Long, Long> MINUTE_OF = PageViewRollupsModule::minuteOf;
    /** {@link #hourOf} as a function value. */
    public static final FloeFunction1<Long, Long> HOUR_OF = PageViewRollupsModule::hourOf;
    /** {@link #split} as a function value. */
    public static final FloeFunction2<Long, Long, List<List<Object>>> SPLIT = PageViewRollupsModule::split;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*pageViews", Depot.hashBy(PAGE_VIEW_URL));

        var rollups = topologies.microbatch("rollups");
        rollups.pstate("$$minuteViews", PState.mapSchema(String.class, PState.mapSchema(Long.class, Long.class).subindexed()));
        rollups.pstate("$$hourViews", PState.mapSchema(String.class, PState.mapSchema(Long.class, Long.class).subindexed()));
        rollups.source("*pageViews").out("*microbatch")
                .explodeMicrobatch("*microbatch").out("*view")
                .each(PAGE_VIEW_URL, "*view").out("*url")
                .each(PAGE_VIEW_MILLIS, "*view").out("*millis")
                .each(MINUTE_OF, "*millis").out("*minute")
                .each(HOUR_OF, "*millis").out("*hour")
                .compoundAgg("$$minuteViews", CompoundAgg.map("*url", CompoundAgg.map("*minute", Agg.count())))
                .compoundAgg("$$hourViews", CompoundAgg.map("*url", CompoundAgg.map("*hour", Agg.count())));

        topologies.query("viewsBetween", "*url", "*startMillis", "*endMillis").out("*views")
                .hashPartition("*url")
                .each(MINUTE_OF, "*startMillis").out("*startMinute")
                .each(MINUTE_OF, "*endMillis").out("*endMinute")
                .each(Ops.EXPLODE, new Expr(SPLIT, "*startMinute", "*endMinute")).out("*piece")
                .each(Ops.EXPAND, "*piece").out("*rollup", "*from", "*to")
                .ifTrue(new Expr(Ops.EQUAL, "*rollup", "hour"),
                        Block.localSelect("$$hourViews",
                                Path.key("*url").sortedMapRange("*from", "*to").mapVals()).out("*count"),
                        Block.localSelect("$$minuteViews",
                                Path.key("*url").sortedMapRange("*from", "*to").mapVals()).out("*count"))
                .originPartition()
                .agg(Agg.sum("*count")).out("*views");
    }
}
