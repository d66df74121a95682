package dev.floe.examples.topn;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.topn.TopSpendersModule.Purchase;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The top spenders against sorting every user's total, on every {@link LaunchConfigs}
 * configuration, threaded and deterministic.
 */
class TopSpendersModuleTest {
    private static final String M = TopSpendersModule.class.getName();

    /** Appends purchases and waits until they and the {@code before} purchases appended earlier are processed. */
    private static int purchase(InProcessCluster c, List<Purchase> purchases, int before) {
        Depot depot = c.clusterDepot(M, "*purchases");
        for (Purchase p : purchases) {
            depot.append(p, AckLevel.APPEND_ACK);
        }
        int processed = before + purchases.size();
        c.waitForMicrobatchProcessedCount(M, "spend", processed);
        return processed;
    }

    @Test
    void aGrowingTotalReplacesTheUsersOldEntry() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new TopSpendersModule(), config);
                QueryTopologyClient<List<List<Long>>> top = c.clusterQuery(M, "topSpenders");
                assertEquals(List.of(), top.invoke(3), "nobody spent anything yet");
                int processed = purchase(c, List.of(new Purchase(1, 300), new Purchase(2, 200), new Purchase(3, 100),
                        new Purchase(4, 100), new Purchase(5, 400), new Purchase(2, -150)), 0);
                assertEquals(List.of(List.of(5L, 400L), List.of(1L, 300L), List.of(2L, 200L)), top.invoke(3),
                        config.toString());
                purchase(c, List.of(new Purchase(4, 150), new Purchase(4, 100)), processed);
                assertEquals(List.of(List.of(5L, 400L), List.of(4L, 350L), List.of(1L, 300L)), top.invoke(3));
                assertEquals(5, top.invoke(10).size(), "only five users spent anything");
                assertEquals(List.of(), top.invoke(0));
                QueryTopologyClient<Long> total = c.clusterQuery(M, "totalSpend");
                assertEquals(200L, total.invoke(2L), "a refund is ignored");
                assertEquals(0L, total.invoke(99L));
            }
        }
    }

    // ------------------------------------------------------------------------------ model-based

    @Provide
    Arbitrary<List<List<Purchase>>> rounds() {
        // a few heavy users and many light ones, so ranks change between rounds
        Arbitrary<Long> user = Arbitraries.oneOf(Arbitraries.longs().between(0, 4), Arbitraries.longs().between(0, 40));
        Arbitrary<Purchase> purchase = Combinators.combine(user, Arbitraries.longs().between(1, 500)).as(Purchase::new);
        return purchase.list().ofMinSize(1).ofMaxSize(120).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 25)
    void theTopListIsTheBestTotals(@ForAll("rounds") List<List<Purchase>> rounds,
            @ForAll @IntRange(min = 0, max = LaunchConfigs.COUNT - 1) int configIndex,
            @ForAll @IntRange(min = 1, max = 12) int n, @ForAll boolean deterministic, @ForAll long seed) {
        InProcessCluster.Options options = deterministic ? InProcessCluster.options().deterministic(seed)
                : InProcessCluster.options();
        Map<Long, Long> totals = new HashMap<>();
        try (InProcessCluster c = options.create()) {
            c.launchModule(new TopSpendersModule(), LaunchConfigs.get(configIndex));
            QueryTopologyClient<List<List<Long>>> top = c.clusterQuery(M, "topSpenders");
            QueryTopologyClient<Long> total = c.clusterQuery(M, "totalSpend");
            int processed = 0;
            for (List<Purchase> round : rounds) {
                processed = purchase(c, round, processed);
                round.forEach(p -> totals.merge(p.userId(), p.cents(), Long::sum));
                checkTop(totals, top.invoke(n), Math.min(n, TopSpendersModule.TOP_AMOUNT));
            }
            for (Map.Entry<Long, Long> e : totals.entrySet()) {
                assertEquals(e.getValue(), total.invoke(e.getKey()), "user " + e.getKey());
            }
        }
    }

    /**
     * {@code top} is {@code n} best totals, best first, each with its user's total, no user twice.
     * Among equal totals at the cut any users may be kept, so totals are compared as a list.
     */
    private static void checkTop(Map<Long, Long> totals, List<List<Long>> top, int n) {
        List<Long> best = totals.values().stream().sorted(Comparator.reverseOrder()).limit(n).toList();
        assertEquals(best, top.stream().map(e -> e.get(1)).toList(), "the best totals, in order: " + top);
        Set<Long> users = new HashSet<>();
        for (List<Long> e : top) {
            assertTrue(users.add(e.get(0)), "user " + e.get(0) + " twice in " + top);
            assertEquals(totals.get(e.get(0)), e.get(1), "the current total of user " + e.get(0));
        }
    }
}
