package dev.floe.store;

import dev.floe.runtime.Codec;
import dev.floe.runtime.JavaCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the depot log tests share: a codec, and reading and damaging the files behind a log. */
final class DepotLogFiles {
    private DepotLogFiles() {}

    static final Codec CODEC = new JavaCodec(List.of(), DepotLogFiles.class.getClassLoader());

    /** A context with small segments and a dense index, so a few records span several segments. */
    static FileDepotLogContext small(FsyncPolicy policy, int segmentBytesMax) {
        return new FileDepotLogContext().withFsyncPolicy(policy).withSegmentBytesMax(segmentBytesMax)
                .withRecordBytesMax(1 << 20).withIndexIntervalBytes(64);
    }

    /** The record written at offset {@code i} of a test log: its offset is in it, and its length varies. */
    static String record(long i) {
        return "record-" + i + "-" + "x".repeat((int) (i * 7 % 53));
    }

    static List<Path> segments(Path dir) {
        return files(dir, LogSegment.SEGMENT_SUFFIX);
    }

    static List<Path> indexes(Path dir) {
        return files(dir, LogSegment.INDEX_SUFFIX);
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame of a segment as written: where it starts and how long it is. */
    record Frame(long offset, long position, int bytes) {
        long end() {
            return position + bytes;
        }
    }

    /** The frames of a segment file, read by following the length fields (no checks). */
    static List<Frame> frames(Path segment) {
        byte[] b = bytes(segment);
        long base = LogSegment.parseBaseOffset(segment.getFileName().toString(), LogSegment.SEGMENT_SUFFIX);
        List<Frame> out = new ArrayList<>();
        int p = LogSegment.HEADER_BYTES;
        while (p + LogSegment.FRAME_HEADER_BYTES <= b.length) {
            int len = ByteBuffer.wrap(b).getInt(p);
            if (len < 0 || p + LogSegment.FRAME_HEADER_BYTES + len > b.length) {
                break;
            }
            out.add(new Frame(base + out.size(), p, LogSegment.FRAME_HEADER_BYTES + len));
            p += LogSegment.FRAME_HEADER_BYTES + len;
        }
        return out;
    }

    static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, byte[] b) {
        try {
            Files.write(f, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void truncate(Path f, long length) {
        byte[] b = bytes(f);
        write(f, java.util.Arrays.copyOf(b, (int) length));
    }

    static void flip(Path f, long position, int mask) {
        byte[] b = bytes(f);
        b[(int) position] ^= (byte) mask;
        write(f, b);
    }

    static void appendBytes(Path f, byte[] extra) {
        byte[] b = bytes(f);
        byte[] out = java.util.Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, out, b.length, extra.length);
        write(f, out);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
