package dev.floe.bench;

import dev.floe.exec.KeyHash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The limit of the runtime word-count benchmarks (BENCHMARKS.md B2/B3, adapted to the in-memory
 * store): the least code doing the physical work of a partitioned word count in this JVM. A
 * sentence's words are hashed to one of {@code partitions} partitions (with Floe's own
 * {@link KeyHash}), and the words cross one in-JVM queue hop to the thread that owns their
 * partition (one message per sentence and thread: "one queue hop per record"), which adds one to
 * each word's count in its partition's {@code HashMap}. Partition {@code p} belongs to thread
 * {@code p mod threads}, as tasks do in Floe; the queues are the same unbounded
 * {@code LinkedBlockingQueue}s Floe's task threads use.
 *
 * <p>With {@code depotHop}, a sentence first crosses a queue to the thread owning a random depot
 * partition, which appends it to that partition's in-memory log and routes its words from there:
 * the two hops a Floe record makes (client → depot task, depot task → word's task), though Floe
 * sends one message per word on the second.
 *
 * <p>Threading: {@link #append} is called by one client thread; a partition's log and counts are
 * touched only by its thread; {@link #drain} returns once every word appended before it is
 * counted, and {@link #counts} may be read after it.
 */
final class QueueHopLimit implements AutoCloseable {
    /** The words of one sentence that one thread owns, and their partitions. */
    private record Words(int[] partitions, String[] words) {}

    private record Sentence(int partition, String text) {}

    /** Drains a queue: with {@code forward} (a depot thread's marker) it sends plain markers on to every thread. */
    private record Marker(CountDownLatch latch, boolean forward) {}

    private static final Object STOP = new Object();

    private final int partitions;
    private final int threads;
    private final boolean depotHop;
    private final List<LinkedBlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Map<String, Long>> counts = new ArrayList<>();
    private final List<List<String>> logs = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Random random = new Random(7);

    QueueHopLimit(int partitions, int threads, boolean depotHop) {
        if (partitions < 1 || threads < 1 || partitions % threads != 0) {
            throw new IllegalArgumentException("limit: threads (" + threads + ") must divide partitions (" + partitions + ")");
        }
        this.partitions = partitions;
        this.threads = threads;
        this.depotHop = depotHop;
        for (int p = 0; p < partitions; p++) {
            counts.add(new HashMap<>());
            logs.add(new ArrayList<>());
        }
        for (int t = 0; t < threads; t++) {
            LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
            queues.add(q);
            Thread th = new Thread(() -> work(q), "bench-limit-" + t);
            th.setDaemon(true);
            workers.add(th);
        }
        for (Thread th : workers) {
            th.start();
        }
    }

    /** Appends one sentence (client thread). */
    void append(String sentence) {
        if (depotHop) {
            int p = random.nextInt(partitions);
            queues.get(p % threads).add(new Sentence(p, sentence));
        } else {
            route(sentence);
        }
    }

    /** Hashes a sentence's words once and sends each thread one message with the words it owns. */
    private void route(String sentence) {
        List<String> words = WordCorpus.split(sentence);
        int n = words.size();
        int[] owner = new int[n];
        for (int i = 0; i < n; i++) {
            owner[i] = KeyHash.partition(words.get(i), partitions);
        }
        for (int t = 0; t < threads; t++) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (owner[i] % threads == t) {
                    size++;
                }
            }
            if (size == 0) {
                continue;
            }
            int[] ps = new int[size];
            String[] ws = new String[size];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (owner[i] % threads == t) {
                    ps[k] = owner[i];
                    ws[k++] = words.get(i);
                }
            }
            queues.get(t).add(new Words(ps, ws));
        }
    }

    private void work(LinkedBlockingQueue<Object> q) {
        while (true) {
            Object m;
            try {
                m = q.take();
            } catch (InterruptedException e) {
                return;
            }
            if (m instanceof Words w) {
                for (int i = 0; i < w.words().length; i++) {
                    counts.get(w.partitions()[i]).merge(w.words()[i], 1L, Long::sum);
                }
            } else if (m instanceof Sentence s) {
                logs.get(s.partition()).add(s.text());
                route(s.text());
            } else if (m instanceof Marker k) {
                if (k.forward()) {
                    for (LinkedBlockingQueue<Object> other : queues) {
                        other.add(new Marker(k.latch(), false));
                    }
                } else {
                    k.latch().countDown();
                }
            } else if (m == STOP) {
                return;
            }
        }
    }

    /** Waits until every sentence appended so far is counted. */
    void drain() {
        CountDownLatch latch = new CountDownLatch(depotHop ? threads * threads : threads);
        for (LinkedBlockingQueue<Object> q : queues) {
            q.add(new Marker(latch, depotHop));
        }
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("limit: words still queued after 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining the limit", e);
        }
    }

    /** Every partition's counts merged (call after {@link #drain}). */
    Map<String, Long> counts() {
        Map<String, Long> all = new HashMap<>();
        for (Map<String, Long> c : counts) {
            all.putAll(c);
        }
        return all;
    }

    /** Sentences in the depot logs (with {@code depotHop}; call after {@link #drain}). */
    long logged() {
        long n = 0;
        for (List<String> l : logs) {
            n += l.size();
        }
        return n;
    }

    @Override
    public void close() {
        for (LinkedBlockingQueue<Object> q : queues) {
            q.add(STOP);
        }
    }
}
