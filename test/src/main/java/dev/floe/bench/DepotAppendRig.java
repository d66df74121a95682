package dev.floe.bench;

import dev.floe.codec.FloeCodec;
import dev.floe.store.FileDepotLog;
import dev.floe.store.FileDepotLogContext;
import dev.floe.store.FsyncPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Both sides of B1's storage rows: {@code partitions} depot partitions written by one thread, a
 * batch of records to one partition and then one sync, round robin over the partitions.
 *
 * <ul>
 *   <li><b>Floe</b>: a {@link FileDepotLog} per partition under a {@link FsyncPolicy}; each record is
 *       a {@code byte[]} that Floe's codec encodes into exactly {@link #recordBytes} bytes, appended
 *       with {@link FileDepotLog#append}, and each batch ends with {@link FileDepotLog#sync()}
 *       (which forces under {@code GROUP} and does nothing under {@code NEVER}).
 *   <li><b>The limit</b>: a {@code FileChannel} per partition, one {@code write} per record of the
 *       same frame (length, CRC32C of the same encoded bytes, the bytes), and one
 *       {@code force(false)} per batch when the policy forces (what the log's sync does).
 * </ul>
 *
 * Every run writes into new files in a directory of its own, deleted after closing (outside what
 * is measured), so dirty pages of one run are not written back during another. Both sides write
 * the same frames, byte for byte, in the same order (a Floe segment file starts with a
 * {@value #SEGMENT_HEADER_BYTES}-byte header); {@link Run} tells what each run wrote.
 */
final class DepotAppendRig {
    /** Distinct records cycled through (fixed seed). */
    static final int DISTINCT_RECORDS = 1024;
    /** Floe's segment header (LogSegment.HEADER_BYTES): a segment file is it plus the frames. */
    static final int SEGMENT_HEADER_BYTES = 24;
    /** length + checksum, as both sides frame a record. */
    static final int FRAME_HEADER_BYTES = 8;

    final int partitions;
    /** The encoded size of a record: what a frame's payload holds. */
    final int recordBytes;
    final FsyncPolicy policy;
    private final Path dir;
    private final byte[][] records;
    private final byte[][] encoded;
    private int runs;

    /** What one run did. */
    record Run(long records, long batches, long syncs, long[] perPartition, long payloadBytes) {}

    /**
     * @param dir         where runs make their directories (must exist)
     * @param recordBytes the encoded size of a record (Floe's codec frames a {@code byte[]}: the
     *                    raw array is a few bytes shorter)
     */
    DepotAppendRig(Path dir, int partitions, int recordBytes, FsyncPolicy policy) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        if (policy == FsyncPolicy.EVERY_APPEND) {
            throw new IllegalArgumentException("B1's storage rows run NEVER and GROUP (a sync per batch), not " + policy);
        }
        this.dir = dir;
        this.partitions = partitions;
        this.recordBytes = recordBytes;
        this.policy = policy;
        FloeCodec codec = new FloeCodec();
        int raw = rawLengthFor(codec, recordBytes);
        SplittableRandom random = new SplittableRandom(42);
        this.records = new byte[DISTINCT_RECORDS][];
        this.encoded = new byte[DISTINCT_RECORDS][];
        for (int i = 0; i < DISTINCT_RECORDS; i++) {
            byte[] r = new byte[raw];
            for (int j = 0; j < raw; j++) {
                r[j] = (byte) random.nextInt(256);
            }
            records[i] = r;
            encoded[i] = codec.encode(r);
            if (encoded[i].length != recordBytes) {
                throw new IllegalStateException("a record of " + raw + " bytes encodes to " + encoded[i].length
                        + " bytes, not " + recordBytes);
            }
        }
    }

    /** The length of a {@code byte[]} that Floe's codec encodes into {@code encodedBytes} bytes. */
    static int rawLengthFor(FloeCodec codec, int encodedBytes) {
        for (int n = encodedBytes; n >= 0; n--) {
            int len = codec.encode(new byte[n]).length;
            if (len == encodedBytes) {
                return n;
            }
        }
        throw new IllegalArgumentException("no byte[] encodes into exactly " + encodedBytes + " bytes");
    }

    /** The encoded bytes of the {@code i}-th record (what the limit writes, and what Floe's log holds). */
    byte[] encoded(long i) {
        return encoded[(int) (i % DISTINCT_RECORDS)];
    }

    /** The {@code i}-th record as appended to Floe's log. */
    byte[] record(long i) {
        return records[(int) (i % DISTINCT_RECORDS)];
    }

    /**
     * Floe: appends in batches until {@code seconds} have passed (at least one batch per
     * partition); {@code check} (may be null) sees the open logs after the run.
     */
    Run floe(int batch, double seconds, java.util.function.Consumer<List<FileDepotLog>> check) {
        Path runDir = newRunDir("floe");
        FileDepotLogContext context = new FileDepotLogContext().withFsyncPolicy(policy);
        FileDepotLog[] logs = new FileDepotLog[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                logs[p] = FileDepotLog.open(runDir.resolve(Integer.toString(p)), new FloeCodec(), context);
            }
            long[] per = new long[partitions];
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long seq = 0;
            long batches = 0;
            int p = 0;
            do {
                FileDepotLog log = logs[p];
                for (int i = 0; i < batch; i++) {
                    log.append(record(seq++));
                }
                log.sync();
                per[p] += batch;
                batches++;
                p = p + 1 == partitions ? 0 : p + 1;
            } while (batches < partitions || System.nanoTime() < deadline);
            if (check != null) {
                check.accept(Arrays.asList(logs));
            }
            return new Run(seq, batches, policy == FsyncPolicy.GROUP ? batches : 0, per, seq * recordBytes);
        } finally {
            for (FileDepotLog l : logs) {
                if (l != null) {
                    l.close();
                }
            }
            delete(runDir);
        }
    }

    /**
     * The limit: per partition a {@code FileChannel}, one write per framed record, one
     * {@code force(false)} per batch when the policy forces. {@code check} (may be null) sees the
     * partition files after the run, before they are deleted.
     */
    Run limit(int batch, double seconds, java.util.function.Consumer<List<Path>> check) {
        Path runDir = newRunDir("limit");
        FileChannel[] channels = new FileChannel[partitions];
        Path[] files = new Path[partitions];
        boolean force = policy == FsyncPolicy.GROUP;
        try {
            for (int p = 0; p < partitions; p++) {
                files[p] = runDir.resolve(p + ".log");
                channels[p] = FileChannel.open(files[p], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_HEADER_BYTES + recordBytes);
            CRC32C crc = new CRC32C();
            long[] per = new long[partitions];
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long seq = 0;
            long batches = 0;
            int p = 0;
            do {
                FileChannel ch = channels[p];
                for (int i = 0; i < batch; i++) {
                    byte[] payload = encoded(seq++);
                    // Floe's checksum: CRC32C of the length's 4 bytes and the payload, xor the offset
                    int len = payload.length;
                    crc.reset();
                    crc.update(len >>> 24);
                    crc.update(len >>> 16);
                    crc.update(len >>> 8);
                    crc.update(len);
                    crc.update(payload);
                    frame.clear();
                    frame.putInt(payload.length).putInt((int) crc.getValue() ^ (int) per[p]).put(payload).flip();
                    while (frame.hasRemaining()) {
                        ch.write(frame);
                    }
                    per[p]++;
                }
                if (force) {
                    ch.force(false);
                }
                batches++;
                p = p + 1 == partitions ? 0 : p + 1;
            } while (batches < partitions || System.nanoTime() < deadline);
            if (check != null) {
                check.accept(Arrays.asList(files));
            }
            return new Run(seq, batches, force ? batches : 0, per, seq * recordBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the B1 limit failed in " + runDir + ": " + e, e);
        } finally {
            for (FileChannel ch : channels) {
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            delete(runDir);
        }
    }

    private Path newRunDir(String side) {
        Path d = dir.resolve(side + "-" + (runs++));
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + d, e);
        }
        return d;
    }

    /** Deletes a directory tree (files this rig made). */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
