package dev.floe.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The input of the runtime word-count benchmarks ({@link RuntimeBench}): a fixed vocabulary of
 * pseudo-words and a fixed cycle of sentences drawn from it, built once from a seed, so every
 * workload (Floe and the limit) counts exactly the same words and the expected counts of the
 * first {@code n} sentences are known without recording anything while a workload is measured.
 */
final class WordCorpus {
    /** Distinct words. */
    final int vocabularySize;
    /** Words in every sentence. */
    final int wordsPerSentence;
    /** The vocabulary, every word distinct, 3 to 9 lowercase letters. */
    final String[] vocabulary;
    /** Sentence {@code i} of a workload is {@code sentences[i % sentences.length]}. */
    final String[] sentences;

    WordCorpus(int vocabularySize, int wordsPerSentence, int distinctSentences, long seed) {
        if (vocabularySize < 1 || wordsPerSentence < 1 || distinctSentences < 1) {
            throw new IllegalArgumentException("corpus sizes must be positive: vocabulary " + vocabularySize
                    + ", words per sentence " + wordsPerSentence + ", sentences " + distinctSentences);
        }
        this.vocabularySize = vocabularySize;
        this.wordsPerSentence = wordsPerSentence;
        Random r = new Random(seed);
        LinkedHashSet<String> words = new LinkedHashSet<>();
        while (words.size() < vocabularySize) {
            int len = 3 + r.nextInt(7);
            StringBuilder w = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            words.add(w.toString());
        }
        this.vocabulary = words.toArray(new String[0]);
        this.sentences = new String[distinctSentences];
        for (int s = 0; s < distinctSentences; s++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < wordsPerSentence; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(vocabulary[r.nextInt(vocabularySize)]);
            }
            sentences[s] = b.toString();
        }
    }

    /** Sentence number {@code i} of a workload (workloads cycle through the distinct sentences). */
    String sentence(long i) {
        return sentences[(int) (i % sentences.length)];
    }

    /**
     * The words of a sentence, split on single spaces. Floe's topologies and the limit both call
     * this, so the split costs the same on both sides.
     */
    static List<String> split(String sentence) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        int n = sentence.length();
        for (int i = 0; i < n; i++) {
            if (sentence.charAt(i) == ' ') {
                if (i > start) {
                    out.add(sentence.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (n > start) {
            out.add(sentence.substring(start));
        }
        return out;
    }

    /** The word counts of sentences {@code 0 … n-1}: what a correct word count holds after them. */
    Map<String, Long> model(long n) {
        Map<String, Long> counts = new HashMap<>();
        long cycles = n / sentences.length;
        int rest = (int) (n % sentences.length);
        for (int s = 0; s < sentences.length; s++) {
            long times = cycles + (s < rest ? 1 : 0);
            if (times == 0) {
                continue;
            }
            for (String w : split(sentences[s])) {
                counts.merge(w, times, Long::sum);
            }
        }
        return counts;
    }
}
