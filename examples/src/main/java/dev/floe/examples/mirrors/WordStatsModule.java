package dev.floe.examples.mirrors;

import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.examples.wordcount.WordCountModule;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.Ops;

/**
 * A module that reads another through mirrors, without copying its data: it runs alongside
 * {@link WordCountModule} (launch that first) and
 * <ul>
 *   <li>sources WordCountModule's depot {@code *lines} as {@code *wcLines}: its stream topology
 *       counts lines by length bucket in its own PState {@code $$lineLengths};</li>
 *   <li>reads WordCountModule's {@code $$counts} as {@code $$wcCounts}: the query
 *       {@code wordReport} moves to the task hosting the word's partition
 *       ({@code hashPartition("$$wcCounts", word)}) and reads it there;</li>
 *   <li>invokes WordCountModule's query {@code count} as {@code *wcCount} from the same query,
 *       so the report holds the count read both ways.</li>
 * </ul>
 * Destroying WordCountModule while this module runs is refused; updating it keeps the mirrors
 * working.
 */
public final class WordStatsModule implements FloeModule {
    /** The module it mirrors. */
    public static final String SOURCE = WordCountModule.class.getName();

    /** The length bucket of a line: 0-9, 10-19, ... characters. */
    public static Long bucket(String line) {
        return (long) (line.length() / 10 * 10);
    }

    /** {@link #bucket} as a function value: the Clojure twin (floe.examples.mirrors) calls the same one. */
    public static final FloeFunction1<String, Long> BUCKET = WordStatsModule::bucket;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.clusterDepot("*wcLines", SOURCE, "*lines");
        setup.clusterPState("$$wcCounts", SOURCE, "$$counts");
        setup.clusterQuery("*wcCount", SOURCE, "count");

        var lengths = topologies.stream("lineLengths");
        lengths.pstate("$$lineLengths", PState.mapSchema(Long.class, Long.class));
        lengths.source("*wcLines").out("*line")
                .each(BUCKET, "*line").out("*bucket")
                .hashPartition("*bucket")
                .compoundAgg("$$lineLengths", CompoundAgg.map("*bucket", Agg.count()));

        topologies.query("wordReport", "*word").out("*report")
                .hashPartition("$$wcCounts", "*word")
                .localSelect("$$wcCounts", Path.key("*word").nullToVal(0L)).out("*viaPState")
                .invokeQuery("*wcCount", "*word").out("*viaQuery")
                .each(Ops.TUPLE, "*word", "*viaPState", "*viaQuery").out("*report")
                .originPartition();
    }
}
