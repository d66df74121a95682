package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.exec.KeyHash;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A microbatch stopped midway through its two-phase commit gives the same result as one that was
 * not. Stopped after some tasks prepared it (before the coordinator's decision), it runs again on
 * tasks none of which applied it, so every read sees the state before it; stopped after the
 * decision, with some tasks applied and some not, the others apply what they prepared.
 *
 * <p>Found by the crash test ({@code CrashRecoveryTest}, {@code $$mbIdOrdinal}): before the
 * two-phase commit, tasks that had committed re-ran the attempt reading their state as it was
 * <em>after</em> the microbatch, and sent different values on to the tasks that had not.
 */
class MicrobatchRerunReadsTest {
    /** Records [key id]: on the key's task, the key's count so far is the record's ordinal, written on the id's task. */
    public static final class Ordinals implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.hashBy(Ops.FIRST));
            var mb = topologies.microbatch("mb");
            mb.pstate("$$count", PState.mapSchema(String.class, Long.class));
            mb.pstate("$$ordinal", PState.mapSchema(Long.class, Long.class));
            mb.source("*d").out("*mb")
                    .explodeMicrobatch("*mb").out("*r")
                    .each(Ops.FIRST, "*r").out("*key")
                    .each(Ops.LAST, "*r").out("*id")
                    .localSelect("$$count", Path.key("*key").nullToVal(0L)).out("*ordinal")
                    .localTransform("$$count", Path.key("*key").nullToVal(0L).term(Ops.PLUS_LONG, 1L))
                    .hashPartition("*id")
                    .localTransform("$$ordinal", Path.key("*id").termVal("*ordinal"));
        }
    }

    private static final String M = Ordinals.class.getName();

    @Test
    void aMicrobatchStoppedAfterOneTaskPreparedRunsAgainFromTheStateBeforeIt(@TempDir java.nio.file.Path dir) {
        stopAfterOneTask(dir, "commit");
    }

    @Test
    void aMicrobatchStoppedAfterOneTaskAppliedIsAppliedByTheOthers(@TempDir java.nio.file.Path dir) {
        stopAfterOneTask(dir, "apply");
    }

    /** Runs a microbatch until one task handled the message whose label starts with {@code phase}, stops, restarts. */
    private static void stopAfterOneTask(java.nio.file.Path dir, String phase) {
        // a key on each task, each with ids on the other task
        String[] keys = new String[2];
        for (int i = 0, found = 0; found < 2; i++) {
            String k = "k" + i;
            int t = KeyHash.partition(k, 2);
            if (keys[t] == null) {
                keys[t] = k;
                found++;
            }
        }
        List<List<Object>> records = new ArrayList<>();
        Map<Long, Long> expected = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (long id = 0; records.size() < 40; id++) {
            int idTask = KeyHash.partition(id, 2);
            String key = keys[1 - idTask];
            records.add(List.of(key, id));
            expected.put(id, counts.merge(key, 1L, Long::sum) - 1);
        }
        InProcessCluster.Options options = InProcessCluster.options().deterministic(7).trace(true).directory(dir);
        try (InProcessCluster c = options.create()) {
            c.launchModule(new Ordinals(), new LaunchConfig(2, 2));
            Depot d = c.clusterDepot(M, "*d");
            for (List<Object> r : records.subList(0, 20)) {
                d.append(r, AckLevel.APPEND_ACK);
            }
            c.waitForMicrobatchProcessedCount(M, "mb", 20);
            for (List<Object> r : records.subList(20, 40)) {
                d.appendAsync(r, AckLevel.APPEND_ACK);
            }
            // run until one task has committed the next microbatch, then stop: the other has not
            DeterministicScheduler s = (DeterministicScheduler) c.scheduler();
            int seen = c.trace().size();
            boolean committedOne = false;
            while (!committedOne && s.step()) {
                List<String> trace = c.trace();
                for (String item : trace.subList(seen, trace.size())) {
                    committedOne |= item.matches(".*: " + phase + " mb #\\d+");
                }
                seen = trace.size();
            }
            assertTrue(committedOne, "a task handled '" + phase + "' of a microbatch");
        }
        try (InProcessCluster c = options.create()) {
            c.waitForMicrobatchProcessedCount(M, "mb", 40);
            PState ordinals = c.clusterPState(M, "$$ordinal");
            Map<Long, Long> actual = new HashMap<>();
            for (long id : expected.keySet()) {
                actual.put(id, ordinals.selectOne(Path.key(id)));
            }
            assertEquals(expected, actual);
        }
    }
}
