package dev.floe.examples.wordcount;

import dev.floe.Agg;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.Ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word count, the stream way: lines of text are appended to {@code *lines}; the stream topology
 * {@code wordCount} splits each line into lowercase words, moves each word to the task that owns
 * it ({@code hashPartition}) and adds one to its count in {@code $$counts}. Appends with the
 * default {@code AckLevel.ACK} return after every word of the line is counted, so a client reads
 * its own writes. Two query topologies answer questions: {@code count} reads one word on its task;
 * {@code topWords} asks every task for its local top words and keeps the overall top N at the
 * invocation's origin.
 */
public final class WordCountModule implements FloeModule {
    /** How many words {@code topWords} returns. */
    public int topAmount = 10;

    /** {@link #words} as a function value (its Clojure twin uses the same one, so both compile to the same IR). */
    public static final FloeFunction1<String, List<String>> WORDS = WordCountModule::words;

    /** The lowercase words (letters, digits, apostrophes) of a line, ignoring words shorter than 3 characters. */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*lines", Depot.random());

        var stream = topologies.stream("wordCount");
        stream.pstate("$$counts", PState.mapSchema(String.class, Long.class));
        stream.source("*lines").out("*line")
                .each(WORDS, "*line").out("*words")
                .each(Ops.EXPLODE, "*words").out("*word")
                .hashPartition("*word")
                .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));

        topologies.query("count", "*word").out("*count")
                .hashPartition("*word")
                .localSelect("$$counts", Path.key("*word").nullToVal(0L)).out("*count")
                .originPartition();

        int n = topAmount;
        topologies.query("topWords").out("*top")
                .allPartition()
                .localSelect("$$counts", Path.all()).out("*entry")
                .each(Ops.EXPAND, "*entry").out("*word", "*count")
                .each(Ops.TUPLE, "*word", "*count").out("*pair")
                .originPartition()
                .agg(Agg.topMonotonic(n, "*pair").idFunction(Ops.FIRST).sortValFunction(Ops.LAST)).out("*top");

        topologies.query("distinctWords").out("*n")
                .allPartition()
                .localSelect("$$counts", Path.view(Ops.SIZE)).out("*size")
                .keepTrue(new Expr(Ops.GREATER_THAN, "*size", 0L))
                .originPartition()
                .agg(Agg.sum("*size")).out("*n");
    }
}
