package dev.floe.examples.wordcount;

import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-count example against a plain-Java model of the same counting. */
class WordCountModuleTest {
    private static final String M = WordCountModule.class.getName();

    private static Map<String, Long> model(List<String> lines) {
        Map<String, Long> m = new HashMap<>();
        for (String l : lines) {
            for (String w : WordCountModule.words(l)) {
                m.merge(w, 1L, Long::sum);
            }
        }
        return m;
    }

    @Test
    void countsReadBackRightAfterEachAppend() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new WordCountModule(), new LaunchConfig(4, 2));
            Depot lines = c.clusterDepot(M, "*lines");
            PState counts = c.clusterPState(M, "$$counts");
            lines.append("The cat and the hat");
            assertEquals(2L, (Long) counts.selectOne(Path.key("the")));
            lines.append("the end");
            assertEquals(3L, (Long) counts.selectOne(Path.key("the")), "ACK means the write is visible on return");
            QueryTopologyClient<Long> count = c.clusterQuery(M, "count");
            assertEquals(1L, count.invoke("hat"));
            assertEquals(0L, count.invoke("and so"), "unknown words count 0");
        }
    }

    @Property(tries = 12)
    void everyQueryAgreesWithTheModel(@ForAll @Size(max = 25) List<@StringLength(max = 30) String> text,
            @ForAll @IntRange(min = 0, max = 3) int taskExp) {
        int tasks = 1 << taskExp;
        List<String> lines = new ArrayList<>(text);
        lines.add("alpha beta gamma alpha");
        Map<String, Long> expected = model(lines);
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new WordCountModule(), new LaunchConfig(tasks, Math.min(tasks, 2)));
            Depot depot = c.clusterDepot(M, "*lines");
            for (String l : lines) {
                depot.append(l);
            }
            QueryTopologyClient<Long> count = c.clusterQuery(M, "count");
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertEquals(e.getValue(), count.invoke(e.getKey()), e.getKey());
            }
            assertEquals((long) expected.size(), (Long) c.clusterQuery(M, "distinctWords").invoke());
            List<List<Object>> top = c.<List<List<Object>>>clusterQuery(M, "topWords").invoke();
            List<Long> modelTop = expected.values().stream().sorted(Comparator.reverseOrder()).limit(10).toList();
            assertEquals(modelTop, top.stream().map(p -> (Long) p.get(1)).toList(), "the top counts, in order");
            for (List<Object> p : top) {
                assertEquals(expected.get((String) p.get(0)), p.get(1));
            }
        }
    }
}
