package dev.floe.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle test: random sequences of appends, reads, syncs, trims and reopens on a
 * {@link FileDepotLog} with small segments agree with {@link MemoryDepotLog}. The model has no
 * trimming, so the start offset is checked against the segment files instead: after
 * {@code trimTo(t)} it is the base offset of the last segment starting at or below {@code t} (the
 * newest segment is never deleted) and it never moves back; reads from the start offset on agree
 * with the model, reads below it fail with {@link TrimmedOffsetException}.
 * (jqwik has no {@code @TempDir}: each try makes and deletes its own directory.)
 */
class FileDepotLogModelPropertiesTest {

    sealed interface Action permits Append, Read, Sync, Trim, Reopen, ReadOutOfRange {}

    record Append(String value) implements Action {}

    /** A read of [from, to) with from and to as fractions (per mille) of [0, end]. */
    record Read(int fromPerMille, int lengthPerMille) implements Action {}

    record Sync() implements Action {}

    /** trimTo at a fraction (per mille) of [0, end]. */
    record Trim(int perMille) implements Action {}

    /** Close and open the directory again, with this policy. */
    record Reopen(FsyncPolicy policy) implements Action {}

    record ReadOutOfRange(int past) implements Action {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(0).ofMaxLength(120)
                .map(Append::new);
        Arbitrary<Action> read = Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Read::new);
        Arbitrary<Action> sync = Arbitraries.just(new Sync());
        Arbitrary<Action> trim = Arbitraries.integers().between(0, 1000).map(Trim::new);
        Arbitrary<Action> reopen = Arbitraries.of(FsyncPolicy.class).map(Reopen::new);
        Arbitrary<Action> outOfRange = Arbitraries.integers().between(1, 5).map(ReadOutOfRange::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, append),
                net.jqwik.api.Tuple.of(4, read),
                net.jqwik.api.Tuple.of(1, sync),
                net.jqwik.api.Tuple.of(1, trim),
                net.jqwik.api.Tuple.of(1, reopen),
                net.jqwik.api.Tuple.of(1, outOfRange)).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 150)
    void agreesWithTheMemoryLog(@ForAll("actions") List<Action> actions, @ForAll FsyncPolicy policy,
            @ForAll @IntRange(min = 40, max = 1500) int segmentBytesMax) throws IOException {
        Path dir = Files.createTempDirectory("floe-depot-log-model");
        try {
            run(dir, actions, policy, segmentBytesMax);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void run(Path dir, List<Action> actions, FsyncPolicy policy, int segmentBytesMax) {
        MemoryDepotLog model = new MemoryDepotLog();
        FileDepotLog log = FileDepotLog.open(dir, DepotLogFiles.CODEC, DepotLogFiles.small(policy, segmentBytesMax));
        long start = 0;
        try {
            for (Action a : actions) {
                if (a instanceof Append ap) {
                    assertEquals(model.append(ap.value()), log.append(ap.value()));
                } else if (a instanceof Read r) {
                    long end = model.endOffset();
                    long from = end * r.fromPerMille() / 1000;
                    long to = Math.min(end, from + (end - from) * r.lengthPerMille() / 1000);
                    if (from < start) {
                        long f = from;
                        FileDepotLog l = log;
                        TrimmedOffsetException e = assertThrows(TrimmedOffsetException.class, () -> l.read(f, to));
                        assertEquals(start, e.startOffset());
                        from = start;
                    }
                    if (from <= to) {
                        assertEquals(model.read(from, to), log.read(from, to), "read [" + from + ", " + to + ")");
                    }
                } else if (a instanceof Sync) {
                    log.sync();
                    if (log.context().fsyncPolicy() != FsyncPolicy.NEVER) {
                        assertEquals(log.endOffset(), log.durableEndOffset());
                    }
                } else if (a instanceof Trim t) {
                    long target = model.endOffset() * t.perMille() / 1000;
                    long expected = start;
                    for (Path seg : DepotLogFiles.segments(dir)) {
                        long base = LogSegment.parseBaseOffset(seg.getFileName().toString(), LogSegment.SEGMENT_SUFFIX);
                        if (base <= target && base > expected) {
                            expected = base;
                        }
                    }
                    assertEquals(expected, log.trimTo(target));
                    start = expected;
                } else if (a instanceof Reopen re) {
                    log.close();
                    log = FileDepotLog.open(dir, DepotLogFiles.CODEC, DepotLogFiles.small(re.policy(), segmentBytesMax));
                    assertEquals(0, log.recovery().discardedBytes(), "a clean close leaves nothing to cut");
                } else if (a instanceof ReadOutOfRange o) {
                    long end = model.endOffset();
                    FileDepotLog l = log;
                    assertThrows(IndexOutOfBoundsException.class, () -> l.read(end, end + o.past()));
                }
                assertEquals(model.endOffset(), log.endOffset());
                assertEquals(start, log.startOffset());
                assertTrue(log.durableEndOffset() <= log.endOffset());
                if (log.context().fsyncPolicy() == FsyncPolicy.EVERY_APPEND) {
                    assertEquals(log.endOffset(), log.durableEndOffset());
                }
                assertEquals(DepotLogFiles.segments(dir), log.segmentFiles());
            }
            // everything still held, in one read across every segment
            assertEquals(model.read(start, model.endOffset()), log.read(start, log.endOffset()));
        } finally {
            log.close();
        }
        // and again after reopening
        try (FileDepotLog reopened = FileDepotLog.open(dir, DepotLogFiles.CODEC, DepotLogFiles.small(policy, segmentBytesMax))) {
            assertEquals(model.endOffset(), reopened.endOffset());
            assertEquals(start, reopened.startOffset());
            assertEquals(model.read(start, model.endOffset()), reopened.read(start, reopened.endOffset()));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
