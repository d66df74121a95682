package dev.floe.runtime;

import dev.floe.Depot;
import dev.floe.DepotPartitionInfo;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.PartitionedObjectInfo;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Depot clients read partitions' offsets and records; depot and PState clients describe their object (RAMA-API.md §2.13, §3.13). */
class DepotClientReadTest {
    public static final class Logs implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*events", Depot.hashBy(Ops.IDENTITY));
            setup.declareDepot("*global", Depot.random()).global();
            var s = topologies.stream("s");
            s.pstate("$$seen", PState.mapSchema(String.class, Long.class));
            s.pstate("$$one", Long.class).global();
            s.source("*events").out("*e").hashPartition("*e")
                    .localTransform("$$seen", dev.floe.Path.key("*e").termVal(1L));
        }
    }

    @Test
    void readsPartitionOffsetsAndRecords() {
        for (InProcessCluster c : List.of(InProcessCluster.create(), InProcessCluster.options().inMemory().create())) {
            try (c) {
                String m = Logs.class.getName();
                c.launchModule(new Logs(), new LaunchConfig(4, 2));
                Depot d = c.clusterDepot(m, "*events");
                assertEquals(new PartitionedObjectInfo("*events", m, 4), d.getObjectInfo());
                assertEquals(1, c.clusterDepot(m, "*global").getObjectInfo().getNumPartitions());
                assertEquals(4, c.clusterPState(m, "$$seen").getObjectInfo().getNumPartitions());
                assertEquals(new PartitionedObjectInfo("$$one", m, 1), c.clusterPState(m, "$$one").getObjectInfo());

                List<String> keys = dev.floe.Helpers.genHashingIndexKeys(4);
                String k1 = keys.get(1);
                assertEquals(new DepotPartitionInfo(0, 0), d.getPartitionInfo(1));
                d.append(k1);
                d.append(k1);
                d.append(keys.get(2));
                DepotPartitionInfo info = d.getPartitionInfo(1);
                assertEquals(0, info.getStartOffset());
                assertEquals(2, info.getEndOffset());
                assertEquals(List.of(k1, k1), d.read(1, 0, 2));
                assertEquals(List.of(k1), d.read(1, 1, 2));
                assertEquals(List.of(), d.read(1, 2, 2));
                assertEquals(List.of(keys.get(2)), d.readAsync(2, 0, 1).join());
                assertEquals(new DepotPartitionInfo(0, 0), d.getPartitionInfoAsync(0).join());

                assertThrows(IllegalArgumentException.class, () -> d.getPartitionInfo(4), "no partition 4");
                assertThrows(IllegalArgumentException.class, () -> d.read(-1, 0, 0));
                assertThrows(IllegalArgumentException.class, () -> d.read(1, 1, 0), "not a range");
                RuntimeException past = assertThrows(RuntimeException.class, () -> d.read(1, 0, 3));
                assertEquals(true, String.valueOf(past.getMessage()).contains("holds offsets [0, 2)")
                        || String.valueOf(past.getCause()).contains("holds offsets [0, 2)"), String.valueOf(past));
            }
        }
    }

    @Test
    void nullRecordsOfTickLikeAppendsReadBack() {
        try (InProcessCluster c = InProcessCluster.create()) {
            String m = Logs.class.getName();
            c.launchModule(new Logs(), new LaunchConfig(2, 1));
            Depot g = c.clusterDepot(m, "*global");
            g.append(null);
            g.append("x");
            assertEquals(new ArrayList<>(Arrays.asList(null, "x")), new ArrayList<>(g.read(0, 0, 2)));
        }
    }
}
