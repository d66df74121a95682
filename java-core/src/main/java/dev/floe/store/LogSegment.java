package dev.floe.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One segment file of a {@link FileDepotLog}: the records from {@link #baseOffset} on, and the
 * sparse offset index over them. The format is described in {@code docs/storage.md}.
 *
 * <p>Threading: the owning log's writer adds index entries ({@link #maybeIndex}) and
 * advances {@link #sizeBytes}; readers call {@link #indexFloor} and read through the channel with
 * positional reads. An index entry is published before the log's end offset moves past its record,
 * so a reader that read the end offset first sees every entry it needs.
 */
final class LogSegment {
    /** "FDLG": a Floe depot log segment. */
    static final int MAGIC = 0x46444C47;
    static final short VERSION = 1;
    /** magic 4, version 2, flags 2, base offset 8, reserved 4, CRC32C of the 20 bytes before 4. */
    static final int HEADER_BYTES = 24;
    /** length 4, checksum 4. */
    static final int FRAME_HEADER_BYTES = 8;
    static final String SEGMENT_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".idx";

    final long baseOffset;
    final Path file;
    /** Replaced only when a thread's interrupt closed it (NIO closes a channel for everyone then). */
    private volatile FileChannel channel;

    /** Writer-owned: the bytes of the file that hold the header and whole, valid records. */
    long sizeBytes;
    /** Writer-owned: the records held (fixed once the segment is sealed). */
    long recordCount;
    /** Writer-owned: the position of the last index entry. */
    private int lastIndexedPosition = -1;

    private volatile int[] indexOffsets = new int[16];
    private volatile int[] indexPositions = new int[16];
    private volatile int indexSize;

    LogSegment(long baseOffset, Path file, FileChannel channel) {
        this.baseOffset = baseOffset;
        this.file = file;
        this.channel = channel;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * The channel after {@code broken} was found closed: an interrupt of some thread in the middle
     * of an I/O call on it closes it for every thread, so it is opened again. Callers hold the
     * log's structure read lock or are its writer, so this never races with the log closing.
     */
    synchronized FileChannel reopen(FileChannel broken) throws IOException {
        if (channel == broken) {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** The base offset a segment or index file name stands for, or -1 if it is not such a name. */
    static long parseBaseOffset(String name, String suffix) {
        if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- the sparse index

    /** Records an entry if the record at {@code position} is due one. Writer only. */
    void maybeIndex(long offset, int position, int intervalBytes) {
        if (lastIndexedPosition < 0 || position - lastIndexedPosition >= intervalBytes) {
            addIndexEntry((int) (offset - baseOffset), position);
            lastIndexedPosition = position;
        }
    }

    private void addIndexEntry(int relativeOffset, int position) {
        int n = indexSize;
        if (n == indexOffsets.length) {
            indexOffsets = Arrays.copyOf(indexOffsets, n * 2);
            indexPositions = Arrays.copyOf(indexPositions, n * 2);
        }
        indexOffsets[n] = relativeOffset;
        indexPositions[n] = position;
        indexSize = n + 1;
    }

    /** Replaces the index (loaded from an index file). Before the segment is published. */
    void setIndex(int[] relativeOffsets, int[] positions, int size) {
        indexOffsets = Arrays.copyOf(relativeOffsets, Math.max(16, size));
        indexPositions = Arrays.copyOf(positions, Math.max(16, size));
        indexSize = size;
        lastIndexedPosition = size == 0 ? -1 : positions[size - 1];
    }

    int indexSize() {
        return indexSize;
    }

    int[] indexOffsets() {
        return indexOffsets;
    }

    int[] indexPositions() {
        return indexPositions;
    }

    /**
     * The index entry at or before {@code offset} (which must be held by this segment), packed as
     * relative offset in the high 32 bits and position in the low 32.
     */
    long indexFloor(long offset) {
        int n = indexSize; // read first: the arrays read after hold at least n entries
        int[] offsets = indexOffsets;
        int[] positions = indexPositions;
        long rel = offset - baseOffset;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= rel) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (n == 0 || offsets[lo] > rel) {
            return HEADER_BYTES; // relative offset 0 at the first record
        }
        return ((long) offsets[lo] << 32) | positions[lo];
    }

    // ---- header

    static ByteBuffer header(long baseOffset) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(MAGIC).putShort(VERSION).putShort((short) 0).putLong(baseOffset).putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 20);
        b.putInt((int) crc.getValue());
        b.flip();
        return b;
    }

    /** Null if the header is a valid header for this base offset, else what is wrong with it. */
    static String checkHeader(byte[] bytes, int n, long baseOffset) {
        if (n < HEADER_BYTES) {
            return "the header is cut short (" + n + " of " + HEADER_BYTES + " bytes)";
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 20);
        if (b.getInt(20) != (int) crc.getValue()) {
            return "the header's checksum does not match";
        }
        if (b.getInt(0) != MAGIC) {
            return "not a depot log segment (magic " + Integer.toHexString(b.getInt(0)) + ")";
        }
        if (b.getShort(4) != VERSION) {
            return "unknown segment format version " + b.getShort(4);
        }
        if (b.getLong(8) != baseOffset) {
            return "the header says base offset " + b.getLong(8) + " but the file name says " + baseOffset;
        }
        return null;
    }

    // ---- frames

    /**
     * The checksum field of a frame: CRC32C over the length (4 bytes, big-endian) and the payload,
     * XOR the low 32 bits of the record's offset, so a valid record in the wrong place does not
     * verify, and a record found by scanning tells its offset.
     */
    static int checksum(CRC32C crc, int length, byte[] payload, int payloadStart, long offset) {
        startChecksum(crc, length);
        crc.update(payload, payloadStart, length);
        return (int) crc.getValue() ^ (int) offset;
    }

    private static void startChecksum(CRC32C crc, int length) {
        crc.reset();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
    }

    /**
     * Reads a segment forward through a window buffer, with positional reads (safe beside a
     * writer appending to the same channel, and beside other readers). A channel closed by another
     * thread's interrupt is reopened and the read retried; the current thread's own interrupt
     * fails the read.
     */
    static final class Reader {
        /** {@link #frameChecksum} when the file ends before the frame does. */
        static final long EOF = Long.MIN_VALUE;
        private static final int STREAM_CHUNK_BYTES = 64 * 1024;

        private LogSegment segment;
        private ByteBuffer scratch;
        private byte[] bytes;
        private ByteBuffer buffer;
        private long windowStart;
        private int windowLength;

        Reader(int capacity) {
            this.bytes = new byte[capacity];
            this.buffer = ByteBuffer.wrap(bytes);
        }

        /** Points the reader at a segment (its window empty). */
        Reader of(LogSegment s) {
            segment = s;
            windowStart = 0;
            windowLength = 0;
            return this;
        }

        /**
         * Makes bytes [position, position + n) available in {@link #bytes()} and returns the index
         * of {@code position} there, or -1 if the file ends first.
         */
        int ensure(long position, int n) throws IOException {
            if (position >= windowStart && position + n <= windowStart + windowLength) {
                return (int) (position - windowStart);
            }
            if (n > bytes.length) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
                buffer = ByteBuffer.wrap(bytes);
            }
            buffer.clear();
            windowStart = position;
            windowLength = read(buffer, position);
            return windowLength >= n ? 0 : -1;
        }

        /**
         * The checksum a frame at {@code position} with this payload length would hold if it were
         * the record at {@code offset}; computed in the window when the frame fits in it, else by
         * streaming the payload through a fixed buffer (so a garbage length costs I/O, not memory).
         * {@link #EOF} if the file ends first.
         */
        long frameChecksum(long position, int len, long offset, CRC32C crc) throws IOException {
            if (FRAME_HEADER_BYTES + len <= bytes.length) {
                int i = ensure(position, FRAME_HEADER_BYTES + len);
                return i < 0 ? EOF : checksum(crc, len, bytes, i + FRAME_HEADER_BYTES, offset);
            }
            if (scratch == null) {
                scratch = ByteBuffer.allocate(STREAM_CHUNK_BYTES);
            }
            startChecksum(crc, len);
            long p = position + FRAME_HEADER_BYTES;
            int left = len;
            while (left > 0) {
                scratch.clear().limit(Math.min(left, STREAM_CHUNK_BYTES));
                int n = read(scratch, p);
                if (n < scratch.limit()) {
                    return EOF;
                }
                crc.update(scratch.array(), 0, n);
                p += n;
                left -= n;
            }
            return (int) crc.getValue() ^ (int) offset;
        }

        /** Fills {@code b} from {@code position} until it is full or the file ends; the bytes read. */
        private int read(ByteBuffer b, long position) throws IOException {
            int start = b.position();
            int reopened = 0;
            while (b.hasRemaining()) {
                FileChannel ch = segment.channel();
                int r;
                try {
                    r = ch.read(b, position + b.position() - start);
                } catch (ClosedByInterruptException e) {
                    segment.reopen(ch);
                    throw e;
                } catch (ClosedChannelException e) {
                    if (++reopened > 3) {
                        throw e;
                    }
                    segment.reopen(ch);
                    continue;
                }
                if (r < 0) {
                    break;
                }
            }
            return b.position() - start;
        }

        byte[] bytes() {
            return bytes;
        }

        int capacity() {
            return bytes.length;
        }

        static int getInt(byte[] b, int i) {
            return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        }
    }
}
