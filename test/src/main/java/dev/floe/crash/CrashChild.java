package dev.floe.crash;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.store.FsyncPolicy;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process the crash test kills: opens the cluster on a directory (launching
 * {@link CrashModule} the first time; afterwards opening relaunches and recovers it) and appends
 * records under load until it is killed, printing {@code acked <id>} once an append returned.
 *
 * <p>Arguments: the cluster directory, the first id to use (each run gets a range of its own, so
 * ids are never reused), the longest time to live in milliseconds (a safety net), the depot logs'
 * {@link FsyncPolicy} and whether PState commits are synced. Output
 * lines: {@code starting}, {@code ready <millis the open took>}, {@code acked <id>}; each is one
 * write, so a kill leaves at most one partial line at the end. The process also exits when its
 * standard input closes (its parent died).
 */
public final class CrashChild {
    private CrashChild() {}

    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    /** Writes one line in one write call. */
    static synchronized void say(String line) {
        try {
            OUT.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            Runtime.getRuntime().halt(3); // the parent is gone
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long firstId = Long.parseLong(args[1]);
        long lifeMillis = Long.parseLong(args[2]);
        FsyncPolicy fsync = FsyncPolicy.valueOf(args[3]);
        boolean syncCommits = Boolean.parseBoolean(args[4]);
        watchParent();
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(lifeMillis);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("crash child: not killed within " + lifeMillis + " ms, exiting");
            Runtime.getRuntime().halt(2);
        }, "lifetime guard");
        guard.setDaemon(true);
        guard.start();

        say("starting");
        long t0 = System.nanoTime();
        InProcessCluster cluster = InProcessCluster.options().directory(dir).depotFsync(fsync).syncCommits(syncCommits)
                .clientTimeoutMillis(30_000).create();
        if (!cluster.getDeployedModuleNames().contains(CrashModule.NAME)) {
            // the first run, or a run killed before the module was recorded: launching again
            // continues from whatever data there is
            cluster.launchModule(new CrashModule(), new LaunchConfig(CrashModule.TASKS, CrashModule.THREADS));
        }
        say("ready " + (System.nanoTime() - t0) / 1_000_000);

        Depot depot = cluster.clusterDepot(CrashModule.NAME, CrashModule.DEPOT);
        AtomicLong next = new AtomicLong(firstId);
        Thread ack = new Thread(() -> syncAppends(depot, next, AckLevel.ACK), "appender ACK");
        Thread appendAck = new Thread(() -> syncAppends(depot, next, AckLevel.APPEND_ACK), "appender APPEND_ACK");
        Thread async = new Thread(() -> asyncAppends(depot, next), "appender async");
        ack.start();
        appendAck.start();
        async.start();
        ack.join();
    }

    /** One append at a time at one ack level. */
    private static void syncAppends(Depot depot, AtomicLong next, AckLevel level) {
        while (true) {
            long id = next.getAndIncrement();
            try {
                depot.append(CrashModule.of(id), level);
                say("acked " + id);
            } catch (RuntimeException e) {
                System.err.println("crash child: append of " + id + " failed: " + e);
            }
        }
    }

    /** Up to 64 appends in flight, alternating ack levels. */
    private static void asyncAppends(Depot depot, AtomicLong next) {
        Semaphore window = new Semaphore(64);
        while (true) {
            window.acquireUninterruptibly();
            long id = next.getAndIncrement();
            AckLevel level = (id & 1) == 0 ? AckLevel.ACK : AckLevel.APPEND_ACK;
            depot.appendAsync(CrashModule.of(id), level).whenComplete((r, e) -> {
                window.release();
                if (e == null) {
                    say("acked " + id);
                } else {
                    System.err.println("crash child: append of " + id + " failed: " + e);
                }
            });
        }
    }

    /** Exits when standard input reaches its end: the parent died and nobody will kill this process. */
    private static void watchParent() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // nothing is sent; wait for the end
                }
            } catch (IOException e) {
                // the same as the end
            }
            Runtime.getRuntime().halt(4);
        }, "parent watch");
        t.setDaemon(true);
        t.start();
    }
}
