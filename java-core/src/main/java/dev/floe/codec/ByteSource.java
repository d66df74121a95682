package dev.floe.codec;

/**
 * Bytes being decoded, with a read position. Every read checks the remaining length, so truncated
 * input fails with a {@link CodecException} naming the offset, never with an index exception.
 */
final class ByteSource {
    final byte[] buf;
    int pos;
    final int limit;

    ByteSource(byte[] buf) {
        this(buf, 0, buf.length);
    }

    ByteSource(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    int remaining() {
        return limit - pos;
    }

    CodecException error(String what) {
        return new CodecException(what, pos, null);
    }

    CodecException errorAt(int offset, String what) {
        return new CodecException(what, offset, null);
    }

    CodecException errorAt(int offset, String what, Throwable cause) {
        return new CodecException(what, offset, cause);
    }

    private CodecException truncated(int wanted) {
        return error("truncated input: " + wanted + " more byte" + (wanted == 1 ? "" : "s")
                + " expected, " + remaining() + " left");
    }

    void need(int n) {
        if (n < 0 || n > limit - pos) {
            throw truncated(n);
        }
    }

    /** One byte, 0…255. */
    int readByte() {
        if (pos >= limit) {
            throw truncated(1);
        }
        return buf[pos++] & 0xFF;
    }

    int readShortBE() {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int readIntBE() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long readLongBE() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** An unsigned LEB128 varint of at most 10 bytes, as a long read as unsigned. */
    long readVarlong() {
        int start = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw errorAt(start, "malformed varint: more than 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw errorAt(start, "malformed varint: more than 10 bytes");
    }

    long readZigzag() {
        long v = readVarlong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A non-negative int varint (a length, a count, an index). */
    int readVarint(String what) {
        int start = pos;
        long v = readVarlong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw errorAt(start, what + " " + Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /**
     * A count of items each taking at least {@code minBytesEach} bytes: larger than the input
     * could hold, or larger than {@code countMax}, it is rejected before anything is allocated.
     */
    int readCount(String what, int minBytesEach, int countMax) {
        int start = pos;
        int n = readVarint(what);
        if (n > countMax) {
            throw errorAt(start, what + " " + n + " exceeds the limit of " + countMax);
        }
        if ((long) n * minBytesEach > remaining()) {
            throw errorAt(start, what + " " + n + " needs at least " + ((long) n * minBytesEach)
                    + " bytes but only " + remaining() + " are left (oversized length or truncated input)");
        }
        return n;
    }
}
