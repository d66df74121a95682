package dev.floe.bench;

import dev.floe.AckLevel;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.FloeSerializable;
import dev.floe.LoopVars;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.Ops;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Floe's side of the B5 fanout benchmark, and the single-loop baseline it is divided by.
 *
 * <p>{@link FanoutModule} is the fanout of {@code dev.floe.examples.timeline.TimelineModule} (which
 * module {@code test} sees only in its tests): posts, partitioned by author, get a per-author id
 * and go, in a microbatch topology, to the author's home timeline and to every follower's, the
 * follower set being read in chunks of {@code chunkMax} with {@code sortedSetRangeFrom} in a loop
 * and each follower hash-partitioned; a timeline is a subindexed sorted set of
 * {@code [epochMillis, author, postId]} trimmed to the newest {@code timelineMax}. The follower
 * graph is loaded in bulk ({@link FollowerBatch}, one record per author) and is not measured.
 *
 * <p>{@link Graph} is a skewed follower graph: account {@code i}'s follower count is proportional
 * to {@code 1 / (i + 1)^skew}, scaled to the requested average (capped at every other account),
 * its followers drawn at random. Post {@code k} is by a uniformly random author and has time
 * {@code k}, so the newest entries of a timeline are the last ones delivered to it and
 * {@link RingBaseline} — a single loop appending post numbers to one ring of {@code timelineMax}
 * per account — holds exactly what every Floe timeline must hold.
 *
 * <p>One client thread drives a rig.
 */
final class TimelineFanoutRig implements AutoCloseable {
    /** Followers of one author, loaded at once. */
    public record FollowerBatch(String author, List<String> followers) implements FloeSerializable {}

    /** A post by {@code authorId} at a time. */
    public record Post(String authorId, long epochMillis) implements FloeSerializable {}

    static final String MODULE = FanoutModule.class.getName();
    static final String TOPOLOGY = "fanout";
    private static final long WAIT_MAX_MILLIS = 300_000;

    static final FloeFunction1<FollowerBatch, String> BATCH_AUTHOR = FollowerBatch::author;
    static final FloeFunction1<FollowerBatch, List<String>> BATCH_FOLLOWERS = FollowerBatch::followers;
    static final FloeFunction1<Post, String> POST_AUTHOR = Post::authorId;
    static final FloeFunction1<Post, Long> POST_MILLIS = Post::epochMillis;
    static final FloeFunction3<Long, String, Long, List<Object>> ENTRY = (millis, author, id) -> List.of(millis, author, id);
    static final FloeFunction2<Collection<?>, Long, List<Object>> CHUNK_OF = TimelineFanoutRig::chunkOf;
    static final FloeFunction2<Collection<?>, Long, Object> NEXT_CHUNK_START = TimelineFanoutRig::nextChunkStart;

    static List<Object> chunkOf(Collection<?> range, Long chunkMax) {
        List<Object> chunk = new ArrayList<>();
        Iterator<?> it = range.iterator();
        while (chunk.size() < chunkMax && it.hasNext()) {
            chunk.add(it.next());
        }
        return chunk;
    }

    static Object nextChunkStart(Collection<?> range, Long chunkMax) {
        long i = 0;
        for (Object follower : range) {
            if (i++ == chunkMax) {
                return follower;
            }
        }
        return null;
    }

    /** The chunked microbatch fanout into bounded home timelines. */
    public static final class FanoutModule implements FloeModule {
        private final long chunkMax;
        private final long timelineMax;

        FanoutModule(long chunkMax, long timelineMax) {
            this.chunkMax = chunkMax;
            this.timelineMax = timelineMax;
        }

        @Override
        public void define(Setup setup, Topologies topologies) {
            setup.declareDepot("*followerBatches", Depot.hashBy(BATCH_AUTHOR));
            setup.declareDepot("*posts", Depot.hashBy(POST_AUTHOR));

            var graph = topologies.stream("graph");
            graph.pstate("$$followers", PState.mapSchema(String.class, PState.setSchema(String.class).subindexed()));
            graph.source("*followerBatches").out("*batch")
                    .each(BATCH_AUTHOR, "*batch").out("*author")
                    .each(Ops.EXPLODE, new Expr(BATCH_FOLLOWERS, "*batch")).out("*follower")
                    .localTransform("$$followers", Path.key("*author").voidSetElem().termVal("*follower"));

            var fanout = topologies.microbatch(TOPOLOGY);
            fanout.pstate("$$nextPostId", PState.mapSchema(String.class, Long.class));
            fanout.pstate("$$homeTimelines", PState.mapSchema(String.class, PState.setSchema(List.class).subindexed()));
            fanout.source("*posts").out("*microbatch")
                    .explodeMicrobatch("*microbatch").out("*post")
                    .each(POST_AUTHOR, "*post").out("*author")
                    .each(POST_MILLIS, "*post").out("*millis")
                    .localSelect("$$nextPostId", Path.key("*author").nullToVal(0L)).out("*postId")
                    .localTransform("$$nextPostId", Path.key("*author").nullToVal(0L).term(Ops.INC_LONG))
                    .each(ENTRY, "*millis", "*author", "*postId").out("*entry")
                    .anchor("stored")
                    .loopWithVars(LoopVars.var("*start", ""),
                            Block.localSelect("$$followers",
                                            Path.key("*author").sortedSetRangeFrom("*start", (int) chunkMax + 1)).out("*range")
                                    .each(CHUNK_OF, "*range", chunkMax).out("*part")
                                    .emitLoop("*part")
                                    .each(NEXT_CHUNK_START, "*range", chunkMax).out("*next")
                                    .keepTrue(new Expr(Ops.IS_NOT_NULL, "*next"))
                                    .continueLoop("*next")).out("*chunk")
                    .each(Ops.EXPLODE, "*chunk").out("*reader")
                    .anchor("toFollower")
                    .hook("stored")
                    .each(Ops.IDENTITY, "*author").out("*reader")
                    .anchor("toAuthor")
                    .unify("toFollower", "toAuthor")
                    .hashPartition("*reader")
                    .localTransform("$$homeTimelines", Path.key("*reader").voidSetElem().termVal("*entry"))
                    .localSelect("$$homeTimelines", Path.key("*reader").view(Ops.SIZE)).out("*size")
                    .keepTrue(new Expr(Ops.GREATER_THAN, "*size", timelineMax))
                    .localSelect("$$homeTimelines", Path.key("*reader").sortedSetRangeFrom(List.of(), 1).all()).out("*oldest")
                    .localTransform("$$homeTimelines", Path.key("*reader").setElem("*oldest").termVoid());
        }
    }

    /** A skewed follower graph over {@code accounts} accounts named {@link #name}. */
    static final class Graph {
        final int[][] followersOf;
        final long edges;

        Graph(int accounts, double averageFanout, double skew, long seed) {
            if (accounts < 2 || averageFanout < 0 || skew < 0) {
                throw new IllegalArgumentException("at least 2 accounts, a fanout and skew of at least 0");
            }
            double[] weights = new double[accounts];
            double sum = 0;
            for (int i = 0; i < accounts; i++) {
                weights[i] = 1 / Math.pow(i + 1, skew);
                sum += weights[i];
            }
            Random random = new Random(seed);
            followersOf = new int[accounts][];
            int[] others = new int[accounts];
            long total = 0;
            for (int i = 0; i < accounts; i++) {
                int n = (int) Math.min(accounts - 1, Math.round(weights[i] / sum * averageFanout * accounts));
                // a partial Fisher-Yates shuffle of every account but i
                for (int j = 0; j < accounts; j++) {
                    others[j] = j;
                }
                others[i] = others[accounts - 1];
                for (int j = 0; j < n; j++) {
                    int pick = j + random.nextInt(accounts - 1 - j);
                    int t = others[j];
                    others[j] = others[pick];
                    others[pick] = t;
                }
                followersOf[i] = java.util.Arrays.copyOf(others, n);
                total += n;
            }
            edges = total;
        }

        int accounts() {
            return followersOf.length;
        }

        /** Deliveries of a post by {@code author}: its followers and itself. */
        int deliveries(int author) {
            return followersOf[author].length + 1;
        }

        static String name(int account) {
            return String.format("a%06d", account);
        }
    }

    /** The baseline: one loop appending each post's number to the ring of its author and of every follower. */
    static final class RingBaseline {
        private final Graph graph;
        private final long[][] rings;
        private final long[] delivered;
        private final int timelineMax;

        RingBaseline(Graph graph, int timelineMax) {
            this.graph = graph;
            this.timelineMax = timelineMax;
            this.rings = new long[graph.accounts()][timelineMax];
            this.delivered = new long[graph.accounts()];
        }

        /** Delivers post {@code k} by {@code author}; returns the deliveries made. */
        int post(int author, long k) {
            append(author, k);
            int[] followers = graph.followersOf[author];
            for (int f : followers) {
                append(f, k);
            }
            return followers.length + 1;
        }

        private void append(int account, long k) {
            rings[account][(int) (delivered[account]++ % timelineMax)] = k;
        }

        /** The post numbers in an account's ring, oldest first. */
        List<Long> timeline(int account) {
            List<Long> out = new ArrayList<>();
            long n = delivered[account];
            for (long i = Math.max(0, n - timelineMax); i < n; i++) {
                out.add(rings[account][(int) (i % timelineMax)]);
            }
            return out;
        }
    }

    final Graph graph;
    final int[] authors;
    private final InProcessCluster cluster;
    private final Depot posts;
    private final PState timelines;
    private final int window;
    private long posted;

    /**
     * A cluster running {@link FanoutModule} with the graph loaded; {@code authors[k]} is the
     * author of post {@code k}. {@code inMemory}: depots and PStates in memory, else on disk
     * (RocksDB).
     */
    TimelineFanoutRig(Graph graph, int[] authors, long chunkMax, int timelineMax, int tasks, int threads,
            boolean inMemory, int window) {
        this.graph = graph;
        this.authors = authors;
        this.window = window;
        InProcessCluster.Options options = InProcessCluster.options();
        this.cluster = (inMemory ? options.inMemory() : options).create();
        cluster.launchModule(new FanoutModule(chunkMax, timelineMax), new LaunchConfig(tasks, threads));
        Depot batches = cluster.clusterDepot(MODULE, "*followerBatches");
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < graph.accounts(); i++) {
            List<String> followers = new ArrayList<>();
            for (int f : graph.followersOf[i]) {
                followers.add(Graph.name(f));
            }
            acks.add(batches.appendAsync(new FollowerBatch(Graph.name(i), followers), AckLevel.ACK));
        }
        acks.forEach(f -> f.orTimeout(WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join());
        this.posts = cluster.clusterDepot(MODULE, "*posts");
        this.timelines = cluster.clusterPState(MODULE, "$$homeTimelines");
    }

    long posted() {
        return posted;
    }

    /**
     * Appends the next {@code n} posts at {@code ratePerSecond} (open loop: post {@code i} is sent
     * at {@code start + i / rate}, never earlier) while the microbatch topology runs, and returns
     * when all are processed. {@code latencyNanos[i]}, if not null, gets the time from post
     * {@code i}'s scheduled send to the moment the topology's processed count reached it.
     */
    long postAtRate(int n, double ratePerSecond, long[] latencyNanos) {
        long first = posted;
        long[] scheduled = new long[n];
        long[] reached = new long[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    cluster.waitForMicrobatchProcessedCount(MODULE, TOPOLOGY, (int) (first + i + 1), (int) WAIT_MAX_MILLIS);
                    reached[i] = System.nanoTime();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "timeline-bench-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Semaphore inFlight = new Semaphore(window);
        long deliveries = 0;
        long start = System.nanoTime();
        double intervalNanos = 1e9 / ratePerSecond;
        for (int i = 0; i < n; i++) {
            long at = start + (long) (i * intervalNanos);
            for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            scheduled[i] = at;
            int author = authors[(int) ((first + i) % authors.length)];
            deliveries += graph.deliveries(author);
            inFlight.acquireUninterruptibly();
            posts.appendAsync(new Post(Graph.name(author), first + i), AckLevel.APPEND_ACK)
                    .whenComplete((r, t) -> {
                        if (t != null) {
                            failure.compareAndSet(null, t);
                        }
                        inFlight.release();
                    });
        }
        posted += n;
        try {
            watcher.join(WAIT_MAX_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("posting failed", failure.get());
        }
        if (watcher.isAlive()) {
            throw new IllegalStateException("posts not processed within " + WAIT_MAX_MILLIS + " ms");
        }
        if (latencyNanos != null) {
            for (int i = 0; i < n; i++) {
                latencyNanos[i] = reached[i] - scheduled[i];
            }
        }
        return deliveries;
    }

    /** The post numbers (times) in an account's home timeline, oldest first. */
    List<Long> timeline(int account) {
        Set<?> entries = timelines.selectOne(Path.key(Graph.name(account)).nullToSet());
        List<Long> out = new ArrayList<>();
        for (Object e : entries) {
            out.add((Long) ((List<?>) e).get(0));
        }
        return out;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
