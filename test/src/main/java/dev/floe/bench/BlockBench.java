package dev.floe.bench;

import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Agg;
import dev.floe.Expr;
import dev.floe.PState;
import dev.floe.builder.ChainSupport;
import dev.floe.exec.LocalExecutor;
import dev.floe.ops.Ops;
import dev.floe.test.TestPState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Dataflow run locally ({@code Block.execute()}) against hand-written Java doing the same work.
 * Pairs are named {@code <pair>_floe…} and {@code <pair>_hand}, as in {@link PathsBench}; each
 * Floe variant is one row of the ratio table:
 *
 * <ul>
 *   <li>{@code floeExecute}: the block is built and {@code execute()}d per call, as a test or a
 *       REPL session does: building, compiling and running are all measured;</li>
 *   <li>{@code floePrepared}: the block is compiled once ({@link LocalExecutor#prepare}) and run
 *       per call with new input values, which is what a topology does per event.</li>
 * </ul>
 *
 * <p>Pairs: {@code wordCount} (200 sentences of 8 words: split, explode, filter short words,
 * count per word into a map PState — a {@link TestPState} on the Floe side, a {@link HashMap} on
 * the hand-written side) and {@code numbers} (1,000 numbers through {@code each}, {@code keepTrue},
 * {@code ifTrue} with an else branch and a sink, no state). Each state checks once per trial that
 * both sides compute the same result.
 *
 * <p>Run with {@code bin/bench-dataflow}; never run by {@code mvn verify}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlockBench {

    static final int SENTENCES = 200;
    static final int WORDS_PER_SENTENCE = 8;
    static final int NUMBERS = 1_000;

    /** 200 sentences of 8 words drawn (seeded) from 64 words of 2 to 9 letters. */
    static List<String> sentences() {
        Random r = new Random(42);
        String[] vocabulary = new String[64];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + i % 8;
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + (i * 7 + j * 3) % 26));
            }
            vocabulary[i] = w.toString() + i;
        }
        List<String> out = new ArrayList<>();
        for (int s = 0; s < SENTENCES; s++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < WORDS_PER_SENTENCE; w++) {
                if (w > 0) {
                    b.append(' ');
                }
                b.append(vocabulary[r.nextInt(vocabulary.length)]);
            }
            out.add(b.toString());
        }
        return out;
    }

    static List<String> words(String sentence) {
        return List.of(sentence.split(" "));
    }

    static Integer length(String word) {
        return word.length();
    }

    static PState.Schema countsSchema() {
        return PState.mapSchema(String.class, Long.class);
    }

    /** The word count; {@code sentences} and {@code counts} are values or input variables. */
    static Block.Impl wordCountBlock(Object sentences, Object counts) {
        return Block.each(Ops.IDENTITY, counts).out("$$counts")
                .each(Ops.EXPLODE, sentences).out("*sentence")
                .each(BlockBench::words, "*sentence").out("*words")
                .each(Ops.EXPLODE, "*words").out("*w")
                .keepTrue(new Expr(Ops.GREATER_THAN_OR_EQUAL, new Expr(BlockBench::length, "*w"), 4))
                .compoundAgg("$$counts", CompoundAgg.map("*w", Agg.count()));
    }

    /** What a {@code numbers} run adds up: the sum of each branch's outputs. */
    public static final class Sums {
        long big;
        long small;

        Void addBig(Long v) {
            big += v;
            return null;
        }

        Void addSmall(Long v) {
            small += v;
            return null;
        }

        long[] result() {
            return new long[] {big, small};
        }
    }

    /** 1,000 numbers: +1, keep the even ones, ×3, then split on 1,000 into two sinks. */
    static Block.Impl numbersBlock(Object numbers, Object sums) {
        return Block.each(Ops.EXPLODE, numbers).out("*n")
                .each(Ops.PLUS_LONG, "*n", 1L).out("*m")
                .keepTrue(new Expr(Ops.IS_EVEN, "*m"))
                .each(Ops.TIMES_LONG, "*m", 3L).out("*t")
                .ifTrue(new Expr(Ops.GREATER_THAN, "*t", 1_000L),
                        Block.each((Sums s, Long v) -> s.addBig(v), sums, "*t"),
                        Block.each((Sums s, Long v) -> s.addSmall(v), sums, "*t"));
    }

    static Map<String, Long> asTreeMap(Object m) {
        @SuppressWarnings("unchecked")
        Map<String, Long> typed = (Map<String, Long>) m;
        return new TreeMap<>(typed);
    }

    // --------------------------------------------------------------------------------- word count

    /** The sentences and the word-count block compiled once with inputs {@code *sentences}, {@code *counts}. */
    @State(Scope.Thread)
    public static class Words {
        List<String> sentences;
        LocalExecutor.Prepared prepared;

        @Setup(Level.Trial)
        public void setup() {
            sentences = sentences();
            prepared = LocalExecutor.prepare(((ChainSupport<?, ?, ?>) wordCountBlock("*sentences", "*counts")).toNodes(),
                    List.of("*sentences", "*counts"));
            BlockBench b = new BlockBench();
            Map<String, Long> hand = asTreeMap(b.wordCount_hand(this));
            Map<String, Long> viaExecute = asTreeMap(b.wordCount_floeExecute(this));
            Map<String, Long> viaPrepared = asTreeMap(b.wordCount_floePrepared(this));
            if (hand.isEmpty() || !hand.equals(viaExecute) || !hand.equals(viaPrepared)) {
                throw new IllegalStateException("wordCount: the two sides disagree: " + hand + " / " + viaExecute
                        + " / " + viaPrepared);
            }
        }
    }

    @Benchmark
    public Object wordCount_floeExecute(Words s) {
        TestPState counts = TestPState.create(countsSchema());
        wordCountBlock(s.sentences, counts).execute();
        return counts.value();
    }

    @Benchmark
    public Object wordCount_floePrepared(Words s) {
        TestPState counts = TestPState.create(countsSchema());
        s.prepared.run(s.sentences, counts);
        return counts.value();
    }

    @Benchmark
    public Object wordCount_hand(Words s) {
        Map<String, Long> counts = new HashMap<>();
        for (String sentence : s.sentences) {
            for (String w : sentence.split(" ")) {
                if (w.length() >= 4) {
                    counts.merge(w, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------------------------ numbers

    /** The numbers and the numbers block compiled once with inputs {@code *numbers}, {@code *sums}. */
    @State(Scope.Thread)
    public static class Numbers {
        List<Long> numbers;
        LocalExecutor.Prepared prepared;

        @Setup(Level.Trial)
        public void setup() {
            numbers = new ArrayList<>();
            for (long i = 0; i < NUMBERS; i++) {
                numbers.add(i);
            }
            prepared = LocalExecutor.prepare(((ChainSupport<?, ?, ?>) numbersBlock("*numbers", "*sums")).toNodes(),
                    List.of("*numbers", "*sums"));
            BlockBench b = new BlockBench();
            long[] hand = b.numbers_hand(this);
            long[] viaExecute = b.numbers_floeExecute(this);
            long[] viaPrepared = b.numbers_floePrepared(this);
            if (hand[0] == 0 || hand[1] == 0 || !java.util.Arrays.equals(hand, viaExecute)
                    || !java.util.Arrays.equals(hand, viaPrepared)) {
                throw new IllegalStateException("numbers: the two sides disagree");
            }
        }
    }

    @Benchmark
    public long[] numbers_floeExecute(Numbers s) {
        Sums sums = new Sums();
        numbersBlock(s.numbers, sums).execute();
        return sums.result();
    }

    @Benchmark
    public long[] numbers_floePrepared(Numbers s) {
        Sums sums = new Sums();
        s.prepared.run(s.numbers, sums);
        return sums.result();
    }

    @Benchmark
    public long[] numbers_hand(Numbers s) {
        Sums sums = new Sums();
        for (Long n : s.numbers) {
            long m = n + 1;
            if (m % 2 == 0) {
                long t = m * 3;
                if (t > 1_000) {
                    sums.addBig(t);
                } else {
                    sums.addSmall(t);
                }
            }
        }
        return sums.result();
    }
}
