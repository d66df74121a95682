package dev.floe.store;

import java.nio.file.Path;

/**
 * A depot log holds bytes that are not what was written, in a place where dropping them would
 * lose records that were there: a corrupt record followed by valid ones, a damaged sealed
 * segment, a gap between segments, a record whose checksum fails when read. It names the file,
 * the byte position in it and the offset of the first record affected. An operating error that is
 * not retryable: the data must be restored from a replica or the log cut back on purpose
 * ({@link FileDepotLog#discardFrom}).
 */
public class LogCorruptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long position;
    private final long offset;

    public LogCorruptionException(Path file, long position, long offset, String message) {
        super("depot log " + file + ", byte " + position + ", offset " + offset + ": " + message);
        this.file = file;
        this.position = position;
        this.offset = offset;
    }

    /** The file holding the corrupt bytes. */
    public Path file() {
        return file;
    }

    /** The byte position of the corrupt record (or header) in {@link #file()}. */
    public long position() {
        return position;
    }

    /** The offset of the first record affected. */
    public long offset() {
        return offset;
    }
}
