package dev.floe.runtime;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-pressure on clients: appends that return at once (NONE, or asynchronous ones) cannot pile up
 * in the task queues beyond clientAppendsInFlightMax; the next one waits until a task takes one.
 */
class AppendBackPressureTest {
    static final CountDownLatch GATE = new CountDownLatch(1);
    static final AtomicInteger SEEN = new AtomicInteger();

    /** A stream topology that holds its only task thread until GATE opens. */
    public static final class Held implements FloeModule {
        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.random());
            topologies.stream("hold").source("*d").out("*x")
                    .each((Object x) -> {
                        SEEN.incrementAndGet();
                        try {
                            GATE.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return x;
                    }, "*x").out("*y");
        }
    }

    @Test
    void appendsBeyondTheLimitWaitUntilATaskTakesOne() throws Exception {
        try (InProcessCluster c = InProcessCluster.options().inMemory().clientAppendsInFlightMax(8)
                .clientTimeoutMillis(20_000).create()) {
            c.launchModule(new Held(), new LaunchConfig(1, 1));
            dev.floe.Depot d = c.clusterDepot(Held.class.getName(), "*d");
            AtomicInteger returned = new AtomicInteger();
            Thread client = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    d.append(i, AckLevel.NONE);
                    returned.incrementAndGet();
                }
            });
            client.start();
            // the task holds the first record; 8 more fit in its queue; the client then waits
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(returned.get() == 9 && client.getState() == Thread.State.TIMED_WAITING)) {
                assertTrue(System.nanoTime() < deadline, "returned " + returned.get() + ", client " + client.getState());
                Thread.sleep(1);
            }
            assertEquals(1, SEEN.get());
            GATE.countDown();
            client.join(10_000);
            assertEquals(20, returned.get());
        }
    }

    @Test
    void aWaitLongerThanTheClientTimeoutFailsNamingTheLimit() {
        CountDownLatch gate = new CountDownLatch(1);
        try (InProcessCluster c = InProcessCluster.options().inMemory().clientAppendsInFlightMax(2)
                .clientTimeoutMillis(300).create()) {
            c.launchModule(new Blocked(gate), new LaunchConfig(1, 1));
            dev.floe.Depot d = c.clusterDepot(Blocked.class.getName(), "*d");
            d.append(0, AckLevel.NONE); // taken, holds the task
            d.append(1, AckLevel.NONE);
            d.append(2, AckLevel.NONE);
            FloeTimeoutException e = assertThrows(FloeTimeoutException.class, () -> {
                for (int i = 0; i < 5; i++) {
                    d.append(3 + i, AckLevel.NONE);
                }
            });
            assertTrue(e.getMessage().contains("clientAppendsInFlightMax") && e.getMessage().contains("*d"), e.getMessage());
            gate.countDown();
        }
    }

    /** Like Held, with its own gate (each test gets a fresh one through a static slot). */
    public static final class Blocked implements FloeModule {
        static volatile CountDownLatch gate;

        public Blocked() {
        }

        Blocked(CountDownLatch g) {
            gate = g;
        }

        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*d", Depot.random());
            topologies.stream("hold").source("*d").out("*x")
                    .each((Object x) -> {
                        try {
                            Blocked.gate.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return x;
                    }, "*x").out("*y");
        }
    }
}
