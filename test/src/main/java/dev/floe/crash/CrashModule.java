package dev.floe.crash;

import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.FloeSerializable;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.Ops;

/**
 * The module of the crash test ({@code CrashRecoveryTest}): records with a unique id, a key and
 * an amount go to {@code *ops}, partitioned by key. A stream topology keeps at-least-once effects
 * (per key the set of ids seen, per id the number of times it was processed); a microbatch
 * topology keeps exactly-once effects (per key the count and the sum of amounts, per id the
 * number of times it was applied, which must be exactly 1, and the record's ordinal among its
 * key's records, read from the key's count on the key's task and written on the id's task). Both
 * hop between tasks (to the id's task and back to the key's), so a record's effects span several
 * tasks' stores.
 */
public final class CrashModule implements FloeModule {
    /** The module's name. */
    public static final String NAME = CrashModule.class.getName();
    /** The depot. */
    public static final String DEPOT = "*ops";
    /** The stream topology. */
    public static final String STREAM = "stream";
    /** The microbatch topology. */
    public static final String MICROBATCH = "mb";
    /** Tasks of the module. */
    public static final int TASKS = 4;
    /** Task threads of the module. */
    public static final int THREADS = 2;

    /** A record: its key and amount are functions of its id ({@link #of}), so a damaged record shows. */
    public record Rec(long id, String key, long amount) implements FloeSerializable {}

    /** The record of an id. */
    public static Rec of(long id) {
        long h = mix(id);
        return new Rec(id, "k" + Math.floorMod(h, 37), 1 + Math.floorMod(h >>> 17, 1000));
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /** {@link Rec#key}. */
    public static final FloeFunction1<Rec, String> KEY = Rec::key;
    /** {@link Rec#id}. */
    public static final FloeFunction1<Rec, Long> ID = Rec::id;
    /** {@link Rec#amount}. */
    public static final FloeFunction1<Rec, Long> AMOUNT = Rec::amount;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot(DEPOT, Depot.hashBy(KEY));

        // at least once: replays after a crash may process a record again
        var stream = topologies.stream(STREAM);
        stream.pstate("$$streamKeyIds", PState.mapSchema(String.class, PState.setSchema(Long.class).subindexed()));
        stream.pstate("$$streamIdCount", PState.mapSchema(Long.class, Long.class));
        stream.source(DEPOT).out("*rec")
                .each(KEY, "*rec").out("*key")
                .each(ID, "*rec").out("*id")
                .hashPartition("*id")
                .compoundAgg("$$streamIdCount", CompoundAgg.map("*id", Agg.count()))
                .hashPartition("*key")
                .compoundAgg("$$streamKeyIds", CompoundAgg.map("*key", Agg.set("*id")));

        // exactly once: per-record writes on the key's and the id's tasks, and a batch aggregation
        var mb = topologies.microbatch(MICROBATCH);
        mb.pstate("$$mbKeyCount", PState.mapSchema(String.class, Long.class));
        mb.pstate("$$mbIdCount", PState.mapSchema(Long.class, Long.class));
        mb.pstate("$$mbKeySum", PState.mapSchema(String.class, Long.class));
        mb.pstate("$$mbIdOrdinal", PState.mapSchema(Long.class, Long.class));
        mb.source(DEPOT).out("*mb")
                .explodeMicrobatch("*mb").out("*rec")
                .each(KEY, "*rec").out("*key")
                .each(ID, "*rec").out("*id")
                .each(AMOUNT, "*rec").out("*amount")
                // read on one task, written on another: a re-run must read what the first run read
                .localSelect("$$mbKeyCount", Path.key("*key").nullToVal(0L)).out("*ordinal")
                .localTransform("$$mbKeyCount", Path.key("*key").nullToVal(0L).term(Ops.PLUS_LONG, 1L))
                .hashPartition("*id")
                .localTransform("$$mbIdCount", Path.key("*id").nullToVal(0L).term(Ops.PLUS_LONG, 1L))
                .localTransform("$$mbIdOrdinal", Path.key("*id").termVal("*ordinal"))
                .hashPartition("*key")
                .compoundAgg("$$mbKeySum", CompoundAgg.map("*key", Agg.sum("*amount")));
    }
}
