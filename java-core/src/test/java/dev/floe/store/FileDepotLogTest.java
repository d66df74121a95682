package dev.floe.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.floe.store.DepotLogFiles.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durable depot log's behaviour, case by case (the property tests cover random sequences). */
class FileDepotLogTest {
    @TempDir
    Path dir;

    private FileDepotLog open(FileDepotLogContext context) {
        return FileDepotLog.open(dir, DepotLogFiles.CODEC, context);
    }

    private static List<Object> records(long from, long to) {
        List<Object> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(record(i));
        }
        return out;
    }

    private static void appendRecords(FileDepotLog log, long from, long to) {
        for (long i = from; i < to; i++) {
            assertEquals(i, log.append(record(i)));
        }
    }

    @Test
    void aNewDirectoryHoldsAnEmptyLog() {
        Path partition = dir.resolve("depot").resolve("partition-3");
        try (FileDepotLog log = FileDepotLog.open(partition, DepotLogFiles.CODEC)) {
            assertEquals(0, log.startOffset());
            assertEquals(0, log.endOffset());
            assertEquals(List.of(), log.read(0, 0));
            assertEquals(List.of(partition.resolve("00000000000000000000.log")), log.segmentFiles());
            assertFalse(log.recovery().truncated());
        }
    }

    @Test
    void appendsAreReadBackAndAReopenContinuesAtTheEnd() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 100);
            assertEquals(records(0, 100), log.read(0, 100));
            assertEquals(records(37, 38), log.read(37, 38));
            assertEquals(List.of(), log.read(100, 100));
        }
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(100, log.endOffset());
            assertEquals(0, log.recovery().discardedBytes());
            appendRecords(log, 100, 150);
            assertEquals(records(90, 150), log.read(90, 150));
        }
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(records(0, 150), log.read(0, 150));
        }
    }

    @Test
    void segmentsRollAtTheConfiguredSizeAndReadsSpanThem() throws Exception {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 300);
        try (FileDepotLog log = open(context)) {
            appendRecords(log, 0, 200);
            List<Path> segments = log.segmentFiles();
            assertTrue(segments.size() > 10, "segments: " + segments.size());
            long expectedBase = 0;
            for (Path s : segments) {
                List<DepotLogFiles.Frame> frames = DepotLogFiles.frames(s);
                assertEquals(String.format("%020d.log", expectedBase), s.getFileName().toString());
                assertTrue(Files.size(s) <= 300, s + " holds " + Files.size(s) + " bytes");
                assertFalse(frames.isEmpty());
                expectedBase += frames.size();
            }
            assertEquals(200, expectedBase);
            // every sealed segment has its index file; the newest keeps its index in memory
            assertEquals(segments.size() - 1, DepotLogFiles.indexes(dir).size());
            for (int from = 0; from < 200; from += 13) {
                for (int to = from; to <= 200; to += 29) {
                    assertEquals(records(from, to), log.read(from, to), "[" + from + ", " + to + ")");
                }
            }
            assertEquals(records(0, 200), log.read(0, 200));
        }
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 100);
        String big = "b".repeat(500);
        try (FileDepotLog log = open(context)) {
            log.append("a");
            log.append(big);
            log.append("c");
            assertEquals(3, log.segmentFiles().size());
            assertEquals(List.of("a", big, "c"), log.read(0, 3));
        }
        try (FileDepotLog log = open(context)) {
            assertEquals(List.of("a", big, "c"), log.read(0, 3));
        }
    }

    @Test
    void aRecordOverTheLimitIsRefusedAndNothingIsWritten() {
        try (FileDepotLog log = open(new FileDepotLogContext().withRecordBytesMax(100))) {
            log.append("small");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.append("x".repeat(200)));
            assertTrue(e.getMessage().contains("recordBytesMax"), e.getMessage());
            assertEquals(1, log.endOffset());
            assertEquals(1, log.append("next"));
            assertEquals(List.of("small", "next"), log.read(0, 2));
        }
    }

    @Test
    void aCorruptRecordFollowedByValidOnesFailsNamingTheFileAndOffset() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 10);
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        DepotLogFiles.Frame fourth = DepotLogFiles.frames(segment).get(4);
        DepotLogFiles.flip(segment, fourth.position() + fourth.bytes() - 3, 0x10);

        LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(new FileDepotLogContext()));
        assertEquals(segment, e.file());
        assertEquals(4, e.offset());
        assertEquals(fourth.position(), e.position());
        assertTrue(e.getMessage().contains(segment.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset 4"), e.getMessage());
        assertTrue(e.getMessage().contains("valid records follow"), e.getMessage());
        // nothing was cut
        assertEquals(10, DepotLogFiles.frames(segment).size());

        // the operator decides to give up the damaged record and what follows it
        long discarded = FileDepotLog.discardFrom(dir, e.offset());
        assertTrue(discarded > 0);
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(4, log.endOffset());
            assertEquals(records(0, 4), log.read(0, 4));
        }
    }

    @Test
    void aCorruptLengthInTheMiddleIsFoundToo() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 10);
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        DepotLogFiles.Frame third = DepotLogFiles.frames(segment).get(3);
        DepotLogFiles.flip(segment, third.position() + 3, 0x02); // the length's low byte
        LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(new FileDepotLogContext()));
        assertEquals(3, e.offset());
        assertEquals(segment, e.file());
    }

    @Test
    void zerosOverSeveralRecordsInTheMiddleAreRefused() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 30);
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        List<DepotLogFiles.Frame> frames = DepotLogFiles.frames(segment);
        byte[] b = DepotLogFiles.bytes(segment);
        // a lost page: records 10 to 14 and part of 15 read back as zeros
        java.util.Arrays.fill(b, (int) frames.get(10).position(), (int) frames.get(15).position() + 5, (byte) 0);
        DepotLogFiles.write(segment, b);
        LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(new FileDepotLogContext()));
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("offset 16 at byte " + frames.get(16).position()), e.getMessage());
    }

    @Test
    void recordsLargerThanTheScanWindowAreCheckedAndRecovered() {
        // records of ~100 KB: recovery checks them by streaming, reads grow their buffer
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            big.add(String.valueOf((char) ('a' + i)).repeat(100_000 + i));
        }
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            for (Object r : big) {
                log.append(r);
            }
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        List<DepotLogFiles.Frame> frames = DepotLogFiles.frames(segment);
        DepotLogFiles.flip(segment, frames.get(2).position() + 70_000, 0x01);
        LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> open(new FileDepotLogContext()));
        assertEquals(2, e.offset());
        DepotLogFiles.flip(segment, frames.get(2).position() + 70_000, 0x01); // repaired by hand
        DepotLogFiles.flip(segment, frames.get(5).position() + 90_000, 0x01);
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(frames.get(5).bytes(), log.recovery().discardedBytes());
            assertEquals(big.subList(0, 5), log.read(0, 5));
            assertEquals(big.subList(3, 4), log.read(3, 4));
        }
    }

    @Test
    void aRollCutShortByACrashIsFinishedAtOpen() {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 300);
        try (FileDepotLog log = open(context)) {
            appendRecords(log, 0, 40);
        }
        List<Path> segments = DepotLogFiles.segments(dir);
        Path newest = segments.get(segments.size() - 1);
        Path sealed = segments.get(segments.size() - 2);
        long newestBase = LogSegment.parseBaseOffset(newest.getFileName().toString(), LogSegment.SEGMENT_SUFFIX);
        // the crash came after the sealed segment was forced, before its index and the new header were whole
        DepotLogFiles.truncate(dir.resolve(sealed.getFileName().toString().replace(".log", ".idx")), 7);
        DepotLogFiles.truncate(newest, 9);
        try (FileDepotLog log = open(context)) {
            assertEquals(1, log.recovery().indexesRebuilt());
            assertEquals(9, log.recovery().discardedBytes());
            assertEquals(newestBase, log.endOffset());
            assertEquals(records(0, newestBase), log.read(0, newestBase));
            appendRecords(log, newestBase, 50);
            assertEquals(records(0, 50), log.read(0, 50));
        }
    }

    @Test
    void aTornEndIsCutLoggedAndReported() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 5);
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        long size = DepotLogFiles.bytes(segment).length;
        // a crash in the middle of writing record 5: its header and part of its payload
        byte[] whole = DepotLogFiles.bytes(segment);
        DepotLogFiles.Frame last = DepotLogFiles.frames(segment).get(4);
        byte[] partial = java.util.Arrays.copyOfRange(whole, (int) last.position(), (int) last.position() + 11);
        DepotLogFiles.appendBytes(segment, partial);

        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(FileDepotLog.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            FileDepotLog.Recovery r = log.recovery();
            assertTrue(r.truncated());
            assertEquals(11, r.discardedBytes());
            assertEquals(size, r.position());
            assertEquals(segment, r.segment());
            assertEquals(5, r.endOffset());
            assertEquals(records(0, 5), log.read(0, 5));
            assertEquals(5, log.append(record(5)));
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains(segment.toString())
                && r.getMessage().contains("11 bytes")), "logged: " + logged.stream().map(LogRecord::getMessage).toList());
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertFalse(log.recovery().truncated());
            assertEquals(records(0, 6), log.read(0, 6));
        }
    }

    @Test
    void trimmingDropsWholeSegmentsAndReadsBelowTheStartFail() {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 300);
        long start;
        try (FileDepotLog log = open(context)) {
            appendRecords(log, 0, 100);
            List<Path> before = log.segmentFiles();
            assertEquals(0, log.trimTo(0));
            start = log.trimTo(50);
            assertTrue(start > 0 && start <= 50, "start " + start);
            List<Path> after = log.segmentFiles();
            assertEquals(after, DepotLogFiles.segments(dir));
            assertEquals(before.subList(before.size() - after.size(), before.size()), after);
            assertEquals(String.format("%020d.log", start), after.get(0).getFileName().toString());
            assertEquals(start, log.startOffset());
            assertEquals(100, log.endOffset());
            assertEquals(records(start, 100), log.read(start, 100));
            long s = start;
            TrimmedOffsetException e = assertThrows(TrimmedOffsetException.class, () -> log.read(s - 1, 100));
            assertEquals(start, e.startOffset());
            assertTrue(e.getMessage().contains("trimmed"), e.getMessage());
            // the start never moves back
            assertEquals(start, log.trimTo(10));
            // the newest segment stays, whatever the offset
            long last = log.trimTo(Long.MAX_VALUE);
            assertEquals(1, log.segmentFiles().size());
            assertEquals(records(last, 100), log.read(last, 100));
            start = last;
        }
        try (FileDepotLog log = open(context)) {
            assertEquals(start, log.startOffset());
            assertEquals(100, log.endOffset());
            appendRecords(log, 100, 120);
            assertEquals(records(start, 120), log.read(start, 120));
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyPolicyKeepsWhatItWrote(FsyncPolicy policy) {
        FileDepotLogContext context = DepotLogFiles.small(policy, 100_000);
        try (FileDepotLog log = open(context)) {
            assertEquals(0, log.durableEndOffset());
            appendRecords(log, 0, 10);
            switch (policy) {
                case EVERY_APPEND -> assertEquals(10, log.durableEndOffset());
                case GROUP, NEVER -> assertEquals(0, log.durableEndOffset());
            }
            log.sync();
            assertEquals(policy == FsyncPolicy.NEVER ? 0 : 10, log.durableEndOffset());
            appendRecords(log, 10, 12);
            log.sync();
            log.sync(); // nothing new: no force
            assertEquals(policy == FsyncPolicy.NEVER ? 0 : 12, log.durableEndOffset());
        }
        try (FileDepotLog log = open(context)) {
            assertEquals(12, log.durableEndOffset(), "opening forces what recovery kept");
            assertEquals(records(0, 12), log.read(0, 12));
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void aRollMakesTheSealedSegmentsDurableUnderEveryPolicy(FsyncPolicy policy) {
        try (FileDepotLog log = open(DepotLogFiles.small(policy, 200))) {
            appendRecords(log, 0, 50);
            List<Path> segments = log.segmentFiles();
            long newestBase = LogSegment.parseBaseOffset(segments.get(segments.size() - 1).getFileName().toString(),
                    LogSegment.SEGMENT_SUFFIX);
            assertTrue(log.durableEndOffset() >= newestBase);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            log.append("a");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(new FileDepotLogContext()));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(List.of("a"), log.read(0, 1));
        }
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(1, log.endOffset());
        }
    }

    @Test
    void aClosedLogRefusesWork() {
        FileDepotLog log = open(new FileDepotLogContext());
        log.append("a");
        log.close();
        log.close();
        assertThrows(IllegalStateException.class, () -> log.append("b"));
        assertThrows(IllegalStateException.class, () -> log.read(0, 1));
        assertThrows(IllegalStateException.class, log::sync);
        assertEquals(1, log.endOffset());
    }

    @Test
    void badRangesAreRefused() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 3);
            assertThrows(IndexOutOfBoundsException.class, () -> log.read(-1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> log.read(2, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> log.read(2, 1));
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(new FileDepotLogContext().withSegmentBytesMax(10)));
        assertTrue(e.getMessage().contains("segmentBytesMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> open(new FileDepotLogContext().withIndexIntervalBytes(0)));
        assertTrue(e.getMessage().contains("indexIntervalBytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> open(new FileDepotLogContext().withSegmentBytesMax(Integer.MAX_VALUE - 10)));
        assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
    }

    @Test
    void discardFromRefusesToKeepACorruptRecord() {
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            appendRecords(log, 0, 10);
        }
        Path segment = DepotLogFiles.segments(dir).get(0);
        DepotLogFiles.Frame second = DepotLogFiles.frames(segment).get(2);
        DepotLogFiles.flip(segment, second.position() + 9, 0xff);
        LogCorruptionException e = assertThrows(LogCorruptionException.class, () -> FileDepotLog.discardFrom(dir, 6));
        assertEquals(2, e.offset());
        assertEquals(10, DepotLogFiles.frames(segment).size(), "nothing cut in that segment");
        FileDepotLog.discardFrom(dir, 2);
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(records(0, 2), log.read(0, 2));
            assertEquals(2, log.endOffset());
        }
        assertThrows(IllegalArgumentException.class, () -> FileDepotLog.discardFrom(dir, -1));
    }

    @Test
    void discardFromDeletesLaterSegments() {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 300);
        try (FileDepotLog log = open(context)) {
            appendRecords(log, 0, 100);
        }
        FileDepotLog.discardFrom(dir, 42);
        try (FileDepotLog log = open(context)) {
            assertEquals(42, log.endOffset());
            assertEquals(records(0, 42), log.read(0, 42));
            appendRecords(log, 42, 60);
            assertEquals(records(0, 60), log.read(0, 60));
        }
    }

    /** One read of a reader thread, with the reader's own random source. */
    @FunctionalInterface
    private interface ReaderStep {
        void read(java.util.Random random) throws Exception;
    }

    /**
     * Runs {@code writer} on this thread while {@code readers} threads repeat {@code step} until it
     * is done; fails with the first reader's failure.
     */
    private static void withReaders(int readers, ReaderStep step, ThrowingRunnable writer) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            long seed = t;
            Thread reader = new Thread(() -> {
                java.util.Random random = new java.util.Random(seed);
                try {
                    while (!done.get()) {
                        step.read(random);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            reader.start();
            threads.add(reader);
        }
        try {
            writer.run();
        } finally {
            done.set(true);
            for (Thread r : threads) {
                r.join();
            }
        }
        assertTrue(errors.isEmpty(), () -> "reader failed: " + errors.peek());
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void readersOnOtherThreadsSeeWholeRecordsWhileTheWriterAppends() throws Exception {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 2000);
        int total = 3000;
        try (FileDepotLog log = open(context)) {
            withReaders(3, random -> {
                long end = log.endOffset();
                if (end == 0) {
                    return;
                }
                long from = random.nextInt((int) end);
                long to = Math.min(end, from + 1 + random.nextInt(50));
                List<Object> got = log.read(from, to);
                if (!records(from, to).equals(got)) {
                    throw new AssertionError("read [" + from + ", " + to + ") got " + got);
                }
            }, () -> {
                for (long i = 0; i < total; i++) {
                    assertEquals(i, log.append(record(i)));
                    if (i % 100 == 99) {
                        log.sync();
                    }
                }
            });
            assertEquals(records(0, total), log.read(0, total));
        }
    }

    @Test
    void readersRacingATrimGetTheRecordsOrATrimmedOffsetError() throws Exception {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.NEVER, 1000);
        int total = 3000;
        try (FileDepotLog log = open(context)) {
            withReaders(2, random -> {
                long start = log.startOffset();
                long end = log.endOffset();
                if (end == start) {
                    return;
                }
                long from = start + random.nextInt((int) (end - start));
                long to = Math.min(end, from + 1 + random.nextInt(80));
                try {
                    List<Object> got = log.read(from, to);
                    if (!records(from, to).equals(got)) {
                        throw new AssertionError("read [" + from + ", " + to + ") got " + got);
                    }
                } catch (TrimmedOffsetException trimmedMeanwhile) {
                    if (trimmedMeanwhile.startOffset() <= from) {
                        throw new AssertionError("refused a read at or above the start", trimmedMeanwhile);
                    }
                }
            }, () -> {
                for (long i = 0; i < total; i++) {
                    assertEquals(i, log.append(record(i)));
                    if (i % 200 == 199) {
                        log.trimTo(i - 300);
                    }
                }
            });
            assertTrue(log.startOffset() > 2000);
            assertEquals(records(log.startOffset(), total), log.read(log.startOffset(), total));
        }
    }

    @Test
    void anInterruptedReaderDoesNotBreakTheLogForOthers() throws Exception {
        try (FileDepotLog log = open(DepotLogFiles.small(FsyncPolicy.GROUP, 500))) {
            appendRecords(log, 0, 20);
            Throwable[] seen = new Throwable[1];
            Thread reader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    log.read(0, 20);
                } catch (Throwable e) {
                    seen[0] = e;
                }
            });
            reader.start();
            reader.join();
            // the interrupt closed the channel under the reader (NIO's rule); it fails, others do not
            assertTrue(seen[0] instanceof UncheckedIOException, "the reader got " + seen[0]);
            appendRecords(log, 20, 40);
            assertEquals(records(0, 40), log.read(0, 40));
            log.sync();
            assertFalse(log.failed());
        }
        try (FileDepotLog log = open(new FileDepotLogContext())) {
            assertEquals(records(0, 40), log.read(0, 40));
        }
    }

    @Test
    void aCleanCloseLeavesNoIndexForTheNewestSegmentAndNoOrphans() {
        FileDepotLogContext context = DepotLogFiles.small(FsyncPolicy.GROUP, 300);
        try (FileDepotLog log = open(context)) {
            appendRecords(log, 0, 60);
            log.trimTo(30);
        }
        List<Path> segments = DepotLogFiles.segments(dir);
        List<Path> indexes = DepotLogFiles.indexes(dir);
        assertEquals(segments.size() - 1, indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(segments.get(i).getFileName().toString().replace(".log", ".idx"),
                    indexes.get(i).getFileName().toString());
        }
        // an index left behind by a crash in the middle of trimming is removed at open
        DepotLogFiles.write(dir.resolve("00000000000000000000.idx"), new byte[] {1, 2, 3});
        try (FileDepotLog log = open(context)) {
            assertFalse(Files.exists(dir.resolve("00000000000000000000.idx")));
            assertEquals(60, log.endOffset());
        }
    }

    @Test
    void bigAppendsAreWrittenBackInTheBackgroundAndRollsLeaveValidIndexes() throws Exception {
        FileDepotLogContext ctx = new FileDepotLogContext().withFsyncPolicy(FsyncPolicy.NEVER)
                .withSegmentBytesMax(3 << 20);
        String big = "x".repeat(4000);
        int n = 2500; // about 10 MiB: three rolls and several writebacks
        try (FileDepotLog log = open(ctx)) {
            for (int i = 0; i < n; i++) {
                assertEquals(i, log.append(big + i));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (log.writebacks.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(log.writebacks.get() > 0, "no background writeback ran");
            assertTrue(log.durableEndOffset() < n, "a writeback does not claim the newest segment durable: "
                    + log.durableEndOffset());
        }
        try (FileDepotLog log = open(ctx)) {
            assertEquals(0, log.recovery().indexesRebuilt(), "the index files written at each roll are whole");
            assertEquals(n, log.endOffset());
            assertEquals(big + (n - 1), log.read(n - 1, n).get(0));
            assertEquals(big + 7, log.read(7, 8).get(0));
        }
    }
}
