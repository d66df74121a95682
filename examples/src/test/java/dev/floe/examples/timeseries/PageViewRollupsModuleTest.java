package dev.floe.examples.timeseries;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.timeseries.PageViewRollupsModule.PageView;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.floe.examples.timeseries.PageViewRollupsModule.HOUR_MINUTES;
import static dev.floe.examples.timeseries.PageViewRollupsModule.MINUTE_MILLIS;
import static dev.floe.examples.timeseries.PageViewRollupsModule.hourOf;
import static dev.floe.examples.timeseries.PageViewRollupsModule.minuteOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page-view rollups and their range query against counting the views directly, on every
 * {@link LaunchConfigs} configuration, threaded and deterministic.
 */
class PageViewRollupsModuleTest {
    private static final String M = PageViewRollupsModule.class.getName();
    /** 2023-11-14T22:13:20Z, a Tuesday. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR_MILLIS = HOUR_MINUTES * MINUTE_MILLIS;
    private static final List<String> URLS = List.of("/", "/about", "/blog/floe", "/pricing");

    /** The query's definition, on the raw views. */
    private static long model(List<PageView> views, String url, long startMillis, long endMillis) {
        long lo = minuteOf(startMillis);
        long hi = minuteOf(endMillis);
        return views.stream().filter(v -> v.url().equals(url) && minuteOf(v.epochMillis()) >= lo
                && minuteOf(v.epochMillis()) < hi).count();
    }

    /** Appends views and waits until the rollups have counted them and the {@code before} views appended earlier. */
    private static void record(InProcessCluster c, List<PageView> views, int before) {
        Depot depot = c.clusterDepot(M, "*pageViews");
        for (PageView v : views) {
            depot.append(v, AckLevel.APPEND_ACK);
        }
        c.waitForMicrobatchProcessedCount(M, "rollups", before + views.size());
    }

    @Test
    void rangesMixMinuteAndHourBuckets() {
        long hour = T0 - Math.floorMod(T0, HOUR_MILLIS);   // the start of T0's hour
        List<PageView> views = List.of(
                new PageView("/a", hour - 1),                          // last minute of the previous hour
                new PageView("/a", hour),
                new PageView("/a", hour + 59 * MINUTE_MILLIS),
                new PageView("/a", hour + HOUR_MILLIS + 30 * MINUTE_MILLIS),
                new PageView("/a", hour + 3 * HOUR_MILLIS + 5),
                new PageView("/b", hour + 10));
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new PageViewRollupsModule(), config);
                record(c, views, 0);
                QueryTopologyClient<Long> between = c.clusterQuery(M, "viewsBetween");
                assertEquals(5L, between.invoke("/a", hour - HOUR_MILLIS, hour + 4 * HOUR_MILLIS), config.toString());
                assertEquals(4L, between.invoke("/a", hour - MINUTE_MILLIS, hour + 3 * HOUR_MILLIS));
                assertEquals(2L, between.invoke("/a", hour, hour + HOUR_MILLIS), "the end is excluded");
                assertEquals(1L, between.invoke("/a", hour + 59 * MINUTE_MILLIS + 1, hour + HOUR_MILLIS + 1),
                        "both ends round down to whole minutes: the view at minute 59 counts");
                assertEquals(1L, between.invoke("/a", hour + 1, hour + 59 * MINUTE_MILLIS + 1),
                        "both ends round down to whole minutes: the view at minute 0 counts, the one at 59 does not");
                assertEquals(0L, between.invoke("/a", hour + 3, hour + 40_000), "an empty minute range");
                assertEquals(0L, between.invoke("/a", hour + HOUR_MILLIS, hour));
                assertEquals(0L, between.invoke("/nope", hour - HOUR_MILLIS, hour + HOUR_MILLIS), "an unknown URL");
                assertEquals(1L, between.invoke("/b", 0L, hour + HOUR_MILLIS));

                PState hours = c.clusterPState(M, "$$hourViews");
                long h = hourOf(hour);
                assertEquals(Map.of(h - 1, 1L, h, 2L, h + 1, 1L, h + 3, 1L),
                        new TreeMap<>(Map.copyOf(hours.selectOne(Path.key("/a")))));
                assertEquals(List.of(2L, 1L), hours.select(Path.key("/a").sortedMapRange(h, h + 3).mapVals()));
            }
        }
    }

    // ------------------------------------------------------------------------------ properties

    /** The pieces of a range cover it exactly, in order, without gaps; hour pieces are whole hours. */
    @Property(tries = 500)
    void splitCoversTheRangeExactly(@ForAll @LongRange(min = -500, max = 5000) long start,
            @ForAll @IntRange(min = -10, max = 1000) int length) {
        long end = start + length;
        List<List<Object>> pieces = PageViewRollupsModule.split(start, end);
        long at = start;
        int hourPieces = 0;
        for (List<Object> p : pieces) {
            long from = (Long) p.get(1);
            long to = (Long) p.get(2);
            assertTrue(from < to, "a piece is not empty: " + pieces);
            if (p.get(0).equals("hour")) {
                hourPieces++;
                assertEquals(at, from * HOUR_MINUTES, "contiguous: " + pieces);
                at = to * HOUR_MINUTES;
            } else {
                assertEquals("minute", p.get(0));
                assertEquals(at, from, "contiguous: " + pieces);
                assertTrue(to - from < HOUR_MINUTES || hourPieces == 0 && pieces.size() == 1,
                        "minute pieces hold less than an hour unless the range has no whole hour: " + pieces);
                at = to;
            }
        }
        assertEquals(Math.max(start, end), at, "covers up to the end: " + pieces);
        assertTrue(hourPieces <= 1 && pieces.size() <= 3, pieces.toString());
    }

    @Provide
    Arbitrary<List<PageView>> views() {
        // up to two days, with clusters in a few minutes so buckets hold several views
        Arbitrary<Long> spread = Arbitraries.longs().between(0, 48 * HOUR_MILLIS);
        Arbitrary<Long> clustered = Arbitraries.longs().between(0, 5 * MINUTE_MILLIS).map(d -> d + 23 * HOUR_MILLIS);
        Arbitrary<Long> offset = Arbitraries.oneOf(spread, clustered);
        return Combinators.combine(Arbitraries.of(URLS), offset).as((u, d) -> new PageView(u, T0 + d))
                .list().ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Long, Long>>> ranges() {
        Arbitrary<Long> at = Arbitraries.longs().between(-HOUR_MILLIS, 49 * HOUR_MILLIS).map(d -> T0 + d);
        return Combinators.combine(at, at).as(Tuple::of).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 25)
    void everyRangeCountIsTheModels(@ForAll("views") List<PageView> views,
            @ForAll("ranges") List<Tuple.Tuple2<Long, Long>> ranges,
            @ForAll @IntRange(min = 0, max = LaunchConfigs.COUNT - 1) int configIndex,
            @ForAll boolean deterministic, @ForAll long seed) {
        InProcessCluster.Options options = deterministic ? InProcessCluster.options().deterministic(seed)
                : InProcessCluster.options();
        try (InProcessCluster c = options.create()) {
            c.launchModule(new PageViewRollupsModule(), LaunchConfigs.get(configIndex));
            // in two rounds, so later microbatches update existing buckets too
            int half = views.size() / 2;
            record(c, views.subList(0, half), 0);
            record(c, views.subList(half, views.size()), half);

            QueryTopologyClient<Long> between = c.clusterQuery(M, "viewsBetween");
            for (String url : URLS) {
                for (Tuple.Tuple2<Long, Long> r : ranges) {
                    assertEquals(model(views, url, r.get1(), r.get2()), between.invoke(url, r.get1(), r.get2()),
                            url + " [" + r.get1() + ", " + r.get2() + ")");
                }
                assertEquals(views.stream().filter(v -> v.url().equals(url)).count(),
                        between.invoke(url, T0 - HOUR_MILLIS, T0 + 49 * HOUR_MILLIS), "everything of " + url);
                checkRollups(c, views, url);
            }
        }
    }

    /** Both rollups hold exactly the counts of the views; every hour bucket is the sum of its minutes. */
    private static void checkRollups(InProcessCluster c, List<PageView> views, String url) {
        TreeMap<Long, Long> minutes = new TreeMap<>();
        TreeMap<Long, Long> hours = new TreeMap<>();
        for (PageView v : views) {
            if (v.url().equals(url)) {
                minutes.merge(minuteOf(v.epochMillis()), 1L, Long::sum);
                hours.merge(hourOf(v.epochMillis()), 1L, Long::sum);
            }
        }
        PState minuteViews = c.clusterPState(M, "$$minuteViews");
        PState hourViews = c.clusterPState(M, "$$hourViews");
        assertEquals(new ArrayList<>(minutes.keySet()), minuteViews.select(Path.key(url).mapKeys()), "minute buckets, sorted");
        assertEquals(new ArrayList<>(minutes.values()), minuteViews.select(Path.key(url).mapVals()));
        assertEquals(new ArrayList<>(hours.keySet()), hourViews.select(Path.key(url).mapKeys()), "hour buckets, sorted");
        for (Map.Entry<Long, Long> h : hours.entrySet()) {
            long from = h.getKey() * HOUR_MINUTES;
            List<Long> inHour = minuteViews.select(Path.key(url).sortedMapRange(from, from + HOUR_MINUTES).mapVals());
            assertEquals(h.getValue(), inHour.stream().mapToLong(Long::longValue).sum(), "hour " + h.getKey());
            assertEquals(h.getValue(), (Long) hourViews.selectOne(Path.key(url, h.getKey())));
        }
    }
}
