package dev.floe.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SortedRangeToOptions;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RAMA-API §5.7.2/§5.16: a range selected from a RocksDB-backed PState by a cluster client is a
 * {@code java.util.SortedMap}/{@code SortedSet} (and still a Clojure sorted collection), from a
 * top-level map, a subindexed map and a subindexed set, after crossing the task boundary.
 */
class SortedRangeResultTest {

    /** Word counts, and each letter's words as a subindexed map and a subindexed set. */
    public static final class Words implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(dev.floe.ops.Ops.IDENTITY));
            var s = topologies.stream("stream");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.pstate("$$byLetter", PState.mapSchema(String.class, PState.mapSchema(String.class, Long.class).subindexed()));
            s.pstate("$$setByLetter", PState.mapSchema(String.class, PState.setSchema(String.class).subindexed()));
            s.source("*words").out("*w")
                    .compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()))
                    .each((String w) -> w.substring(0, 1), "*w").out("*letter")
                    .hashPartition("*letter")
                    .compoundAgg("$$byLetter", CompoundAgg.map("*letter", CompoundAgg.map("*w", Agg.count())))
                    .compoundAgg("$$setByLetter", CompoundAgg.map("*letter", Agg.set("*w")));
        }
    }

    private static final String W = Words.class.getName();

    /** With every hop serialized too, the client's value is a Java-serialized copy of the task's. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rangesOfStoredPStatesCastToSortedMapAndSortedSet(boolean serializeEveryHop) {
        try (InProcessCluster c = InProcessCluster.options().serializeEveryHop(serializeEveryHop).create()) {
            c.launchModule(new Words(), new LaunchConfig(1, 1));
            Depot d = c.clusterDepot(W, "*words");
            for (String w : List.of("apple", "avocado", "apricot", "almond", "banana", "apple")) {
                d.append(w, AckLevel.ACK);
            }
            PState counts = c.clusterPState(W, "$$counts");
            PState byLetter = c.clusterPState(W, "$$byLetter");
            PState setByLetter = c.clusterPState(W, "$$setByLetter");

            SortedMap<String, Long> top = counts.selectOne(Path.sortedMapRange("almond", "avocado"));
            assertEquals(new TreeMap<>(Map.of("almond", 1L, "apple", 2L, "apricot", 1L)), top);
            assertEquals("almond", top.firstKey());
            assertEquals("apricot", top.lastKey());
            assertEquals(Map.of("almond", 1L), top.headMap("apple"));
            assertEquals(Map.of("apple", 2L, "apricot", 1L), top.tailMap("apple"));
            assertTrue(top instanceof clojure.lang.Sorted, "still a Clojure sorted map");

            SortedMap<String, Long> sub = byLetter.selectOne(Path.key("a").sortedMapRange("almond", "avocado"));
            assertEquals(top, sub);
            assertEquals(List.of("almond", "apple", "apricot"), List.copyOf(sub.keySet()));
            assertEquals(Map.of("apple", 2L), sub.subMap("ap", "apr"));

            SortedMap<String, Long> lastTwo = byLetter.selectOne(Path.key("a")
                    .sortedMapRangeTo("b", SortedRangeToOptions.maxAmt(2)));
            assertEquals(List.of("apricot", "avocado"), List.copyOf(lastTwo.keySet()));
            SortedMap<?, ?> missing = byLetter.selectOne(Path.key("z").sortedMapRangeFrom("a"));
            assertTrue(missing.isEmpty(), "the range of a missing subindexed map is an empty SortedMap");

            SortedSet<String> members = setByLetter.selectOne(Path.key("a").sortedSetRange("apple", "b"));
            assertEquals(List.of("apple", "apricot", "avocado"), List.copyOf(members));
            assertEquals("apple", members.first());
            assertEquals(Set.of("apple"), members.headSet("apricot"));
            assertInstanceOf(clojure.lang.IPersistentSet.class, members);
        }
    }
}
