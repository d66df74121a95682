package dev.floe.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task lane runs every item submitted to it exactly once, each producer's items in the order it
 * submitted them, whether the lane was busy, spinning or parked when they came, and stops on close.
 */
class ThreadedSchedulerTest {
    @Test
    void manyProducersEveryItemOnceInEachProducersOrder() throws Exception {
        try (ThreadedScheduler s = new ThreadedScheduler()) {
            Scheduler.Lane lane = s.newLane("t");
            int producers = 4;
            int each = 50_000;
            List<List<Integer>> seen = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                seen.add(new ArrayList<>());
            }
            CountDownLatch done = new CountDownLatch(producers * each);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        int n = i;
                        lane.submit("item", () -> {
                            seen.get(id).add(n); // only the lane's thread touches the lists
                            done.countDown();
                        });
                        if (n % 5_000 == 0) {
                            try {
                                Thread.sleep(1); // let the lane drain, spin and park now and then
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "items left: " + done.getCount());
            CountDownLatch fence = new CountDownLatch(1);
            lane.submit("fence", fence::countDown);
            assertTrue(fence.await(10, TimeUnit.SECONDS));
            for (int p = 0; p < producers; p++) {
                List<Integer> l = seen.get(p);
                assertEquals(each, l.size(), "producer " + p);
                for (int i = 0; i < each; i++) {
                    assertEquals(i, l.get(i), "producer " + p + " item " + i);
                }
            }
        }
    }

    @Test
    void aParkedLaneWakesForTheNextItem() throws Exception {
        try (ThreadedScheduler s = new ThreadedScheduler()) {
            Scheduler.Lane lane = s.newLane("idle");
            AtomicInteger runs = new AtomicInteger();
            for (int round = 0; round < 20; round++) {
                Thread.sleep(2); // well past the spin: the lane is parked
                CountDownLatch ran = new CountDownLatch(1);
                lane.submit("wake", () -> {
                    runs.incrementAndGet();
                    ran.countDown();
                });
                assertTrue(ran.await(5, TimeUnit.SECONDS), "round " + round + ": a parked lane did not wake");
            }
            assertEquals(20, runs.get());
        }
    }
}
