package dev.floe.store;

import dev.floe.runtime.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static dev.floe.store.LogSegment.FRAME_HEADER_BYTES;
import static dev.floe.store.LogSegment.HEADER_BYTES;
import static dev.floe.store.LogSegment.INDEX_SUFFIX;
import static dev.floe.store.LogSegment.SEGMENT_SUFFIX;
import static dev.floe.store.LogSegment.Reader.getInt;

/**
 * A depot partition stored in files: one directory per partition, holding segment files named by
 * their base offset ({@code 00000000000000000000.log}), each a header followed by records framed
 * as length + checksum + the codec's bytes. The format, the fsync policies and recovery are
 * described in {@code docs/storage.md}.
 *
 * <ul>
 * <li><b>Durability</b> follows the {@link FsyncPolicy} of the {@link FileDepotLogContext}; under
 * {@link FsyncPolicy#GROUP} the writer calls {@link #sync()} before acknowledging a batch of
 * appends. {@link #durableEndOffset()} tells how far the log is known to be on stable storage.
 * <li><b>Recovery</b> at open scans the newest segment and checks every record's length and
 * checksum. A torn or corrupt end (a partial write, zeros, a bad checksum with nothing valid after
 * it) is cut back to the last valid record, logged, and reported by {@link #recovery()}. A corrupt
 * record followed by valid ones, a damaged older segment or a gap between segments fails the open
 * with a {@link LogCorruptionException} naming the file, byte position and offset; nothing is cut
 * silently. Older segments are checked when read: a record whose checksum fails is never returned.
 * <li><b>Trimming</b> ({@link #trimTo}) deletes whole segments below an offset; {@link #startOffset()}
 * moves to the first segment kept, and reading below it fails with a {@link TrimmedOffsetException}.
 * <li><b>Reopening</b> a closed (or crashed) directory continues at its {@link #endOffset()}. A
 * lock file keeps a second {@code FileDepotLog} from opening the same directory meanwhile.
 * </ul>
 *
 * <p>Threading: one writer thread appends, syncs, trims and closes (these methods are also
 * synchronized, so a misplaced call is safe, only slower). Any thread may read, and read
 * {@link #startOffset()}, {@link #endOffset()} and {@link #durableEndOffset()}, concurrently with
 * the writer: a record becomes visible once it is wholly written (and forced, under
 * {@link FsyncPolicy#EVERY_APPEND}); reads never block appends, only trimming and closing, which
 * wait for reads in progress.
 */
public final class FileDepotLog implements DepotLog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileDepotLog.class.getName());

    /** "FDIX": a segment's sparse index. */
    static final int INDEX_MAGIC = 0x46444958;
    /** magic 4, version 2, flags 2, base offset 8, record count 8, segment bytes 8, entry count 4. */
    static final int INDEX_HEADER_BYTES = 36;
    static final String LOCK_FILE = "depot.lock";
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int WRITE_BUFFER_BYTES = 16 * 1024;
    private static final int SCAN_BUFFER_BYTES = 64 * 1024;
    /**
     * The checksum work (bytes) recovery may spend looking for valid records after a corrupt one,
     * per byte after it, and at least: past that it gives up and refuses to cut.
     */
    private static final long SCAN_BUDGET_PER_BYTE = 64;
    private static final long SCAN_BUDGET_MIN = 256L << 20;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    /**
     * What recovery did when the log opened.
     *
     * @param segment        the newest segment, the one scanned
     * @param position       the byte where its valid records end
     * @param discardedBytes the bytes cut off after {@code position} (0 when the log was clean); a
     *                       cut-short header counts as discarded
     * @param endOffset      the log's end offset after recovery
     * @param indexesRebuilt older segments whose index file was missing or damaged and was rebuilt
     *                       by scanning (and checking) the segment
     */
    public record Recovery(Path segment, long position, long discardedBytes, long endOffset, int indexesRebuilt) {
        /** Whether anything was cut off. */
        public boolean truncated() {
            return discardedBytes > 0;
        }
    }

    private final Path dir;
    private final Codec codec;
    private final FileDepotLogContext context;
    private final FsyncPolicy policy;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Recovery recovery;
    /** Readers hold it shared; trimming and closing (which close channels) hold it exclusively. */
    private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock(true);

    /** Copy on write; the newest segment last. Published before the end offset moves into a new segment. */
    private volatile LogSegment[] segments;
    private volatile long startOffset;
    private volatile long endOffset;
    private volatile long durableEndOffset;
    private volatile boolean closed;
    /** The failure that stopped the writer, or null. */
    private volatile IOException failure;

    /**
     * Background writeback: under NEVER and GROUP, once this many bytes were appended to the newest
     * segment since the last one, a daemon thread forces the segment, so the dirty pages a roll (or
     * a group sync) has to force on the writer's thread stay few. It makes nothing less durable.
     */
    static final long WRITEBACK_BYTES = 1L << 20;
    private static final java.util.concurrent.ExecutorService WRITEBACK = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "floe-depot-log-writeback");
                t.setDaemon(true);
                return t;
            });
    /** Writer-owned: the newest segment's size when writeback last started. */
    private long writebackMark;
    /** Set while a writeback of this log is queued or running. */
    private final java.util.concurrent.atomic.AtomicBoolean writebackPending = new java.util.concurrent.atomic.AtomicBoolean();
    /** Writebacks completed (tests). */
    final java.util.concurrent.atomic.AtomicInteger writebacks = new java.util.concurrent.atomic.AtomicInteger();

    // writer-owned
    private final CRC32C writeCrc = new CRC32C();
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    private final ByteBuffer frameHeader = ByteBuffer.allocateDirect(FRAME_HEADER_BYTES);

    private FileDepotLog(Path dir, Codec codec, FileDepotLogContext context, FileChannel lockChannel, FileLock lock,
            LogSegment[] segments, Recovery recovery) {
        this.dir = dir;
        this.codec = codec;
        this.context = context;
        this.policy = context.fsyncPolicy();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.segments = segments;
        this.recovery = recovery;
        LogSegment tail = segments[segments.length - 1];
        this.startOffset = segments[0].baseOffset;
        this.endOffset = tail.baseOffset + tail.recordCount;
        this.durableEndOffset = endOffset;
    }

    /**
     * Opens the depot partition stored in {@code dir} (created if missing), recovering it as
     * described above, with the {@link FileDepotLogContext default settings}.
     */
    public static FileDepotLog open(Path dir, Codec codec) {
        return open(dir, codec, new FileDepotLogContext());
    }

    /**
     * Opens the depot partition stored in {@code dir} (created if missing), recovering it as
     * described above.
     *
     * @throws LogCorruptionException if the directory holds damage recovery must not cut away
     * @throws IllegalStateException  if another {@code FileDepotLog} has the directory open
     * @throws UncheckedIOException   if the file system fails
     */
    public static FileDepotLog open(Path dir, Codec codec, FileDepotLogContext context) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(codec, "codec");
        context.validate();
        FileChannel lockChannel = null;
        FileLock lock = null;
        List<LogSegment> opened = new ArrayList<>();
        boolean ok = false;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockDirectory(dir, lockChannel);
            long[] bases = listBases(dir, SEGMENT_SUFFIX);
            int rebuilt = 0;
            Recovery recovery;
            if (bases.length == 0) {
                LogSegment s = createSegment(dir, 0);
                opened.add(s);
                forceDirectory(dir);
                recovery = new Recovery(s.file, HEADER_BYTES, 0, 0, 0);
            } else {
                for (int i = 0; i < bases.length - 1; i++) {
                    LogSegment s = openSegment(dir, bases[i]);
                    opened.add(s);
                    if (loadSealed(dir, s, bases[i + 1], context)) {
                        rebuilt++;
                    }
                }
                LogSegment tail = openSegment(dir, bases[bases.length - 1]);
                opened.add(tail);
                // the newest segment may still grow: its index lives in memory until it is sealed
                Files.deleteIfExists(dir.resolve(LogSegment.fileName(tail.baseOffset, INDEX_SUFFIX)));
                recovery = recoverTail(tail, context, rebuilt);
                tail.channel().force(false);
            }
            deleteOrphanIndexes(dir, opened);
            forceDirectory(dir);
            FileDepotLog log = new FileDepotLog(dir, codec, context, lockChannel, lock,
                    opened.toArray(new LogSegment[0]), recovery);
            ok = true;
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("opening depot log " + dir + ": " + e, e);
        } finally {
            if (!ok) {
                for (LogSegment s : opened) {
                    closeQuietly(s.channel());
                }
                releaseQuietly(lock);
                closeQuietly(lockChannel);
            }
        }
    }

    // ---- DepotLog

    /**
     * Appends a record (the codec's bytes) and returns its offset. Under
     * {@link FsyncPolicy#EVERY_APPEND} the record is forced before this returns.
     *
     * @throws IllegalArgumentException if the encoded record exceeds {@code recordBytesMax}
     *                                  (nothing is written, the log stays usable)
     * @throws UncheckedIOException     if writing or forcing fails; the log then refuses appends
     *                                  until it is reopened
     */
    @Override
    public synchronized long append(Object record) {
        checkWritable();
        byte[] payload = codec.encode(record);
        if (payload.length > context.recordBytesMax()) {
            throw new IllegalArgumentException("depot log " + dir + ": a record of " + payload.length
                    + " bytes exceeds recordBytesMax (" + context.recordBytesMax() + ")");
        }
        int frameBytes = FRAME_HEADER_BYTES + payload.length;
        long offset = endOffset;
        LogSegment s = active();
        long position = -1;
        try {
            if (s.recordCount > 0 && s.sizeBytes + frameBytes > context.segmentBytesMax()) {
                s = roll(s);
            }
            position = s.sizeBytes;
            writeFrame(s, position, payload, offset);
            if (policy == FsyncPolicy.EVERY_APPEND) {
                force(s);
            }
        } catch (IOException e) {
            throw fail(e, s, position, "appending offset " + offset);
        }
        // the index entry and the segment before the end offset: readers read the end offset first
        s.maybeIndex(offset, (int) position, context.indexIntervalBytes());
        s.sizeBytes = position + frameBytes;
        s.recordCount++;
        endOffset = offset + 1;
        if (policy == FsyncPolicy.EVERY_APPEND) {
            durableEndOffset = offset + 1;
        } else if (s.sizeBytes - writebackMark >= WRITEBACK_BYTES) {
            startWriteback(s);
        }
        return offset;
    }

    /**
     * Forces {@code s} on the writeback thread (once at a time per log). Only the page cache's
     * dirty pages are written early: the durable end offset does not move, as this thread cannot
     * tell which records the force covered.
     */
    private void startWriteback(LogSegment s) {
        if (!writebackPending.compareAndSet(false, true)) {
            return;
        }
        writebackMark = s.sizeBytes;
        try {
            WRITEBACK.execute(() -> {
                try {
                    if (!closed) {
                        s.channel().force(false);
                        writebacks.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile, or a failing disk: the writer's own forces report failures
                } finally {
                    writebackPending.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            writebackPending.set(false);
        }
    }

    @Override
    public long startOffset() {
        return startOffset;
    }

    @Override
    public long endOffset() {
        return endOffset;
    }

    /**
     * The records at offsets [from, to), each checked against its checksum.
     *
     * @throws TrimmedOffsetException    if {@code from} is below {@link #startOffset()}
     * @throws IndexOutOfBoundsException if the range is not within [0, {@link #endOffset()}]
     * @throws LogCorruptionException    if a record on the way does not verify
     * @throws IllegalStateException     if the log is closed
     */
    @Override
    public List<Object> read(long from, long to) {
        Lock shared = structure.readLock();
        shared.lock();
        try {
            if (closed) {
                throw new IllegalStateException("depot log " + dir + " is closed");
            }
            long end = endOffset; // first: the segments and index entries of records below it are published
            LogSegment[] segs = segments;
            long start = startOffset;
            if (from < 0 || to > end || from > to) {
                throw new IndexOutOfBoundsException("offsets [" + from + ", " + to + ") of depot log " + dir
                        + " holding [" + start + ", " + end + ")");
            }
            if (from < start) {
                throw new TrimmedOffsetException("offsets [" + from + ", " + to + ") of depot log " + dir
                        + ": the records below offset " + start + " were trimmed (it holds [" + start + ", " + end + "))",
                        start);
            }
            if (to - from > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("offsets [" + from + ", " + to + ") of depot log " + dir
                        + ": too many records for one read");
            }
            ArrayList<Object> out = new ArrayList<>((int) (to - from));
            if (from == to) {
                return out;
            }
            CRC32C crc = new CRC32C();
            LogSegment.Reader reader = new LogSegment.Reader(READ_BUFFER_BYTES);
            int i = segmentIndex(segs, from);
            long offset = from;
            while (offset < to) {
                long segmentEnd = i + 1 < segs.length ? segs[i + 1].baseOffset : end;
                long until = Math.min(to, segmentEnd);
                readSegment(segs[i], offset, until, out, crc, reader);
                offset = until;
                i++;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading offsets [" + from + ", " + to + ") of depot log " + dir + ": " + e, e);
        } finally {
            shared.unlock();
        }
    }

    // ---- durability, trimming, closing

    /**
     * Under {@link FsyncPolicy#GROUP}, forces everything appended since the last force, once; when
     * it returns, every record below the {@link #endOffset()} it saw survives a machine crash.
     * Does nothing under the other policies (nothing to do under {@code EVERY_APPEND}; nothing
     * promised under {@code NEVER}).
     *
     * @throws UncheckedIOException if the force fails; the log then refuses appends until reopened
     */
    @Override
    public synchronized boolean syncPending() {
        return policy == FsyncPolicy.GROUP && durableEndOffset != endOffset;
    }

    @Override
    public synchronized void sync() {
        checkWritable();
        if (policy != FsyncPolicy.GROUP) {
            return;
        }
        long end = endOffset;
        if (durableEndOffset == end) {
            return;
        }
        LogSegment s = active();
        try {
            force(s);
        } catch (IOException e) {
            throw fail(e, s, -1, "forcing offsets up to " + end);
        }
        durableEndOffset = end;
    }

    /**
     * The offset below which every record is known to be on stable storage: the end offset after
     * each append under {@link FsyncPolicy#EVERY_APPEND}, as of the last {@link #sync()} under
     * {@link FsyncPolicy#GROUP}, and under every policy as of the last segment roll and of opening.
     */
    public long durableEndOffset() {
        return durableEndOffset;
    }

    /**
     * Deletes every segment all of whose records are below {@code offset} (never the newest
     * segment), oldest first, and forces the directory. {@link #startOffset()} becomes the base
     * offset of the first segment kept, at most {@code offset}; it never moves back.
     *
     * @return the new start offset
     */
    public synchronized long trimTo(long offset) {
        checkWritable();
        LogSegment[] segs = segments;
        int keepFrom = 0;
        while (keepFrom < segs.length - 1 && segs[keepFrom + 1].baseOffset <= offset) {
            keepFrom++;
        }
        if (keepFrom == 0) {
            return startOffset;
        }
        Lock exclusive = structure.writeLock();
        exclusive.lock();
        try {
            segments = Arrays.copyOfRange(segs, keepFrom, segs.length);
            startOffset = segs[keepFrom].baseOffset;
            for (int i = 0; i < keepFrom; i++) {
                closeQuietly(segs[i].channel());
            }
        } finally {
            exclusive.unlock();
        }
        try {
            for (int i = 0; i < keepFrom; i++) {
                Files.deleteIfExists(segs[i].file);
                Files.deleteIfExists(dir.resolve(LogSegment.fileName(segs[i].baseOffset, INDEX_SUFFIX)));
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw fail(e, null, -1, "deleting the segments below offset " + startOffset);
        }
        return startOffset;
    }

    /**
     * Forces what was appended (under every policy: a clean close leaves nothing at risk), closes
     * the files and releases the directory. Reads after it fail; closing twice does nothing.
     *
     * @throws UncheckedIOException if the final force fails (the files are closed anyway)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        IOException error = null;
        Lock exclusive = structure.writeLock();
        exclusive.lock();
        try {
            closed = true;
            if (failure == null) {
                try {
                    force(active());
                    durableEndOffset = endOffset;
                } catch (IOException e) {
                    error = e;
                }
            }
            for (LogSegment s : segments) {
                closeQuietly(s.channel());
            }
            releaseQuietly(lock);
            closeQuietly(lockChannel);
        } finally {
            exclusive.unlock();
        }
        if (error != null) {
            throw new UncheckedIOException("closing depot log " + dir + ": the final force failed: " + error, error);
        }
    }

    // ---- accessors

    /** What recovery did when this log opened. */
    public Recovery recovery() {
        return recovery;
    }

    /** The partition's directory. */
    public Path directory() {
        return dir;
    }

    public FileDepotLogContext context() {
        return context;
    }

    /** The segment files, oldest first. */
    public List<Path> segmentFiles() {
        LogSegment[] segs = segments;
        List<Path> out = new ArrayList<>(segs.length);
        for (LogSegment s : segs) {
            out.add(s.file);
        }
        return out;
    }

    /** Whether a failed write or force stopped the writer (the log must be reopened to append again). */
    public boolean failed() {
        return failure != null;
    }

    @Override
    public String toString() {
        return "FileDepotLog{" + dir + ", [" + startOffset + ", " + endOffset + "), durable to " + durableEndOffset + "}";
    }

    // ---- repair

    /**
     * Discards every record at {@code offset} and above from the depot partition stored in
     * {@code dir}, which must not be open: later segments are deleted (newest first) and the
     * segment holding {@code offset} is cut at that record. The operator's decision after a
     * {@link LogCorruptionException} (pass its {@link LogCorruptionException#offset()}), never
     * taken by recovery on its own. The records below {@code offset} in that segment are checked
     * on the way; a damaged one fails with a {@link LogCorruptionException} (discard from it
     * instead).
     *
     * @return the bytes discarded
     */
    public static long discardFrom(Path dir, long offset) {
        FileChannel lockChannel = null;
        FileLock lock = null;
        try {
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockDirectory(dir, lockChannel);
            long[] bases = listBases(dir, SEGMENT_SUFFIX);
            if (bases.length == 0 || offset < bases[0]) {
                throw new IllegalArgumentException("depot log " + dir + ": cannot discard from offset " + offset
                        + (bases.length == 0 ? ": it holds no segments" : ": its first segment starts at offset " + bases[0]));
            }
            int k = bases.length - 1;
            while (bases[k] > offset) {
                k--;
            }
            long discarded = 0;
            for (int j = bases.length - 1; j > k; j--) {
                Path f = dir.resolve(LogSegment.fileName(bases[j], SEGMENT_SUFFIX));
                discarded += Files.size(f);
                Files.delete(f);
                Files.deleteIfExists(dir.resolve(LogSegment.fileName(bases[j], INDEX_SUFFIX)));
            }
            LogSegment s = openSegment(dir, bases[k]);
            try {
                long size = s.channel().size();
                long cut;
                if (offset == s.baseOffset) {
                    cut = 0;
                } else {
                    String problem = readHeader(s);
                    if (problem != null) {
                        throw new LogCorruptionException(s.file, 0, s.baseOffset, problem
                                + "; discard from offset " + s.baseOffset + " instead");
                    }
                    long[] scan = scan(s, size, Integer.MAX_VALUE, offset);
                    long reached = s.baseOffset + scan[1];
                    cut = scan[0];
                    if (reached < offset && cut < size) {
                        throw new LogCorruptionException(s.file, cut, reached, "the record is corrupt, so the records"
                                + " below offset " + offset + " cannot all be kept; discard from offset " + reached + " instead");
                    }
                }
                discarded += size - cut;
                Files.deleteIfExists(dir.resolve(LogSegment.fileName(s.baseOffset, INDEX_SUFFIX)));
                if (cut == 0) {
                    s.channel().truncate(0);
                    writeFully(s.channel(), LogSegment.header(s.baseOffset), 0);
                } else {
                    s.channel().truncate(cut);
                }
                s.channel().force(false);
            } finally {
                closeQuietly(s.channel());
            }
            forceDirectory(dir);
            LOG.warning("depot log " + dir + ": discarded " + discarded + " bytes, every record from offset " + offset
                    + " on, on request");
            return discarded;
        } catch (IOException e) {
            throw new UncheckedIOException("discarding from offset " + offset + " of depot log " + dir + ": " + e, e);
        } finally {
            releaseQuietly(lock);
            closeQuietly(lockChannel);
        }
    }

    // ---- writing

    private LogSegment active() {
        LogSegment[] segs = segments;
        return segs[segs.length - 1];
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("depot log " + dir + " is closed");
        }
        IOException f = failure;
        if (f != null) {
            throw new IllegalStateException("depot log " + dir + " failed earlier (" + f
                    + ") and refuses writes until it is reopened", f);
        }
    }

    /**
     * Stops the writer after an I/O failure and cuts a partly written frame (best effort: recovery
     * would cut it too).
     */
    private UncheckedIOException fail(IOException e, LogSegment s, long position, String what) {
        failure = e;
        if (s != null && position >= 0) {
            try {
                s.channel().truncate(position);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
        LOG.log(Level.SEVERE, "depot log " + dir + ": " + what + " failed; it refuses writes until reopened", e);
        return new UncheckedIOException("depot log " + dir + ": " + what + " failed; the log refuses writes until it is"
                + " reopened: " + e, e);
    }

    private void writeFrame(LogSegment s, long position, byte[] payload, long offset) throws IOException {
        int len = payload.length;
        int checksum = LogSegment.checksum(writeCrc, len, payload, 0, offset);
        if (FRAME_HEADER_BYTES + len <= writeBuffer.capacity()) {
            writeBuffer.clear();
            writeBuffer.putInt(len).putInt(checksum).put(payload).flip();
            writeFully(s, writeBuffer, position);
        } else {
            frameHeader.clear();
            frameHeader.putInt(len).putInt(checksum).flip();
            writeFully(s, frameHeader, position);
            writeFully(s, ByteBuffer.wrap(payload), position + FRAME_HEADER_BYTES);
        }
    }

    /** Writes all of {@code b} at {@code position}, reopening a channel another thread's interrupt closed. */
    private static void writeFully(LogSegment s, ByteBuffer b, long position) throws IOException {
        int start = b.position();
        int reopened = 0;
        while (b.hasRemaining()) {
            FileChannel ch = s.channel();
            try {
                ch.write(b, position + b.position() - start);
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                if (++reopened > 3) {
                    throw e;
                }
                s.reopen(ch);
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            ch.write(b, position + b.position() - start);
        }
    }

    private static void force(LogSegment s) throws IOException {
        int reopened = 0;
        while (true) {
            FileChannel ch = s.channel();
            try {
                ch.force(false);
                return;
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                if (++reopened > 3) {
                    throw e;
                }
                s.reopen(ch);
            }
        }
    }

    /**
     * Seals the newest segment (forces it, writes its index file) and starts a new one
     * at the end offset (created with its header forced, and the directory forced), so every
     * segment but the newest is always durable whatever the policy.
     */
    private LogSegment roll(LogSegment old) throws IOException {
        force(old);
        writebackMark = HEADER_BYTES;
        // not forced: a sealed segment's index file is checked (CRC) at open and rebuilt from the
        // segment when a crash left it missing or damaged
        writeIndexFile(dir, old, false);
        long base = old.baseOffset + old.recordCount;
        LogSegment s = createSegment(dir, base);
        try {
            forceDirectory(dir);
        } catch (IOException e) {
            closeQuietly(s.channel());
            throw e;
        }
        LogSegment[] segs = segments;
        LogSegment[] next = Arrays.copyOf(segs, segs.length + 1);
        next[segs.length] = s;
        segments = next;
        if (durableEndOffset < base) {
            durableEndOffset = base;
        }
        return s;
    }

    private static LogSegment createSegment(Path dir, long base) throws IOException {
        Path f = dir.resolve(LogSegment.fileName(base, SEGMENT_SUFFIX));
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            writeFully(ch, LogSegment.header(base), 0);
            ch.force(false);
        } catch (IOException e) {
            closeQuietly(ch);
            throw e;
        }
        LogSegment s = new LogSegment(base, f, ch);
        s.sizeBytes = HEADER_BYTES;
        s.recordCount = 0;
        return s;
    }

    // ---- reading

    /** The index of the segment holding {@code offset}: the last whose base offset is at most it. */
    private static int segmentIndex(LogSegment[] segs, long offset) {
        int lo = 0;
        int hi = segs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segs[mid].baseOffset <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Adds the records [from, until) of a segment to {@code out}, walking from the index entry at or
     * before {@code from} and checking every record walked over.
     */
    private void readSegment(LogSegment s, long from, long until, List<Object> out, CRC32C crc, LogSegment.Reader r)
            throws IOException {
        long floor = s.indexFloor(from);
        long offset = s.baseOffset + (floor >>> 32);
        long position = floor & 0xffffffffL;
        r.of(s);
        while (offset < until) {
            int i = r.ensure(position, FRAME_HEADER_BYTES);
            if (i < 0) {
                throw new LogCorruptionException(s.file, position, offset, "the segment ends before this record");
            }
            int len = getInt(r.bytes(), i);
            int stored = getInt(r.bytes(), i + 4);
            if (len < 0 || (len > r.capacity() - FRAME_HEADER_BYTES
                    && position + FRAME_HEADER_BYTES + len > s.channel().size())) {
                throw new LogCorruptionException(s.file, position, offset, "the record's length field (" + len
                        + ") runs past the end of the segment");
            }
            i = r.ensure(position, FRAME_HEADER_BYTES + len);
            if (i < 0) {
                throw new LogCorruptionException(s.file, position, offset, "the segment ends inside this record");
            }
            byte[] b = r.bytes();
            if (LogSegment.checksum(crc, len, b, i + FRAME_HEADER_BYTES, offset) != stored) {
                throw new LogCorruptionException(s.file, position, offset, "the record's checksum does not match");
            }
            if (offset >= from) {
                out.add(codec.decode(Arrays.copyOfRange(b, i + FRAME_HEADER_BYTES, i + FRAME_HEADER_BYTES + len)));
            }
            position += FRAME_HEADER_BYTES + len;
            offset++;
        }
    }

    // ---- opening and recovery

    private static FileLock lockDirectory(Path dir, FileChannel lockChannel) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("depot log " + dir + " is already open (its " + LOCK_FILE
                    + " is locked, in this process or another)");
        }
        return lock;
    }

    /** The base offsets of the files in {@code dir} with this suffix, ascending. */
    private static long[] listBases(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> LogSegment.parseBaseOffset(p.getFileName().toString(), suffix))
                    .filter(b -> b >= 0).sorted().toArray();
        }
    }

    private static LogSegment openSegment(Path dir, long base) throws IOException {
        Path f = dir.resolve(LogSegment.fileName(base, SEGMENT_SUFFIX));
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new LogSegment(base, f, ch);
    }

    /** Null if the segment's header is valid, else what is wrong with it. */
    private static String readHeader(LogSegment s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        while (b.hasRemaining() && s.channel().read(b, b.position()) >= 0) {
            // read until full or the end of the file
        }
        return LogSegment.checkHeader(b.array(), b.position(), s.baseOffset);
    }

    /**
     * Loads a sealed segment's index from its index file or, when that is missing, damaged or does
     * not match the segment, rebuilds it by scanning (and checking) the whole segment.
     *
     * @return whether the index was rebuilt
     */
    private static boolean loadSealed(Path dir, LogSegment s, long nextBase, FileDepotLogContext context)
            throws IOException {
        String header = readHeader(s);
        if (header != null) {
            throw new LogCorruptionException(s.file, 0, s.baseOffset, header + " (an older segment)");
        }
        long size = s.channel().size();
        long count = nextBase - s.baseOffset;
        Path indexFile = dir.resolve(LogSegment.fileName(s.baseOffset, INDEX_SUFFIX));
        String problem = loadIndexFile(indexFile, s, size, count);
        s.sizeBytes = size;
        s.recordCount = count;
        if (problem == null) {
            return false;
        }
        long[] scan = scan(s, size, context.indexIntervalBytes(), Long.MAX_VALUE);
        if (scan[0] != size) {
            throw new LogCorruptionException(s.file, scan[0], s.baseOffset + scan[1], "a record of an older segment (which"
                    + " the segment starting at offset " + nextBase + " follows) is corrupt");
        }
        if (scan[1] != count) {
            throw new LogCorruptionException(s.file, size, s.baseOffset + scan[1], "the segment holds " + scan[1]
                    + " records but the next segment starts at offset " + nextBase + ": records are "
                    + (scan[1] < count ? "missing" : "duplicated"));
        }
        writeIndexFile(dir, s, true);
        LOG.info("depot log " + dir + ": rebuilt the index of " + s.file.getFileName() + " (" + problem + ")");
        return true;
    }

    /** Null if the index file was loaded into the segment, else why it was not. */
    private static String loadIndexFile(Path f, LogSegment s, long segmentBytes, long count) throws IOException {
        if (!Files.exists(f)) {
            return "no index file";
        }
        long fileBytes = Files.size(f);
        if (fileBytes < INDEX_HEADER_BYTES + 4 || fileBytes > INDEX_HEADER_BYTES + 4 + 8 * (segmentBytes / FRAME_HEADER_BYTES + 1)) {
            return "the index file has an impossible size, " + fileBytes + " bytes";
        }
        byte[] all = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(all);
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        if (b.getInt(all.length - 4) != (int) crc.getValue()) {
            return "the index file's checksum does not match";
        }
        if (b.getInt(0) != INDEX_MAGIC || b.getShort(4) != LogSegment.VERSION) {
            return "not an index file of this version";
        }
        int n = b.getInt(32);
        if (b.getLong(8) != s.baseOffset || b.getLong(16) != count || b.getLong(24) != segmentBytes
                || n < 1 || (long) INDEX_HEADER_BYTES + 8L * n + 4 != all.length) {
            return "the index file does not match the segment";
        }
        int[] offsets = new int[n];
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = b.getInt(INDEX_HEADER_BYTES + 8 * i);
            positions[i] = b.getInt(INDEX_HEADER_BYTES + 8 * i + 4);
            boolean ordered = i == 0 ? offsets[0] == 0 && positions[0] == HEADER_BYTES
                    : offsets[i] > offsets[i - 1] && positions[i] > positions[i - 1];
            if (!ordered || offsets[i] >= count || positions[i] >= segmentBytes) {
                return "the index file's entries are out of order or out of range";
            }
        }
        s.setIndex(offsets, positions, n);
        return null;
    }

    /** Writes a sealed segment's index file and forces it. */
    private static void writeIndexFile(Path dir, LogSegment s, boolean force) throws IOException {
        int n = s.indexSize();
        int[] offsets = s.indexOffsets();
        int[] positions = s.indexPositions();
        ByteBuffer b = ByteBuffer.allocate(INDEX_HEADER_BYTES + 8 * n + 4);
        b.putInt(INDEX_MAGIC).putShort(LogSegment.VERSION).putShort((short) 0).putLong(s.baseOffset)
                .putLong(s.recordCount).putLong(s.sizeBytes).putInt(n);
        for (int i = 0; i < n; i++) {
            b.putInt(offsets[i]).putInt(positions[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        Path f = dir.resolve(LogSegment.fileName(s.baseOffset, INDEX_SUFFIX));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, b, 0);
            if (force) {
                ch.force(false);
            }
        }
    }

    private static void deleteOrphanIndexes(Path dir, List<LogSegment> segments) throws IOException {
        long[] indexBases = listBases(dir, INDEX_SUFFIX);
        for (long base : indexBases) {
            boolean held = false;
            for (LogSegment s : segments) {
                held |= s.baseOffset == base;
            }
            if (!held) {
                Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, INDEX_SUFFIX)));
            }
        }
    }

    /**
     * Checks the frames of a segment from its first record on, adding index entries, up to the
     * first that does not verify, the end of the file, or {@code untilOffset}.
     *
     * @return the position after the last valid record reached, and the number of records
     */
    private static long[] scan(LogSegment s, long size, int indexIntervalBytes, long untilOffset) throws IOException {
        LogSegment.Reader r = new LogSegment.Reader(SCAN_BUFFER_BYTES).of(s);
        CRC32C crc = new CRC32C();
        long position = HEADER_BYTES;
        long offset = s.baseOffset;
        while (position < size && offset < untilOffset) {
            int len = verifyFrame(r, crc, position, offset, size);
            if (len < 0) {
                break;
            }
            s.maybeIndex(offset, (int) position, indexIntervalBytes);
            position += FRAME_HEADER_BYTES + len;
            offset++;
        }
        return new long[] {position, offset - s.baseOffset};
    }

    /**
     * The payload length of the frame at {@code position} if it is a whole, valid frame of the
     * record at {@code offset} ending by {@code limit}, else -1.
     */
    private static int verifyFrame(LogSegment.Reader r, CRC32C crc, long position, long offset, long limit)
            throws IOException {
        if (limit - position < FRAME_HEADER_BYTES) {
            return -1;
        }
        int i = r.ensure(position, FRAME_HEADER_BYTES);
        if (i < 0) {
            return -1;
        }
        int len = getInt(r.bytes(), i);
        int stored = getInt(r.bytes(), i + 4);
        if (len < 0 || limit - position - FRAME_HEADER_BYTES < len) {
            return -1;
        }
        return r.frameChecksum(position, len, offset, crc) == stored ? len : -1;
    }

    /**
     * Recovers the newest segment: checks its header and every record, and cuts a torn or corrupt
     * end back to the last valid record, unless valid records follow the damage.
     */
    private static Recovery recoverTail(LogSegment s, FileDepotLogContext context, int rebuilt) throws IOException {
        long size = s.channel().size();
        String header = readHeader(s);
        if (header != null) {
            if (size > HEADER_BYTES) {
                throw new LogCorruptionException(s.file, 0, s.baseOffset, header + ", and bytes follow it");
            }
            // no record follows the header (typically a roll cut short by a crash): nothing to lose
            s.channel().truncate(0);
            writeFully(s.channel(), LogSegment.header(s.baseOffset), 0);
            s.channel().force(false);
            s.sizeBytes = HEADER_BYTES;
            s.recordCount = 0;
            if (size > 0) {
                LOG.warning("depot log " + s.file + ": rewrote the header of the newest segment, which holds no"
                        + " record (" + header + ")");
            }
            return new Recovery(s.file, HEADER_BYTES, size, s.baseOffset, rebuilt);
        }
        long[] scan = scan(s, size, context.indexIntervalBytes(), Long.MAX_VALUE);
        long end = scan[0];
        long endOffset = s.baseOffset + scan[1];
        s.sizeBytes = end;
        s.recordCount = scan[1];
        if (end == size) {
            return new Recovery(s.file, end, 0, endOffset, rebuilt);
        }
        long[] found = findValidRecordAfter(s, end, endOffset, size);
        if (found != null) {
            throw new LogCorruptionException(s.file, end, endOffset, "this record is corrupt but valid records follow it"
                    + " (offset " + found[1] + " at byte " + found[0] + "); the log is not cut back over them");
        }
        s.channel().truncate(end);
        s.channel().force(false);
        LOG.warning("depot log " + s.file + ": cut " + (size - end) + " bytes of a torn or corrupt end at byte " + end
                + "; the log ends at offset " + endOffset);
        return new Recovery(s.file, end, size - end, endOffset, rebuilt);
    }

    /**
     * A valid record somewhere after the invalid one at {@code badPosition}, as {position, offset},
     * or null. Every byte position is tried: a frame there is a record if its checksum matches an
     * offset that fits (one more than the invalid record's at least, and at most one more per 8
     * bytes since it), and the frame after it is the next record or it ends the file.
     */
    private static long[] findValidRecordAfter(LogSegment s, long badPosition, long badOffset, long size)
            throws IOException {
        LogSegment.Reader r = new LogSegment.Reader(SCAN_BUFFER_BYTES).of(s);
        CRC32C crc = new CRC32C();
        long budget = Math.max(SCAN_BUDGET_MIN, (size - badPosition) * SCAN_BUDGET_PER_BYTE);
        for (long q = badPosition + 1; size - q >= FRAME_HEADER_BYTES; q++) {
            int i = r.ensure(q, FRAME_HEADER_BYTES);
            if (i < 0) {
                return null;
            }
            int len = getInt(r.bytes(), i);
            int stored = getInt(r.bytes(), i + 4);
            if (len < 0 || size - q - FRAME_HEADER_BYTES < len) {
                continue;
            }
            budget -= len + 4;
            if (budget < 0) {
                throw new LogCorruptionException(s.file, badPosition, badOffset, "this record is corrupt, and the search"
                        + " for valid records after it gave up; the log is not cut back");
            }
            long checksum = r.frameChecksum(q, len, 0, crc);
            if (checksum == LogSegment.Reader.EOF) {
                continue;
            }
            int lowBits = (int) checksum ^ stored;
            long k = Integer.toUnsignedLong(lowBits - (int) badOffset);
            if (k < 1 || k > (q - badPosition) / FRAME_HEADER_BYTES) {
                continue;
            }
            long offset = badOffset + k;
            long next = q + FRAME_HEADER_BYTES + len;
            if (next == size || verifyFrame(r, crc, next, offset + 1, size) >= 0) {
                return new long[] {q, offset};
            }
        }
        return null;
    }

    private static void forceDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened for a force there; NTFS journals the metadata
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a depot log file", e);
            }
        }
    }

    private static void releaseQuietly(FileLock lock) {
        if (lock != null && lock.isValid()) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.log(Level.FINE, "releasing a depot log lock", e);
            }
        }
    }
}
