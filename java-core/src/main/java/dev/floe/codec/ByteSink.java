package dev.floe.codec;

import java.util.Arrays;

/** A growable byte array that encoders append to. Not thread-safe; one per encode call. */
final class ByteSink {
    private static final int SIZE_MAX = Integer.MAX_VALUE - 16;

    byte[] buf;
    int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
        int need = size + more;
        if (more < 0 || need < 0 || need > SIZE_MAX) {
            throw new CodecException("the encoded value would be larger than 2 GiB");
        }
        if (need > buf.length) {
            int grown = buf.length < SIZE_MAX / 2 ? buf.length * 2 : SIZE_MAX;
            buf = Arrays.copyOf(buf, Math.max(grown, need));
        }
    }

    void write(int b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** An unsigned LEB128 varint of a non-negative int. */
    void writeVarint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** An unsigned LEB128 varint of a long read as unsigned. */
    void writeVarlong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void writeZigzag(long v) {
        writeVarlong((v << 1) ^ (v >> 63));
    }

    void writeShortBE(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void writeIntBE(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void writeLongBE(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
