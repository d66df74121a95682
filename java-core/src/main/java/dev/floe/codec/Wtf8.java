package dev.floe.codec;

import java.nio.charset.StandardCharsets;

/**
 * Strings as a varint byte length and WTF-8: UTF-8, except that a surrogate not part of a pair is
 * written as its own three-byte sequence, so every Java string round trips (the JDK's UTF-8 would
 * replace it with '?'). Decoding is strict: overlong forms, stray continuation bytes, code points
 * above U+10FFFF and a surrogate pair written as two three-byte sequences are rejected.
 */
final class Wtf8 {
    private Wtf8() {}

    static void write(ByteSink out, String s) {
        int n = s.length();
        int ascii = 0;
        while (ascii < n && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        int len = ascii == n ? n : ascii + length(s, ascii);
        out.writeVarint(len);
        out.ensure(len);
        byte[] b = out.buf;
        int p = out.size;
        for (int i = 0; i < ascii; i++) {
            b[p++] = (byte) s.charAt(i);
        }
        for (int i = ascii; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >>> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >>> 18));
                b[p++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >>> 12));
                b[p++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.size = p;
    }

    private static int length(String s, int from) {
        long len = 0;
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        if (len + from > Integer.MAX_VALUE - 16) {
            throw new CodecException("cannot encode a string of more than 2 GiB in UTF-8");
        }
        return (int) len;
    }

    static String read(ByteSource in, String what) {
        int len = in.readCount(what + " length", 1, Integer.MAX_VALUE);
        byte[] b = in.buf;
        int start = in.pos;
        int end = start + len;
        int i = start;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            in.pos = end;
            return new String(b, start, len, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[len];
        int n = 0;
        for (int j = start; j < i; j++) {
            chars[n++] = (char) b[j];
        }
        boolean prevHighFrom3 = false;
        while (i < end) {
            int at = i;
            int b0 = b[i++] & 0xFF;
            if (b0 < 0x80) {
                chars[n++] = (char) b0;
                prevHighFrom3 = false;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                int b1 = cont(in, b, i++, end, at, what);
                chars[n++] = (char) (((b0 & 0x1F) << 6) | b1);
                prevHighFrom3 = false;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                int b1 = cont(in, b, i++, end, at, what);
                int b2 = cont(in, b, i++, end, at, what);
                char c = (char) (((b0 & 0x0F) << 12) | (b1 << 6) | b2);
                if (c < 0x800) {
                    throw in.errorAt(at, "overlong UTF-8 sequence in a " + what);
                }
                if (prevHighFrom3 && Character.isLowSurrogate(c)) {
                    throw in.errorAt(at, "a surrogate pair written as two 3-byte sequences in a " + what);
                }
                chars[n++] = c;
                prevHighFrom3 = Character.isHighSurrogate(c);
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                int b1 = cont(in, b, i++, end, at, what);
                int b2 = cont(in, b, i++, end, at, what);
                int b3 = cont(in, b, i++, end, at, what);
                int cp = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    throw in.errorAt(at, "invalid code point in a " + what);
                }
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                prevHighFrom3 = false;
            } else {
                throw in.errorAt(at, String.format("invalid UTF-8 lead byte 0x%02x in a %s", b0, what));
            }
        }
        in.pos = end;
        return new String(chars, 0, n);
    }

    private static int cont(ByteSource in, byte[] b, int i, int end, int at, String what) {
        if (i >= end) {
            throw in.errorAt(at, "UTF-8 sequence cut off at the end of a " + what);
        }
        int c = b[i] & 0xFF;
        if ((c & 0xC0) != 0x80) {
            throw in.errorAt(i, "invalid UTF-8 continuation byte in a " + what);
        }
        return c & 0x3F;
    }
}
