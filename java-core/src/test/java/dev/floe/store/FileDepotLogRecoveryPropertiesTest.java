package dev.floe.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.floe.store.DepotLogFiles.Frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash and corruption recovery: logs written with small segments have their files cut at random
 * bytes, bytes flipped, garbage or zeros appended; reopening must keep exactly a prefix of the
 * records and report what it cut, or refuse with a {@link LogCorruptionException} naming the file
 * and offset, and no read may ever return a record other than the one written at its offset.
 * (jqwik has no {@code @TempDir}: each try makes and deletes its own directory.)
 */
class FileDepotLogRecoveryPropertiesTest {
    private static final int SEGMENT_BYTES = 400;

    /** Writes records 0..n-1 with small segments, closes the log, damages the files, then checks. */
    private static void withLog(int n, Consumer<Path> damageAndCheck) throws IOException {
        Path dir = Files.createTempDirectory("floe-depot-log-recovery");
        try {
            try (FileDepotLog log = FileDepotLog.open(dir, DepotLogFiles.CODEC, context())) {
                for (int i = 0; i < n; i++) {
                    assertEquals(i, log.append(DepotLogFiles.record(i)));
                }
            }
            damageAndCheck.accept(dir);
        } finally {
            FileDepotLogModelPropertiesTest.deleteRecursively(dir);
        }
    }

    private static FileDepotLogContext context() {
        return DepotLogFiles.small(FsyncPolicy.GROUP, SEGMENT_BYTES);
    }

    private static FileDepotLog open(Path dir) {
        return FileDepotLog.open(dir, DepotLogFiles.CODEC, context());
    }

    private static Path tail(Path dir) {
        List<Path> segs = DepotLogFiles.segments(dir);
        return segs.get(segs.size() - 1);
    }

    private static long base(Path segment) {
        return LogSegment.parseBaseOffset(segment.getFileName().toString(), LogSegment.SEGMENT_SUFFIX);
    }

    private static List<Object> expected(long from, long to) {
        List<Object> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(DepotLogFiles.record(i));
        }
        return out;
    }

    /** The recovered log holds exactly records [0, end), and keeps working: appends continue at end. */
    private static void assertPrefix(FileDepotLog log, long end) {
        assertEquals(end, log.endOffset());
        assertEquals(expected(0, end), log.read(0, end));
        assertEquals(end, log.append(DepotLogFiles.record(end)));
        assertEquals(expected(0, end + 1), log.read(0, end + 1));
    }

    @Property(tries = 200)
    void aTailCutAtAnyByteKeepsExactlyTheWholeRecords(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 1000) int cutPerMille) throws IOException {
        withLog(n, dir -> {
            Path tail = tail(dir);
            long size = DepotLogFiles.bytes(tail).length;
            long cut = size * cutPerMille / 1000;
            List<Frame> frames = DepotLogFiles.frames(tail);
            DepotLogFiles.truncate(tail, cut);
            long kept = frames.stream().filter(f -> f.end() <= cut).count();
            long validEnd = kept == 0 ? LogSegment.HEADER_BYTES : frames.get((int) kept - 1).end();
            try (FileDepotLog log = open(dir)) {
                long end = base(tail) + (cut < LogSegment.HEADER_BYTES ? 0 : kept);
                FileDepotLog.Recovery r = log.recovery();
                assertEquals(end, r.endOffset());
                assertEquals(cut < LogSegment.HEADER_BYTES ? cut : cut - validEnd, r.discardedBytes());
                assertPrefix(log, end);
            }
            // and the cut log reopens clean
            try (FileDepotLog log = open(dir)) {
                assertEquals(0, log.recovery().discardedBytes());
            }
        });
    }

    @Property(tries = 100)
    void anOlderSegmentCutShortFailsNamingIt(@ForAll @IntRange(min = 20, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 999) int cutPerMille) throws IOException {
        withLog(n, dir -> {
            Path sealed = DepotLogFiles.segments(dir).get(0);
            long cut = DepotLogFiles.bytes(sealed).length * cutPerMille / 1000;
            DepotLogFiles.truncate(sealed, cut);
            LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(dir));
            assertEquals(sealed, e.file());
        });
    }

    @Property(tries = 300)
    void aByteFlippedInTheNewestSegmentIsCutAtTheEndAndRefusedInTheMiddle(
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 999) int atPerMille,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        withLog(n, dir -> {
            Path tail = tail(dir);
            List<Frame> frames = DepotLogFiles.frames(tail);
            long size = DepotLogFiles.bytes(tail).length;
            long at = size * atPerMille / 1000;
            DepotLogFiles.flip(tail, at, mask);
            long base = base(tail);
            if (frames.isEmpty()) {
                // only a header: recovery rewrites it
                try (FileDepotLog log = open(dir)) {
                    assertPrefix(log, base);
                }
                return;
            }
            if (at < LogSegment.HEADER_BYTES) {
                LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(dir));
                assertEquals(tail, e.file());
                assertEquals(base, e.offset());
                assertEquals(0, e.position());
                return;
            }
            Frame hit = frames.stream().filter(f -> f.position() <= at && at < f.end()).findFirst().orElseThrow();
            if (hit == frames.get(frames.size() - 1)) {
                try (FileDepotLog log = open(dir)) {
                    assertEquals(hit.bytes(), log.recovery().discardedBytes());
                    assertPrefix(log, hit.offset());
                }
            } else {
                LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(dir));
                assertEquals(tail, e.file());
                assertEquals(hit.offset(), e.offset());
                assertEquals(hit.position(), e.position());
                assertTrue(e.getMessage().contains(tail.toString()) && e.getMessage().contains("offset " + hit.offset()),
                        e.getMessage());
            }
        });
    }

    @Provide
    Arbitrary<byte[]> tails() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
        Arbitrary<byte[]> zeros = Arbitraries.integers().between(1, 5000).map(byte[]::new);
        return Arbitraries.oneOf(random, zeros);
    }

    @Property(tries = 150)
    void garbageOrZerosAfterTheLastRecordAreCut(@ForAll @IntRange(min = 0, max = 40) int n,
            @ForAll("tails") byte[] garbage) throws IOException {
        withLog(n, dir -> {
            DepotLogFiles.appendBytes(tail(dir), garbage);
            try (FileDepotLog log = open(dir)) {
                assertEquals(garbage.length, log.recovery().discardedBytes());
                assertPrefix(log, n);
            }
        });
    }

    @Property(tries = 150)
    void aByteFlippedInAnOlderSegmentFailsTheReadsOfThatRecordOnly(@ForAll @IntRange(min = 20, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 999) int atPerMille, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws IOException {
        withLog(n, dir -> {
            Path sealed = DepotLogFiles.segments(dir).get(0);
            List<Frame> frames = DepotLogFiles.frames(sealed);
            long at = DepotLogFiles.bytes(sealed).length * atPerMille / 1000;
            DepotLogFiles.flip(sealed, at, mask);
            if (at < LogSegment.HEADER_BYTES) {
                LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(dir));
                assertEquals(sealed, e.file());
                return;
            }
            Frame hit = frames.stream().filter(f -> f.position() <= at && at < f.end()).findFirst().orElseThrow();
            // older segments are checked when read, not when opened
            try (FileDepotLog log = open(dir)) {
                assertEquals(n, log.endOffset());
                LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> log.read(0, n));
                assertEquals(sealed, e.file());
                assertEquals(hit.offset(), e.offset());
                assertEquals(hit.position(), e.position());
                assertEquals(expected(0, hit.offset()), log.read(0, hit.offset()));
                long next = frames.size();
                assertEquals(expected(next, n), log.read(next, n));
            }
        });
    }

    @Property(tries = 150)
    void aDamagedIndexFileIsRebuilt(@ForAll @IntRange(min = 20, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 999) int atPerMille, @ForAll @IntRange(min = 1, max = 255) int mask,
            @ForAll boolean delete) throws IOException {
        withLog(n, dir -> {
            Path index = DepotLogFiles.indexes(dir).get(0);
            if (delete) {
                DepotLogFiles.truncate(index, 0);
            } else {
                DepotLogFiles.flip(index, DepotLogFiles.bytes(index).length * atPerMille / 1000, mask);
            }
            try (FileDepotLog log = open(dir)) {
                assertEquals(1, log.recovery().indexesRebuilt());
                assertPrefix(log, n);
            }
            try (FileDepotLog log = open(dir)) {
                assertEquals(0, log.recovery().indexesRebuilt());
            }
        });
    }

    /** One damage: flip {@code mask} into the byte at a fraction of the bytes of some file of the log. */
    record Damage(int filePerMille, int atPerMille, int mask) {}

    @Provide
    Arbitrary<Damage> damage() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999), Arbitraries.integers().between(1, 255)).as(Damage::new);
    }

    @Property(tries = 300)
    void noReadEverReturnsAWrongRecord(@ForAll @IntRange(min = 0, max = 60) int n,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("damage") Damage> damages,
            @ForAll @IntRange(min = 1, max = 7) int chunk) throws IOException {
        withLog(n, dir -> {
            List<Path> files = new ArrayList<>(DepotLogFiles.segments(dir));
            files.addAll(DepotLogFiles.indexes(dir));
            for (Damage d : damages) {
                Path f = files.get(files.size() * d.filePerMille() / 1000);
                long size = DepotLogFiles.bytes(f).length;
                if (size > 0) {
                    DepotLogFiles.flip(f, size * d.atPerMille() / 1000, d.mask());
                }
            }
            FileDepotLog log;
            try {
                log = open(dir);
            } catch (LogCorruptionException refused) {
                return; // refusing loudly is allowed; cutting silently is not
            }
            try (log) {
                assertTrue(log.endOffset() <= n);
                // a cut happens only in the newest segment, and only at its end
                assertTrue(log.endOffset() >= base(tail(dir)), "cut below the newest segment");
                for (long from = 0; from < log.endOffset(); from += chunk) {
                    long to = Math.min(log.endOffset(), from + chunk);
                    try {
                        assertEquals(expected(from, to), log.read(from, to));
                    } catch (LogCorruptionException detected) {
                        assertTrue(detected.offset() < to, "names an offset it did not read: " + detected.getMessage());
                    }
                }
            } catch (RuntimeException e) {
                if (!(e instanceof LogCorruptionException)) {
                    fail("a damaged log fails with a LogCorruptionException, not " + e, e);
                }
            }
        });
    }
}
