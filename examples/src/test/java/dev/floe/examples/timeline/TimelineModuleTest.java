package dev.floe.examples.timeline;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.timeline.TimelineModule.Follow;
import dev.floe.examples.timeline.TimelineModule.Post;
import dev.floe.examples.timeline.TimelineModule.TimelinePost;
import dev.floe.examples.timeline.TimelineModule.Unfollow;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timeline module against a plain-Java model of follows, post ids, chunked fanout and trimmed
 * home timelines: every query and PState equals the model's after each step, on one task and on
 * four, threaded and under the deterministic scheduler.
 */
class TimelineModuleTest {
    private static final String M = TimelineModule.class.getName();
    private static final List<String> ACCOUNTS = List.of("ann", "bo", "cy", "di", "ed", "flo", "gus", "hal");
    /** Small sizes, so that a few accounts exceed a chunk and a few posts fill a timeline. */
    private static final long CHUNK_MAX = 2;
    private static final long TIMELINE_MAX = 5;

    /** The order of timeline entries {@code [epochMillis, author, postId]}, as the module keeps them. */
    private static final Comparator<List<Object>> ENTRY_ORDER = Comparator
            .<List<Object>>comparingLong(e -> (Long) e.get(0))
            .thenComparing(e -> (String) e.get(1))
            .thenComparingLong(e -> (Long) e.get(2));

    /** The module's rules in plain Java. */
    static final class Model {
        final long timelineMax;
        final Map<String, TreeSet<String>> following = new HashMap<>();
        final Map<String, TreeSet<String>> followers = new HashMap<>();
        final Map<String, TreeMap<Long, Post>> posts = new HashMap<>();
        final Map<String, TreeSet<List<Object>>> timelines = new HashMap<>();
        /** Posts delivered to more followers than one chunk holds, and entries trimmed away. */
        int multiChunkFanouts;
        int trimmed;

        Model(long timelineMax) {
            this.timelineMax = timelineMax;
        }

        void follows(List<Object> ops) {
            for (Object op : ops) {
                if (op instanceof Follow f) {
                    if (!f.follower().equals(f.followee())) {
                        following.computeIfAbsent(f.follower(), k -> new TreeSet<>()).add(f.followee());
                        followers.computeIfAbsent(f.followee(), k -> new TreeSet<>()).add(f.follower());
                    }
                } else {
                    Unfollow u = (Unfollow) op;
                    following.getOrDefault(u.follower(), new TreeSet<>()).remove(u.followee());
                    followers.getOrDefault(u.followee(), new TreeSet<>()).remove(u.follower());
                }
            }
        }

        /** One microbatch of posts: ids in append order per author, delivered to the author and its followers. */
        void posts(List<Post> batch, long chunkMax) {
            for (Post p : batch) {
                if (p.epochMillis() == Long.MAX_VALUE) {
                    continue;
                }
                TreeMap<Long, Post> own = posts.computeIfAbsent(p.authorId(), k -> new TreeMap<>());
                long id = own.size();
                own.put(id, p);
                List<Object> entry = List.of(p.epochMillis(), p.authorId(), id);
                deliver(p.authorId(), entry);
                Set<String> fs = followers.getOrDefault(p.authorId(), new TreeSet<>());
                if (fs.size() > chunkMax) {
                    multiChunkFanouts++;
                }
                for (String f : fs) {
                    deliver(f, entry);
                }
            }
        }

        private void deliver(String account, List<Object> entry) {
            TreeSet<List<Object>> timeline = timelines.computeIfAbsent(account, k -> new TreeSet<>(ENTRY_ORDER));
            timeline.add(entry);
            if (timeline.size() > timelineMax) {
                timeline.pollFirst();
                trimmed++;
            }
        }

        List<TimelinePost> homeTimeline(String account, int limit) {
            List<TimelinePost> out = new ArrayList<>();
            for (List<Object> e : timelines.getOrDefault(account, new TreeSet<>(ENTRY_ORDER)).descendingSet()) {
                if (out.size() >= limit) {
                    break;
                }
                Post p = posts.get((String) e.get(1)).get((Long) e.get(2));
                out.add(new TimelinePost(p.authorId(), (Long) e.get(2), p.text(), p.epochMillis()));
            }
            return out;
        }

        List<TimelinePost> accountPosts(String account, int limit) {
            List<TimelinePost> all = new ArrayList<>();
            posts.getOrDefault(account, new TreeMap<>())
                    .forEach((id, p) -> all.add(new TimelinePost(account, id, p.text(), p.epochMillis())));
            all.sort(Comparator.comparingLong(TimelinePost::postId).reversed());
            return all.subList(0, Math.min(limit, all.size()));
        }
    }

    /** Appends posts while the topology is paused, so that they form exactly one microbatch. */
    private static void runMicrobatch(InProcessCluster c, List<Post> posts, int[] processed) {
        c.pauseMicrobatchTopology(M, "fanout");
        Depot depot = c.clusterDepot(M, "*posts");
        for (Post p : posts) {
            depot.append(p, AckLevel.APPEND_ACK);
        }
        c.resumeMicrobatchTopology(M, "fanout");
        processed[0] += posts.size();
        c.waitForMicrobatchProcessedCount(M, "fanout", processed[0]);
    }

    /** Appends follows records and returns once the stream topology has processed all of them. */
    private static void follow(InProcessCluster c, List<Object> ops) {
        Depot depot = c.clusterDepot(M, "*follows");
        for (Object op : ops) {
            depot.append(op, AckLevel.ACK);
        }
    }

    @Test
    void postsReachFollowersNewestFirstAndUnfollowStopsFanout() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new TimelineModule(2, 3), config);
                int[] processed = {0};
                follow(c, List.of(new Follow("bo", "ann"), new Follow("cy", "ann"), new Follow("di", "ann"),
                        new Follow("ed", "ann"), new Follow("ann", "ann"), new Follow("ann", "bo")));
                runMicrobatch(c, List.of(new Post("ann", "hello", 100), new Post("bo", "hi", 50),
                        new Post("ann", "again", 90)), processed);
                QueryTopologyClient<List<TimelinePost>> home = c.clusterQuery(M, "homeTimeline");
                QueryTopologyClient<List<TimelinePost>> own = c.clusterQuery(M, "accountPosts");
                QueryTopologyClient<Integer> followerCount = c.clusterQuery(M, "followerCount");
                TimelinePost hello = new TimelinePost("ann", 0, "hello", 100);
                TimelinePost again = new TimelinePost("ann", 1, "again", 90);
                TimelinePost hi = new TimelinePost("bo", 0, "hi", 50);
                assertEquals(List.of(hello, again, hi), home.invoke("ann", 10L), config.toString());
                assertEquals(List.of(hello, again), home.invoke("ann", 2L), "the newest first");
                // four followers: two chunks of two
                for (String f : List.of("cy", "di", "ed")) {
                    assertEquals(List.of(hello, again), home.invoke(f, 10L), f);
                }
                assertEquals(List.of(hello, again, hi), home.invoke("bo", 10L), "bo sees its own post");
                assertEquals(List.of(again, hello), own.invoke("ann", 10L), "latest first, by post id");
                assertEquals(List.of(again), own.invoke("ann", 1L));
                assertEquals(List.of(hello, again), home.invoke("ann", 2), "an Integer limit");
                assertEquals(List.of(), own.invoke("ann", 0L), "a limit of zero");
                assertEquals(List.of(), home.invoke("nobody", 5L));
                assertEquals(4, followerCount.invoke("ann"), "following oneself is ignored");
                assertEquals(0, followerCount.invoke("nobody"));

                // unfollowing stops future posts; delivered ones stay; the oldest are trimmed past 3
                follow(c, List.of(new Unfollow("cy", "ann")));
                runMicrobatch(c, List.of(new Post("ann", "third", 200), new Post("ann", "late", 10),
                        new Post("ann", "bad time", Long.MAX_VALUE)), processed);
                TimelinePost third = new TimelinePost("ann", 2, "third", 200);
                assertEquals(List.of(hello, again), home.invoke("cy", 10L), "no post after the unfollow");
                assertEquals(List.of(third, hello, again), home.invoke("di", 10L), "'late' is older than the 3 kept");
                assertEquals(List.of(third, hello, again), home.invoke("ann", 10L), "bo's post was trimmed");
                assertEquals(4L, (Long) c.clusterPState(M, "$$nextPostId").selectOne(Path.key("ann")),
                        "the post with an invalid time got no id");
                assertEquals(3, followerCount.invoke("ann"));
                assertEquals(3, (Integer) c.clusterPState(M, "$$homeTimelines").selectOne(Path.key("ed").view(dev.floe.ops.Ops.SIZE)));
            }
        }
    }

    @Test
    void anAuthorWithMoreFollowersThanTwoDefaultChunksReachesEveryOne() {
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new TimelineModule(), LaunchConfigs.get(2));
            int followersCount = (int) (2 * TimelineModule.FANOUT_CHUNK_MAX + 7);
            Depot follows = c.clusterDepot(M, "*follows");
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < followersCount; i++) {
                acks.add(follows.appendAsync(new Follow(String.format("f%04d", i), "star"), AckLevel.ACK));
            }
            acks.forEach(CompletableFuture::join);
            int[] processed = {0};
            runMicrobatch(c, List.of(new Post("star", "to everyone", 1_000)), processed);
            assertEquals(followersCount, (Integer) c.clusterQuery(M, "followerCount").invoke("star"));
            PState timelines = c.clusterPState(M, "$$homeTimelines");
            List<Object> entry = List.of(1_000L, "star", 0L);
            for (int i = 0; i < followersCount; i++) {
                String f = String.format("f%04d", i);
                assertEquals(Set.of(entry), Set.copyOf((Set<?>) timelines.selectOne(Path.key(f))), f);
            }
        }
    }

    // ------------------------------------------------------------------------------ model-based

    /** A follows record (kind 0 follow, 1 unfollow) or a post (kind 2, with a time). */
    record Op(int kind, String a, String b, long millis) {}

    @Provide
    Arbitrary<List<List<Op>>> steps() {
        Arbitrary<String> account = Arbitraries.of(ACCOUNTS);
        // a skewed graph: "ann" is followed (and posts) twice as much as the others together, so she
        // often has more followers than one chunk holds
        Arbitrary<String> popular = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("ann")), Tuple.of(1, account));
        Arbitrary<Op> follow = Combinators.combine(account, popular).as((a, b) -> new Op(0, a, b, 0));
        Arbitrary<Op> unfollow = Combinators.combine(account, popular).as((a, b) -> new Op(1, a, b, 0));
        // few distinct times: ties, and posts older than what a timeline already holds
        Arbitrary<Op> post = Combinators.combine(popular, Arbitraries.longs().between(0, 30))
                .as((a, t) -> new Op(2, a, a, t));
        Arbitrary<List<Op>> followsStep = Arbitraries.frequencyOf(Tuple.of(4, follow), Tuple.of(1, unfollow))
                .list().ofMinSize(1).ofMaxSize(20);
        Arbitrary<List<Op>> postsStep = post.list().ofMinSize(1).ofMaxSize(8);
        return Arbitraries.oneOf(followsStep, postsStep).list().ofMinSize(2).ofMaxSize(10);
    }

    @Property(tries = 25)
    void timelinesFollowersAndPostsAreTheModels(@ForAll("steps") List<List<Op>> steps,
            @ForAll boolean fourTasks, @ForAll boolean deterministic, @ForAll long seed) {
        InProcessCluster.Options options = deterministic ? InProcessCluster.options().deterministic(seed)
                : InProcessCluster.options();
        Model model = new Model(TIMELINE_MAX);
        int postCount = 0;
        try (InProcessCluster c = options.create()) {
            c.launchModule(new TimelineModule(CHUNK_MAX, TIMELINE_MAX), LaunchConfigs.get(fourTasks ? 2 : 0));
            QueryTopologyClient<List<TimelinePost>> home = c.clusterQuery(M, "homeTimeline");
            QueryTopologyClient<List<TimelinePost>> own = c.clusterQuery(M, "accountPosts");
            QueryTopologyClient<Integer> followerCount = c.clusterQuery(M, "followerCount");
            PState following = c.clusterPState(M, "$$following");
            PState followers = c.clusterPState(M, "$$followers");
            int[] processed = {0};
            for (List<Op> step : steps) {
                if (step.get(0).kind() == 2) {
                    List<Post> posts = new ArrayList<>();
                    for (Op op : step) {
                        posts.add(new Post(op.a(), "post " + postCount++, op.millis()));
                    }
                    model.posts(posts, CHUNK_MAX);
                    runMicrobatch(c, posts, processed);
                } else {
                    List<Object> records = new ArrayList<>();
                    for (Op op : step) {
                        records.add(op.kind() == 0 ? new Follow(op.a(), op.b()) : new Unfollow(op.a(), op.b()));
                    }
                    model.follows(records);
                    follow(c, records);
                }
                for (String a : ACCOUNTS) {
                    assertEquals(model.homeTimeline(a, 100), home.invoke(a, 100L), "home timeline of " + a);
                    assertEquals(model.homeTimeline(a, 2), home.invoke(a, 2L), "newest 2 of " + a);
                    assertEquals(model.accountPosts(a, 3), own.invoke(a, 3L), "posts of " + a);
                    assertEquals(model.followers.getOrDefault(a, new TreeSet<>()).size(), followerCount.invoke(a), a);
                    assertEquals(List.copyOf(model.followers.getOrDefault(a, new TreeSet<>())),
                            List.copyOf((Set<?>) followers.selectOne(Path.key(a).nullToSet())), "followers of " + a);
                    assertEquals(List.copyOf(model.following.getOrDefault(a, new TreeSet<>())),
                            List.copyOf((Set<?>) following.selectOne(Path.key(a).nullToSet())), "following of " + a);
                }
            }
            // the generators must keep exercising what this property is about
            Statistics.label("fanout over several chunks").collect(model.multiChunkFanouts > 0);
            Statistics.label("fanout over several chunks").coverage(k -> k.check(true).percentage(p -> p >= 8));
            Statistics.label("timelines trimmed").collect(model.trimmed > 0);
            Statistics.label("timelines trimmed").coverage(k -> k.check(true).percentage(p -> p >= 8));
        }
    }
}
