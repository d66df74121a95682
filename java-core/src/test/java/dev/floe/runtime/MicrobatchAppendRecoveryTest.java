package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.builder.ModuleBuilder;
import dev.floe.codec.FloeCodec;
import dev.floe.ir.ModuleIR;
import dev.floe.store.DepotLog;
import dev.floe.store.FileDepotLogContext;
import dev.floe.store.PStatePartition;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A microbatch's depotPartitionAppends are exactly once across a crash that falls between the
 * commit of the microbatch on a task and its appends: the commit records them, and the restart
 * makes the ones that did not happen.
 */
class MicrobatchAppendRecoveryTest {
    /** Each word of *words becomes "word!" in *shouts, through a microbatch. */
    public static final class Shouts implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*words", Depot.hashBy(dev.floe.ops.Ops.IDENTITY));
            setup.declareDepot("*shouts", Depot.disallow());
            var mb = topologies.microbatch("shout");
            mb.source("*words").out("*mb")
                    .explodeMicrobatch("*mb").out("*w")
                    .each((String w) -> w + "!", "*w").out("*s")
                    .depotPartitionAppend("*shouts", "*s");
        }
    }

    /** A log whose appends vanish while {@code crashed}: as if the process died right after the commit. */
    static final class Vanishing implements DepotLog {
        final DepotLog log;
        volatile boolean crashed;

        Vanishing(DepotLog log) {
            this.log = log;
        }

        @Override
        public long append(Object record) {
            return crashed ? log.endOffset() : log.append(record);
        }

        @Override
        public long startOffset() {
            return log.startOffset();
        }

        @Override
        public long endOffset() {
            return log.endOffset();
        }

        @Override
        public List<Object> read(long from, long to) {
            return log.read(from, to);
        }
    }

    /** A durable store whose *shouts logs can be made to lose their appends. */
    static final class Store implements ModuleRuntime.StoreFactory {
        final DurableStore durable;
        final List<Vanishing> shouts = new ArrayList<>();

        Store(Path dir) {
            durable = new DurableStore(dir, new FloeCodec(), new FileDepotLogContext(), false, null);
        }

        @Override
        public PStatePartition pstate(ModuleIR.PStateDecl decl, int task) {
            return durable.pstate(decl, task);
        }

        @Override
        public synchronized DepotLog depot(ModuleIR.DepotDecl decl, int task) {
            DepotLog log = durable.depot(decl, task);
            if (!decl.name().equals("*shouts")) {
                return log;
            }
            Vanishing v = new Vanishing(log);
            shouts.add(v);
            return v;
        }

        @Override
        public void commit(int task, java.util.Collection<PStatePartition> touched, java.util.Map<String, Object> meta) {
            durable.commit(task, touched, meta);
        }

        @Override
        public Object meta(int task, String key) {
            return durable.meta(task, key);
        }

        @Override
        public boolean durable() {
            return true;
        }
    }

    private static ModuleRuntime launch(ClusterRuntime cluster, Store store) {
        ModuleIR ir = ModuleBuilder.define(new Shouts());
        store.durable.setModule(ir);
        return ModuleRuntime.launch(cluster, ir, new LaunchConfig(2, 2), "shouts#" + System.nanoTime(), store);
    }

    private static ClusterRuntime cluster() {
        return new ClusterRuntime(new ThreadedScheduler(), new JavaCodec(List.of(), MicrobatchAppendRecoveryTest.class.getClassLoader()),
                false, 30_000);
    }

    /** Every record of every *shouts partition, sorted. */
    private static List<Object> shouts(Store store) {
        List<Object> all = new ArrayList<>();
        for (Vanishing v : store.shouts) {
            all.addAll(v.read(v.startOffset(), v.endOffset()));
        }
        all.sort(null);
        return all;
    }

    @Test
    void appendsCutShortByACrashAfterTheCommitAreMadeAtRestartExactlyOnce(@TempDir Path dir) {
        List<Object> words = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        Store first = new Store(dir);
        ClusterRuntime c1 = cluster();
        ModuleRuntime m1 = launch(c1, first);
        dev.floe.Depot in = Clients.depot(() -> m1, "*words", new Random(1));
        in.append("before", AckLevel.APPEND_ACK);
        waitFor(() -> shouts(first).size() == 1);
        // one microbatch takes every word; it commits on every task, then its appends vanish, as if
        // the process died right there
        c1.await(m1.pauseMicrobatch("shout"));
        for (Object w : words) {
            in.append(w, AckLevel.APPEND_ACK);
        }
        first.shouts.forEach(v -> v.crashed = true);
        m1.resumeMicrobatch("shout");
        c1.await(m1.waitForMicrobatchProcessedCount("shout", words.size() + 1));
        assertEquals(List.of("before!"), shouts(first));
        m1.close();
        c1.close();
        first.durable.close();

        Store second = new Store(dir);
        ClusterRuntime c2 = cluster();
        ModuleRuntime m2 = launch(c2, second);
        try {
            List<Object> expected = new ArrayList<>(List.of("before!"));
            words.forEach(w -> expected.add(w + "!"));
            expected.sort(null);
            assertEquals(expected, shouts(second), "made at restart, once");
            Clients.depot(() -> m2, "*words", new Random(2)).append("after", AckLevel.APPEND_ACK);
            expected.add("after!");
            expected.sort(null);
            waitFor(() -> shouts(second).size() == expected.size());
            assertEquals(expected, shouts(second));
        } finally {
            m2.close();
            c2.close();
            second.durable.close();
        }
        // a second restart finds the appends already made: nothing is appended again
        Store third = new Store(dir);
        ClusterRuntime c3 = cluster();
        ModuleRuntime m3 = launch(c3, third);
        try {
            assertEquals(words.size() + 2, shouts(third).size());
        } finally {
            m3.close();
            c3.close();
            third.durable.close();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
