package dev.floe.store;

/**
 * The settings of a {@link FileDepotLog}: immutable, each {@code with…} method returns a copy;
 * checked once, when a log opens with it.
 */
public final class FileDepotLogContext {
    /** Default {@link #segmentBytesMax()}: 64 MiB. */
    public static final int SEGMENT_BYTES_MAX_DEFAULT = 64 << 20;
    /** Default {@link #recordBytesMax()}: 16 MiB. */
    public static final int RECORD_BYTES_MAX_DEFAULT = 16 << 20;
    /** Default {@link #indexIntervalBytes()}: 4 KiB. */
    public static final int INDEX_INTERVAL_BYTES_DEFAULT = 4096;

    private final FsyncPolicy fsyncPolicy;
    private final int segmentBytesMax;
    private final int recordBytesMax;
    private final int indexIntervalBytes;

    /** The defaults: {@link FsyncPolicy#GROUP}, 64 MiB segments, 16 MiB records, an index entry per 4 KiB. */
    public FileDepotLogContext() {
        this(FsyncPolicy.GROUP, SEGMENT_BYTES_MAX_DEFAULT, RECORD_BYTES_MAX_DEFAULT, INDEX_INTERVAL_BYTES_DEFAULT);
    }

    private FileDepotLogContext(FsyncPolicy fsyncPolicy, int segmentBytesMax, int recordBytesMax,
            int indexIntervalBytes) {
        this.fsyncPolicy = fsyncPolicy;
        this.segmentBytesMax = segmentBytesMax;
        this.recordBytesMax = recordBytesMax;
        this.indexIntervalBytes = indexIntervalBytes;
    }

    /** When appends are forced to stable storage. */
    public FsyncPolicy fsyncPolicy() {
        return fsyncPolicy;
    }

    /**
     * The size at which a segment rolls: an append that would take the newest segment past it
     * starts a new segment first, unless the newest segment is empty (so a segment exceeds it only
     * by holding one record larger than it).
     */
    public int segmentBytesMax() {
        return segmentBytesMax;
    }

    /** The largest encoded record accepted; a larger one is refused and nothing is written. */
    public int recordBytesMax() {
        return recordBytesMax;
    }

    /**
     * The spacing of the sparse offset index: a segment gets an entry for its first record and
     * then for the first record starting at least this many bytes after the previous entry; a read
     * seeks to the entry at or before its first offset and walks forward at most about this far.
     */
    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public FileDepotLogContext withFsyncPolicy(FsyncPolicy policy) {
        return new FileDepotLogContext(policy, segmentBytesMax, recordBytesMax, indexIntervalBytes);
    }

    public FileDepotLogContext withSegmentBytesMax(int bytes) {
        return new FileDepotLogContext(fsyncPolicy, bytes, recordBytesMax, indexIntervalBytes);
    }

    public FileDepotLogContext withRecordBytesMax(int bytes) {
        return new FileDepotLogContext(fsyncPolicy, segmentBytesMax, bytes, indexIntervalBytes);
    }

    public FileDepotLogContext withIndexIntervalBytes(int bytes) {
        return new FileDepotLogContext(fsyncPolicy, segmentBytesMax, recordBytesMax, bytes);
    }

    /** Fails with a message naming the setting unless the settings fit together. */
    void validate() {
        if (fsyncPolicy == null) {
            throw new IllegalArgumentException("FileDepotLogContext: fsyncPolicy is null");
        }
        if (segmentBytesMax < LogSegment.HEADER_BYTES + LogSegment.FRAME_HEADER_BYTES) {
            throw new IllegalArgumentException("FileDepotLogContext: segmentBytesMax " + segmentBytesMax
                    + " is below the smallest segment (" + (LogSegment.HEADER_BYTES + LogSegment.FRAME_HEADER_BYTES)
                    + " bytes)");
        }
        if (recordBytesMax < 0) {
            throw new IllegalArgumentException("FileDepotLogContext: recordBytesMax " + recordBytesMax + " is negative");
        }
        // positions in a segment are ints: the largest segment is a full one plus one largest record
        if ((long) segmentBytesMax + recordBytesMax + LogSegment.FRAME_HEADER_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("FileDepotLogContext: segmentBytesMax " + segmentBytesMax
                    + " + recordBytesMax " + recordBytesMax + " must stay below 2 GiB");
        }
        if (indexIntervalBytes < 1) {
            throw new IllegalArgumentException("FileDepotLogContext: indexIntervalBytes " + indexIntervalBytes
                    + " must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "FileDepotLogContext{fsyncPolicy=" + fsyncPolicy + ", segmentBytesMax=" + segmentBytesMax
                + ", recordBytesMax=" + recordBytesMax + ", indexIntervalBytes=" + indexIntervalBytes + "}";
    }
}
