package dev.floe.examples.timeline;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.FloeSerializable;
import dev.floe.LoopVars;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SortedRangeToOptions;
import dev.floe.SubSource;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.Ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A Mastodon-style social backend: accounts follow each other, post, and read a home timeline of
 * the newest posts of the accounts they follow (and their own).
 *
 * <p><b>Follows.</b> Clients append {@link Follow}s and {@link Unfollow}s to {@code *follows},
 * partitioned by the follower. The stream topology {@code follows} edits {@code $$following} on the
 * follower's task, then moves to the followee's task ({@code hashPartition}) and edits
 * {@code $$followers}. Both are {@code account -> subindexed set of accounts}: a follower list of
 * any length is stored one element per key, sorted, with its size tracked, so
 * {@code followerCount} is one lookup and a range of followers is one seek. Both edits of one
 * record happen in append order relative to the follower's other records (one depot partition,
 * ordered messages between tasks), and both are idempotent, so a retried record changes nothing.
 * Following oneself is ignored; an account's own posts reach its timeline anyway.
 *
 * <p><b>Posts.</b> Clients append {@link Post}s to {@code *posts}, partitioned by the author. The
 * microbatch topology {@code fanout}, on the author's task, gives each post the author's next post
 * id from {@code $$nextPostId} (0, 1, 2 … per author, in append order: a per-author counter, so ids
 * need no coordination and are never reused) and stores it in {@code $$posts}
 * ({@code author -> subindexed sorted map postId -> Post}). It then delivers the timeline entry
 * {@code [epochMillis, author, postId]} to the author's own home timeline and to every follower's.
 *
 * <p><b>Fanout in chunks.</b> The follower set is read in chunks: a loop reads at most
 * {@code fanoutChunkMax + 1} followers from a start ({@code sortedSetRangeFrom}, the first start
 * being {@code ""}, the smallest String), emits the first {@code fanoutChunkMax} as a chunk and, if
 * it read one more, continues from that one. Each chunk is exploded and every follower is
 * hash-partitioned to its own task, where its timeline is written. So one event never holds more
 * than a chunk of followers, however many an author has.
 *
 * <p><b>Home timelines.</b> {@code $$homeTimelines} is {@code account -> subindexed sorted set} of
 * entries {@code [epochMillis, author, postId]}, ordered by time, then author, then id. After each
 * insertion a timeline longer than {@code timelineMax} loses its oldest entry, so it always holds
 * the newest {@code timelineMax} entries delivered to it, whatever order they arrived in. Being a
 * microbatch topology, every post is stored and delivered exactly once, even when an attempt fails
 * and is retried.
 *
 * <p><b>Unfollowing</b> stops future fanout: a post reaches the accounts in the author's follower
 * set when its chunk is read. Entries already delivered stay in the timeline until they are trimmed
 * (removing them would scan the timeline on every unfollow; the queries show them).
 *
 * <p><b>Queries.</b> {@code homeTimeline(account, limit)} reads the newest {@code limit} entries
 * of the account's timeline, moves each to its author's task to read the post, and returns them
 * as {@link TimelinePost}s, newest first. {@code accountPosts(account, limit)} returns an account's
 * latest {@code limit} posts, latest first (by post id: the order they were appended in; their
 * times are the clients'), and {@code followerCount(account)} the size of its
 * follower set (an {@code Integer}). A limit of zero or less gives an empty list.
 */
public final class TimelineModule implements FloeModule {
    /** {@code follower} starts following {@code followee}. */
    public record Follow(String follower, String followee) implements FloeSerializable {}

    /** {@code follower} stops following {@code followee}. */
    public record Unfollow(String follower, String followee) implements FloeSerializable {}

    /** A post by {@code authorId} at a time in milliseconds since the epoch (below {@code Long.MAX_VALUE}). */
    public record Post(String authorId, String text, long epochMillis) implements FloeSerializable {}

    /** A post as the queries return it. */
    public record TimelinePost(String authorId, long postId, String text, long epochMillis) implements FloeSerializable {}

    /** Followers per chunk of the fanout, by default. */
    public static final long FANOUT_CHUNK_MAX = 500;

    /** Entries kept per home timeline, by default. */
    public static final long TIMELINE_MAX = 800;

    /** The start of the first fanout chunk: the smallest String. */
    public static final String FIRST_ACCOUNT = "";

    /** A bound above every timeline entry (entries start with a time below {@code Long.MAX_VALUE}). */
    public static final List<Object> ENTRY_END = List.of(Long.MAX_VALUE);

    /** A bound below every timeline entry (a list sorts after its prefixes). */
    public static final List<Object> ENTRY_START = List.of();

    private final long fanoutChunkMax;
    private final long timelineMax;

    /** The module with {@link #FANOUT_CHUNK_MAX} and {@link #TIMELINE_MAX}. */
    public TimelineModule() {
        this(FANOUT_CHUNK_MAX, TIMELINE_MAX);
    }

    /** The module with other sizes (small ones make tests reach chunking and trimming quickly). */
    public TimelineModule(long fanoutChunkMax, long timelineMax) {
        if (fanoutChunkMax < 1 || fanoutChunkMax >= Integer.MAX_VALUE || timelineMax < 1) {
            throw new IllegalArgumentException("fanoutChunkMax must be in [1, 2^31 - 1) and timelineMax positive: "
                    + fanoutChunkMax + ", " + timelineMax);
        }
        this.fanoutChunkMax = fanoutChunkMax;
        this.timelineMax = timelineMax;
    }

    /** The follower of a follows record (the depot's partitioner key). */
    public static String follower(Object op) {
        if (op instanceof Follow f) {
            return f.follower();
        }
        if (op instanceof Unfollow u) {
            return u.follower();
        }
        throw new IllegalArgumentException("not a follows record: " + op);
    }

    /** Whether a post can be stored: an author, a text, and a time below {@code Long.MAX_VALUE}. */
    public static boolean isValidPost(Post post) {
        return post.authorId() != null && post.text() != null && post.epochMillis() < Long.MAX_VALUE;
    }

    /** The timeline entry of a post: {@code [epochMillis, authorId, postId]}. */
    public static List<Object> timelineEntry(Long epochMillis, String authorId, Long postId) {
        return List.of(epochMillis, authorId, postId);
    }

    /** The first {@code chunkMax} elements of a range of followers. */
    public static List<Object> chunkOf(Collection<?> range, Long chunkMax) {
        List<Object> chunk = new ArrayList<>();
        Iterator<?> it = range.iterator();
        while (chunk.size() < chunkMax && it.hasNext()) {
            chunk.add(it.next());
        }
        return chunk;
    }

    /** The element after the first {@code chunkMax} of a range of followers (the next chunk's start), or null. */
    public static Object nextChunkStart(Collection<?> range, Long chunkMax) {
        long i = 0;
        for (Object follower : range) {
            if (i++ == chunkMax) {
                return follower;
            }
        }
        return null;
    }

    /** Range options reading the last {@code limit} (positive) elements before the end. */
    public static SortedRangeToOptions newestOptions(Number limit) {
        return SortedRangeToOptions.maxAmt((int) Math.min(limit.longValue(), Integer.MAX_VALUE));
    }

    /** A stored post as the queries return it. */
    public static TimelinePost timelinePost(Long postId, Post post) {
        return new TimelinePost(post.authorId(), postId, post.text(), post.epochMillis());
    }

    /** The order of timeline entries, on query results: time, then author, then post id. */
    public static final Comparator<TimelinePost> ENTRY_ORDER = Comparator.comparingLong(TimelinePost::epochMillis)
            .thenComparing(TimelinePost::authorId)
            .thenComparingLong(TimelinePost::postId);

    /** Home timeline entries, newest first. */
    public static List<TimelinePost> newestFirst(List<TimelinePost> posts) {
        List<TimelinePost> sorted = new ArrayList<>(posts);
        sorted.sort(ENTRY_ORDER.reversed());
        return sorted;
    }

    /** An account's posts, latest first (by post id: the order they were appended in). */
    public static List<TimelinePost> latestFirst(List<TimelinePost> posts) {
        List<TimelinePost> sorted = new ArrayList<>(posts);
        sorted.sort(Comparator.comparingLong(TimelinePost::postId).reversed());
        return sorted;
    }

    // The functions the topologies call, as values: the Clojure twin (floe.examples.timeline) calls
    // the very same ones, so both compile to the same IR.

    /** {@link #follower} as a function value (the follows depot's partitioner key). */
    public static final FloeFunction1<Object, String> FOLLOWER = TimelineModule::follower;
    /** {@link Follow#follower}. */
    public static final FloeFunction1<Follow, String> FOLLOW_FOLLOWER = Follow::follower;
    /** {@link Follow#followee}. */
    public static final FloeFunction1<Follow, String> FOLLOW_FOLLOWEE = Follow::followee;
    /** {@link Unfollow#follower}. */
    public static final FloeFunction1<Unfollow, String> UNFOLLOW_FOLLOWER = Unfollow::follower;
    /** {@link Unfollow#followee}. */
    public static final FloeFunction1<Unfollow, String> UNFOLLOW_FOLLOWEE = Unfollow::followee;
    /** {@link Post#authorId} (also the posts depot's partitioner key). */
    public static final FloeFunction1<Post, String> POST_AUTHOR = Post::authorId;
    /** {@link Post#epochMillis}. */
    public static final FloeFunction1<Post, Long> POST_MILLIS = Post::epochMillis;
    /** {@link #isValidPost} as a function value. */
    public static final FloeFunction1<Post, Boolean> VALID_POST = TimelineModule::isValidPost;
    /** {@link #timelineEntry} as a function value. */
    public static final FloeFunction3<Long, String, Long, List<Object>> TIMELINE_ENTRY = TimelineModule::timelineEntry;
    /** {@link #chunkOf} as a function value. */
    public static final FloeFunction2<Collection<?>, Long, List<Object>> CHUNK_OF = TimelineModule::chunkOf;
    /** {@link #nextChunkStart} as a function value. */
    public static final FloeFunction2<Collection<?>, Long, Object> NEXT_CHUNK_START = TimelineModule::nextChunkStart;
    /** {@link #newestOptions} as a function value. */
    public static final FloeFunction1<Number, SortedRangeToOptions> NEWEST_OPTIONS = TimelineModule::newestOptions;
    /** {@link #timelinePost} as a function value. */
    public static final FloeFunction2<Long, Post, TimelinePost> TIMELINE_POST = TimelineModule::timelinePost;
    /** {@link #newestFirst} as a function value. */
    public static final FloeFunction1<List<TimelinePost>, List<TimelinePost>> NEWEST_FIRST = TimelineModule::newestFirst;
    /** {@link #latestFirst} as a function value. */
    public static final FloeFunction1<List<TimelinePost>, List<TimelinePost>> LATEST_FIRST = TimelineModule::latestFirst;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*follows", Depot.hashBy(FOLLOWER));
        setup.declareDepot("*posts", Depot.hashBy(POST_AUTHOR));

        var follows = topologies.stream("follows");
        // account -> the accounts it follows / the accounts following it
        follows.pstate("$$following", PState.mapSchema(String.class, PState.setSchema(String.class).subindexed()));
        follows.pstate("$$followers", PState.mapSchema(String.class, PState.setSchema(String.class).subindexed()));
        follows.source("*follows").out("*op")
                .subSource("*op",
                        SubSource.create(Follow.class)
                                .each(FOLLOW_FOLLOWER, "*op").out("*follower")
                                .each(FOLLOW_FOLLOWEE, "*op").out("*followee")
                                .keepTrue(new Expr(Ops.NOT_EQUAL, "*follower", "*followee"))
                                .localTransform("$$following", Path.key("*follower").voidSetElem().termVal("*followee"))
                                .hashPartition("*followee")
                                .localTransform("$$followers", Path.key("*followee").voidSetElem().termVal("*follower")),
                        SubSource.create(Unfollow.class)
                                .each(UNFOLLOW_FOLLOWER, "*op").out("*follower")
                                .each(UNFOLLOW_FOLLOWEE, "*op").out("*followee")
                                .localTransform("$$following", Path.key("*follower").setElem("*followee").termVoid())
                                .hashPartition("*followee")
                                .localTransform("$$followers", Path.key("*followee").setElem("*follower").termVoid()));

        var fanout = topologies.microbatch("fanout");
        // author -> the id its next post gets
        fanout.pstate("$$nextPostId", PState.mapSchema(String.class, Long.class));
        // author -> post id -> post
        fanout.pstate("$$posts", PState.mapSchema(String.class, PState.mapSchema(Long.class, Post.class).subindexed()));
        // account -> the newest entries [epochMillis, author, postId] delivered to it
        fanout.pstate("$$homeTimelines", PState.mapSchema(String.class, PState.setSchema(List.class).subindexed()));
        fanout.source("*posts").out("*microbatch")
                .explodeMicrobatch("*microbatch").out("*post")
                .keepTrue(new Expr(VALID_POST, "*post"))
                .each(POST_AUTHOR, "*post").out("*author")
                .each(POST_MILLIS, "*post").out("*millis")
                .localSelect("$$nextPostId", Path.key("*author").nullToVal(0L)).out("*postId")
                .localTransform("$$nextPostId", Path.key("*author").nullToVal(0L).term(Ops.INC_LONG))
                .localTransform("$$posts", Path.key("*author", "*postId").termVal("*post"))
                .each(TIMELINE_ENTRY, "*millis", "*author", "*postId").out("*entry")
                .anchor("stored")
                // the followers, a chunk at a time
                .loopWithVars(LoopVars.var("*start", FIRST_ACCOUNT),
                        Block.localSelect("$$followers",
                                        Path.key("*author").sortedSetRangeFrom("*start", (int) fanoutChunkMax + 1)).out("*range")
                                .each(CHUNK_OF, "*range", fanoutChunkMax).out("*part")
                                .emitLoop("*part")
                                .each(NEXT_CHUNK_START, "*range", fanoutChunkMax).out("*next")
                                .keepTrue(new Expr(Ops.IS_NOT_NULL, "*next"))
                                .continueLoop("*next")).out("*chunk")
                .each(Ops.EXPLODE, "*chunk").out("*reader")
                .anchor("toFollower")
                // the author's own timeline
                .hook("stored")
                .each(Ops.IDENTITY, "*author").out("*reader")
                .anchor("toAuthor")
                .unify("toFollower", "toAuthor")
                .hashPartition("*reader")
                .localTransform("$$homeTimelines", Path.key("*reader").voidSetElem().termVal("*entry"))
                .localSelect("$$homeTimelines", Path.key("*reader").view(Ops.SIZE)).out("*size")
                .keepTrue(new Expr(Ops.GREATER_THAN, "*size", timelineMax))
                .localSelect("$$homeTimelines", Path.key("*reader").sortedSetRangeFrom(ENTRY_START, 1).all()).out("*oldest")
                .localTransform("$$homeTimelines", Path.key("*reader").setElem("*oldest").termVoid());

        topologies.query("homeTimeline", "*account", "*limit").out("*posts")
                .hashPartition("*account")
                .keepTrue(new Expr(Ops.GREATER_THAN, "*limit", 0L))
                .each(NEWEST_OPTIONS, "*limit").out("*newest")
                .localSelect("$$homeTimelines",
                        Path.key("*account").sortedSetRangeTo(ENTRY_END, "*newest").all()).out("*entry")
                .each(Ops.EXPAND, "*entry").out("*millis", "*author", "*postId")
                .hashPartition("*author")
                .localSelect("$$posts", Path.key("*author", "*postId")).out("*post")
                .keepTrue(new Expr(Ops.IS_NOT_NULL, "*post"))
                .each(TIMELINE_POST, "*postId", "*post").out("*item")
                .originPartition()
                .agg(Agg.list("*item")).out("*items")
                .each(NEWEST_FIRST, "*items").out("*posts");

        topologies.query("accountPosts", "*account", "*limit").out("*posts")
                .hashPartition("*account")
                .keepTrue(new Expr(Ops.GREATER_THAN, "*limit", 0L))
                .each(NEWEST_OPTIONS, "*limit").out("*newest")
                .localSelect("$$posts",
                        Path.key("*account").sortedMapRangeTo(Long.MAX_VALUE, "*newest").all()).out("*entry")
                .each(Ops.EXPAND, "*entry").out("*postId", "*post")
                .each(TIMELINE_POST, "*postId", "*post").out("*item")
                .originPartition()
                .agg(Agg.list("*item")).out("*items")
                .each(LATEST_FIRST, "*items").out("*posts");

        topologies.query("followerCount", "*account").out("*count")
                .hashPartition("*account")
                .localSelect("$$followers", Path.key("*account").view(Ops.SIZE)).out("*count")
                .originPartition();
    }
}
