package dev.floe.codec;

import clojure.lang.BigInt;
import clojure.lang.ITransientCollection;
import clojure.lang.Keyword;
import clojure.lang.PersistentVector;
import clojure.lang.Ratio;
import clojure.lang.Symbol;
import dev.floe.store.KeyOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The order-preserving encoding of keys of sorted structures: for keys {@code a} and {@code b},
 * {@code Arrays.compareUnsigned(encode(a), encode(b))} has the sign of
 * {@code KeyOrder.INSTANCE.compare(a, b)}, and keys that {@link KeyOrder} calls equal (an Integer 1
 * and a Long 1, 1.0 and 1, {@code 0.10M} and {@code 0.1M}) have the same bytes. No encoding is a
 * prefix of another, so encodings concatenate (a storage key made of a prefix and then a key keeps
 * the order of the keys).
 *
 * <p><b>Layout</b> (one tag byte, ordered as {@link KeyOrder} orders types, then a body):
 * nil, false, true; numbers (−∞, negative, zero, positive, +∞) by exact value; characters;
 * strings; keywords and symbols (namespace-less first, then by namespace, then name); UUIDs as
 * unsigned 128-bit numbers; lists, element by element, with an end byte below every tag so a
 * prefix comes first; then {@link Instant}, {@link LocalDate}, {@link LocalDateTime} and
 * {@link Duration}, by class name and then value. See {@code docs/codec.md}.
 *
 * <p><b>Numbers</b> are encoded by exact value, whatever their class, so the type does not round
 * trip. {@link #decode} returns a canonical type: an integral value is a {@code Long} when it
 * fits, else a {@link BigInteger}; an infinity, or a non-integral value exactly representable as a
 * double, is a {@code Double}; any other value with a finite decimal expansion is a
 * {@link BigDecimal} (with no trailing zeros); the rest is a {@link Ratio}. The decoded key
 * compares equal to the original under {@link KeyOrder}, with one exception: a Ratio whose value
 * is exactly a non-integral double decodes as that Double, and KeyOrder compares a Ratio with a
 * double through {@code Ratio.doubleValue()}, a 16-digit approximation that may differ (1/2²³).
 *
 * <p><b>Where KeyOrder is not a total order, the bytes follow exact values.</b> KeyOrder compares a
 * double with another number by converting the other to a double, so a Long 2⁵³+1 and a Double
 * 2⁵³ compare equal while the Longs 2⁵³+1 and 2⁵³ do not; such a relation has no byte encoding.
 * The encoding orders every number by its exact value, which agrees with KeyOrder for every pair
 * where KeyOrder is consistent: numbers without doubles and floats (KeyOrder throws for a Ratio
 * without a finite decimal against a BigDecimal), and any number compared with a double when the
 * number is exactly a double (a Ratio also needs at most 16 significant decimal digits).
 *
 * <p><b>Refused</b> with a {@link CodecException}: NaN (KeyOrder compares it equal to every number);
 * a {@code Number} of another class (KeyOrder compares it through {@code longValue()}, which may
 * lose the value); a BigInteger, BigDecimal or Ratio whose exact value needs more than 65,536 bits
 * of numerator and denominator; lists nested deeper than 256 or longer than 65,536; and every other class, which
 * KeyOrder groups by class name and orders by {@code compareTo}, something bytes cannot follow in
 * general.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyCodec {
    private KeyCodec() {}

    static final int LIST_END = 0x01;
    static final int K_NULL = 0x02;
    static final int K_FALSE = 0x03;
    static final int K_TRUE = 0x04;
    static final int K_NEG_INF = 0x10;
    static final int K_NEG = 0x11;
    static final int K_ZERO = 0x12;
    static final int K_POS = 0x13;
    static final int K_POS_INF = 0x14;
    static final int K_CHAR = 0x20;
    static final int K_STRING = 0x21;
    static final int K_KEYWORD = 0x22;
    static final int K_SYMBOL = 0x23;
    static final int K_UUID = 0x24;
    static final int K_LIST = 0x25;
    static final int K_OTHER = 0x30;

    static final int NS_NONE = 0x01;
    static final int NS_SOME = 0x02;

    /** How deeply lists may nest inside a key. */
    public static final int DEPTH_MAX = 256;
    /** The most elements of one list inside a key. */
    public static final int LIST_SIZE_MAX = 1 << 16;
    /** The most bits of numerator plus denominator of a number's exact value (in lowest terms). */
    public static final int NUMBER_BITS_MAX = 1 << 16;

    /** Mantissa bits after the leading one that are written in 7-bit groups before a residual. */
    private static final int MANTISSA_GROUPS = 9;
    private static final int CF_LONG_HEADER = 0xF1;
    private static final int CF_SHORT_MAX = 0xF0;
    private static final int CF_END = 0xFF;

    private static final String DURATION = "java.time.Duration";
    private static final String INSTANT = "java.time.Instant";
    private static final String LOCAL_DATE = "java.time.LocalDate";
    private static final String LOCAL_DATE_TIME = "java.time.LocalDateTime";
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    /** The bytes of a key. */
    public static byte[] encode(Object key) {
        ByteSink out = new ByteSink(16);
        write(out, key, 0);
        return out.toByteArray();
    }

    /** The key of bytes written by {@link #encode}, equal to the original under {@link KeyOrder}. */
    public static Object decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("cannot decode null key bytes", 0, null);
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The key encoded in {@code bytes[offset, offset + length)} (after a storage prefix, say);
     * error offsets are positions in {@code bytes}.
     */
    public static Object decode(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length + ") of " + bytes.length + " bytes");
        }
        ByteSource in = new ByteSource(bytes, offset, offset + length);
        Object k;
        try {
            k = read(in, 0);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.errorAt(in.pos, "cannot decode a key: " + e, e);
        }
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes left over after the key");
        }
        return k;
    }

    /**
     * The length of the key encoding that starts at {@code offset} in {@code bytes} (the bytes may
     * go on after it: encodings are prefix-free, so the first complete key is the one).
     */
    public static int encodedLength(byte[] bytes, int offset) {
        ByteSource in = new ByteSource(bytes, offset, bytes.length);
        try {
            read(in, 0);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.errorAt(in.pos, "cannot read a key: " + e, e);
        }
        return in.pos - offset;
    }

    /** Unsigned lexicographic comparison of encoded keys: the order of the keys. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding

    private static void write(ByteSink out, Object k, int depth) {
        if (k == null) {
            out.write(K_NULL);
        } else if (k instanceof String) {
            out.write(K_STRING);
            writeString(out, (String) k);
        } else if (k instanceof Long || k instanceof Integer || k instanceof Short || k instanceof Byte) {
            writeLong(out, ((Number) k).longValue());
        } else if (k instanceof Boolean) {
            out.write((Boolean) k ? K_TRUE : K_FALSE);
        } else if (k instanceof Number) {
            writeNumber(out, (Number) k);
        } else if (k instanceof Character) {
            out.write(K_CHAR);
            out.writeShortBE((Character) k);
        } else if (k instanceof Keyword) {
            out.write(K_KEYWORD);
            writeNamed(out, ((Keyword) k).getNamespace(), ((Keyword) k).getName());
        } else if (k instanceof Symbol) {
            out.write(K_SYMBOL);
            writeNamed(out, ((Symbol) k).getNamespace(), ((Symbol) k).getName());
        } else if (k instanceof UUID) {
            out.write(K_UUID);
            out.writeLongBE(((UUID) k).getMostSignificantBits());
            out.writeLongBE(((UUID) k).getLeastSignificantBits());
        } else if (k instanceof List) {
            if (depth >= DEPTH_MAX) {
                throw new CodecException("cannot encode a key with lists nested deeper than " + DEPTH_MAX + " levels");
            }
            out.write(K_LIST);
            int i = 0;
            for (Object x : (List<?>) k) {
                if (i == LIST_SIZE_MAX) {
                    throw new CodecException("cannot encode a key list of more than " + LIST_SIZE_MAX + " elements");
                }
                try {
                    write(out, x, depth + 1);
                } catch (CodecException e) {
                    throw e.within("element " + i + " of a key list");
                }
                i++;
            }
            out.write(LIST_END);
        } else {
            writeOther(out, k);
        }
    }

    private static void writeOther(ByteSink out, Object k) {
        Class<?> c = k.getClass();
        if (c == Instant.class) {
            beginOther(out, INSTANT);
            out.writeLongBE(((Instant) k).getEpochSecond() ^ Long.MIN_VALUE);
            out.writeIntBE(((Instant) k).getNano());
        } else if (c == Duration.class) {
            beginOther(out, DURATION);
            out.writeLongBE(((Duration) k).getSeconds() ^ Long.MIN_VALUE);
            out.writeIntBE(((Duration) k).getNano());
        } else if (c == LocalDate.class) {
            beginOther(out, LOCAL_DATE);
            out.writeLongBE(((LocalDate) k).toEpochDay() ^ Long.MIN_VALUE);
        } else if (c == LocalDateTime.class) {
            beginOther(out, LOCAL_DATE_TIME);
            out.writeLongBE(((LocalDateTime) k).toLocalDate().toEpochDay() ^ Long.MIN_VALUE);
            out.writeLongBE(((LocalDateTime) k).toLocalTime().toNanoOfDay());
        } else if (!(k instanceof Comparable)) {
            throw new CodecException("a " + c.getName() + " cannot be a key of a sorted structure: it is not Comparable");
        } else {
            throw new CodecException("cannot encode a key of class " + c.getName() + " order-preservingly: KeyOrder puts"
                    + " such keys after all others, grouped by class name and ordered by compareTo, which no byte encoding"
                    + " can follow in general; use a string, number, keyword, symbol, UUID, character, boolean, nil,"
                    + " java.time Instant, LocalDate, LocalDateTime or Duration, or a list of those");
        }
    }

    private static void beginOther(ByteSink out, String className) {
        out.write(K_OTHER);
        writeString(out, className);
    }

    private static void writeNamed(ByteSink out, String ns, String name) {
        if (ns == null) {
            out.write(NS_NONE);
        } else {
            out.write(NS_SOME);
            writeString(out, ns);
        }
        writeString(out, name);
    }

    /**
     * Each UTF-16 code unit on its own in one to three bytes (UTF-8's forms, applied to code
     * units, so surrogates sort below U+E000 as they do in UTF-16), U+0000 as 00 FF, then 00 01.
     */
    private static void writeString(ByteSink out, String s) {
        int n = s.length();
        out.ensure(n + 2);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out.write(0x00);
                out.write(0xFF);
            } else if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >>> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >>> 12));
                out.write(0x80 | ((c >>> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        out.write(0x00);
        out.write(0x01);
    }

    private static void writeNumber(ByteSink out, Number n) {
        if (n instanceof Double || n instanceof Float) {
            writeDouble(out, n.doubleValue());
        } else if (n instanceof BigInteger) {
            writeRational(out, (BigInteger) n, BigInteger.ONE);
        } else if (n instanceof BigInt) {
            writeRational(out, ((BigInt) n).toBigInteger(), BigInteger.ONE);
        } else if (n instanceof BigDecimal) {
            writeBigDecimal(out, (BigDecimal) n);
        } else if (n instanceof Ratio) {
            writeRational(out, ((Ratio) n).numerator, ((Ratio) n).denominator);
        } else {
            throw new CodecException("cannot encode a key of class " + n.getClass().getName()
                    + ": KeyOrder compares such a number through its long value; use a Long, Integer, Short, Byte,"
                    + " Double, Float, BigInteger, BigDecimal, clojure.lang.BigInt or clojure.lang.Ratio");
        }
    }

    private static void writeLong(ByteSink out, long v) {
        if (v == 0) {
            out.write(K_ZERO);
            return;
        }
        int mask = v < 0 ? 0xFF : 0;
        long u = v < 0 ? -v : v; // unsigned: -Long.MIN_VALUE is 2^63
        out.write(v < 0 ? K_NEG : K_POS);
        int e = 63 - Long.numberOfLeadingZeros(u);
        long m = e == 0 ? 0 : (u << (64 - e)) >>> 1;
        writeExponent(out, e, mask);
        writeMantissa(out, m, false, mask);
    }

    private static void writeDouble(ByteSink out, double d) {
        if (Double.isNaN(d)) {
            throw new CodecException("NaN cannot be a key: KeyOrder compares it equal to every number");
        }
        if (d == 0) {
            out.write(K_ZERO);
            return;
        }
        if (Double.isInfinite(d)) {
            out.write(d > 0 ? K_POS_INF : K_NEG_INF);
            return;
        }
        int mask = d < 0 ? 0xFF : 0;
        out.write(d < 0 ? K_NEG : K_POS);
        long bits = Double.doubleToRawLongBits(Math.abs(d));
        int biased = (int) (bits >>> 52);
        long frac = bits & ((1L << 52) - 1);
        int e;
        long m;
        if (biased == 0) {
            int lead = 63 - Long.numberOfLeadingZeros(frac);
            e = lead - 1074;
            m = lead == 0 ? 0 : (frac << (64 - lead)) >>> 1;
        } else {
            e = biased - 1023;
            m = frac << 11;
        }
        writeExponent(out, e, mask);
        writeMantissa(out, m, false, mask);
    }

    private static void writeBigDecimal(ByteSink out, BigDecimal d) {
        if (d.signum() == 0) {
            out.write(K_ZERO);
            return;
        }
        if (d.unscaledValue().bitLength() > 64 * NUMBER_BITS_MAX) {
            throw tooLarge(d);
        }
        BigDecimal s = d.stripTrailingZeros();
        // refusals of values certainly too large, before arithmetic on them: in lowest terms the
        // denominator has more than `scale` bits, the numerator at least bits - 3.33 * scale
        long scale = s.scale();
        long bits = s.unscaledValue().bitLength();
        if (scale >= NUMBER_BITS_MAX || -scale > NUMBER_BITS_MAX / 3 || bits > NUMBER_BITS_MAX + 3 * Math.max(0, scale)) {
            throw tooLarge(d);
        }
        if (scale <= 0) {
            writeRational(out, s.unscaledValue().multiply(BigInteger.TEN.pow((int) -scale)), BigInteger.ONE);
        } else {
            writeRational(out, s.unscaledValue(), BigInteger.TEN.pow((int) scale));
        }
    }

    private static CodecException tooLarge(Object n) {
        String s = n.toString();
        return new CodecException("cannot encode the number " + (s.length() > 40 ? s.substring(0, 37) + "…" : s)
                + " as a key: its exact value needs more than " + NUMBER_BITS_MAX + " bits");
    }

    /** The exact value n/d (d ≠ 0). */
    private static void writeRational(ByteSink out, BigInteger n, BigInteger d) {
        if (d.signum() == 0) {
            throw new CodecException("cannot encode a ratio with denominator 0 as a key");
        }
        if (n.signum() == 0) {
            out.write(K_ZERO);
            return;
        }
        boolean negative = n.signum() != d.signum();
        n = n.abs();
        d = d.abs();
        if (d.equals(BigInteger.ONE) && n.bitLength() <= 64) {
            long u = n.longValue();
            int mask = negative ? 0xFF : 0;
            out.write(negative ? K_NEG : K_POS);
            int e = 63 - Long.numberOfLeadingZeros(u);
            writeExponent(out, e, mask);
            writeMantissa(out, e == 0 ? 0 : (u << (64 - e)) >>> 1, false, mask);
            return;
        }
        if ((long) n.bitLength() + d.bitLength() > 16L * NUMBER_BITS_MAX) {
            throw tooLarge(n + "/" + d);
        }
        BigInteger g = n.gcd(d);
        if (!g.equals(BigInteger.ONE)) {
            n = n.divide(g);
            d = d.divide(g);
        }
        if (n.bitLength() + d.bitLength() > NUMBER_BITS_MAX) {
            throw tooLarge(d.equals(BigInteger.ONE) ? n : n + "/" + d);
        }
        int mask = negative ? 0xFF : 0;
        out.write(negative ? K_NEG : K_POS);
        // e = floor(log2(n/d))
        int e = n.bitLength() - d.bitLength();
        if ((e >= 0 ? n.compareTo(d.shiftLeft(e)) : n.shiftLeft(-e).compareTo(d)) < 0) {
            e--;
        }
        int k = 63 - e;
        BigInteger num = k >= 0 ? n.shiftLeft(k) : n;
        BigInteger den = k >= 0 ? d : d.shiftLeft(-k);
        BigInteger[] qr = num.divideAndRemainder(den);
        long m = qr[0].longValue() & Long.MAX_VALUE;
        writeExponent(out, e, mask);
        if (qr[1].signum() == 0) {
            writeMantissa(out, m, false, mask);
        } else {
            writeMantissa(out, m, true, mask);
            writeContinuedFraction(out, qr[1], den, mask);
        }
    }

    /**
     * The binary exponent: −64…63 in one byte 0x40…0xBF; above, 0xC0+n then n bytes of e−64;
     * below, 0x40−n then n bytes of the complement of −65−e.
     */
    private static void writeExponent(ByteSink out, long e, int mask) {
        if (e >= -64 && e <= 63) {
            out.write((int) (0x80 + e) ^ mask);
        } else if (e > 63) {
            long w = e - 64;
            int n = byteLength(w);
            out.write((0xC0 + n) ^ mask);
            writeBytes(out, w, n, mask);
        } else {
            long w = -65 - e;
            int n = byteLength(w);
            out.write((0x40 - n) ^ mask);
            writeBytes(out, ~w, n, mask);
        }
    }

    private static int byteLength(long w) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(w) + 7) / 8);
    }

    private static void writeBytes(ByteSink out, long w, int n, int mask) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (w >>> (8 * i)) & 0xFF ^ mask);
        }
    }

    /**
     * The 63 mantissa bits after the leading one, seven to a byte (bits shifted left one) with the
     * low bit set when more follows: trailing zero bits dropped (a single 0x00 for none); or all
     * nine groups, every one marked "more", when a residual follows.
     */
    private static void writeMantissa(ByteSink out, long m, boolean residual, int mask) {
        int groups;
        if (residual) {
            groups = MANTISSA_GROUPS;
        } else if (m == 0) {
            out.write(mask);
            return;
        } else {
            groups = (63 - Long.numberOfTrailingZeros(m) + 6) / 7;
        }
        for (int g = 0; g < groups; g++) {
            int data = (int) ((m >>> (56 - 7 * g)) & 0x7F);
            int more = residual || g < groups - 1 ? 1 : 0;
            out.write(((data << 1) | more) ^ mask);
        }
    }

    /**
     * The residual r = p/q in (0, 1) as its continued fraction [0; a1, a2, …, an] (an ≥ 2), ending
     * with an infinite term: a larger term at an odd position makes r smaller, so those terms are
     * complemented. Each term is a length (1…0xF0, or 0xF1 and two bytes) and its big-endian
     * bytes; the infinite term is 0xFF.
     */
    private static void writeContinuedFraction(ByteSink out, BigInteger p, BigInteger q, int mask) {
        int position = 1;
        while (true) {
            BigInteger[] qr = q.divideAndRemainder(p);
            writeTerm(out, qr[0], mask ^ ((position & 1) == 1 ? 0xFF : 0));
            if (qr[1].signum() == 0) {
                break;
            }
            q = p;
            p = qr[1];
            position++;
        }
        position++;
        out.write(CF_END ^ mask ^ ((position & 1) == 1 ? 0xFF : 0));
    }

    private static void writeTerm(ByteSink out, BigInteger a, int mask) {
        byte[] b = a.toByteArray();
        int off = b[0] == 0 ? 1 : 0;
        int n = b.length - off;
        if (n <= CF_SHORT_MAX) {
            out.write(n ^ mask);
        } else {
            out.write(CF_LONG_HEADER ^ mask);
            out.write((n >>> 8) ^ mask);
            out.write((n & 0xFF) ^ mask);
        }
        for (int i = off; i < b.length; i++) {
            out.write((b[i] & 0xFF) ^ mask);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding

    private static Object read(ByteSource in, int depth) {
        int at = in.pos;
        int tag = in.readByte();
        switch (tag) {
            case K_NULL:
                return null;
            case K_FALSE:
                return Boolean.FALSE;
            case K_TRUE:
                return Boolean.TRUE;
            case K_NEG_INF:
                return Double.NEGATIVE_INFINITY;
            case K_POS_INF:
                return Double.POSITIVE_INFINITY;
            case K_ZERO:
                return 0L;
            case K_NEG:
            case K_POS:
                return readNumber(in, tag == K_NEG, at);
            case K_CHAR:
                return (char) in.readShortBE();
            case K_STRING:
                return readString(in);
            case K_KEYWORD: {
                String ns = readNamespace(in);
                return Keyword.intern(ns, readString(in));
            }
            case K_SYMBOL: {
                String ns = readNamespace(in);
                return Symbol.intern(ns, readString(in));
            }
            case K_UUID:
                return new UUID(in.readLongBE(), in.readLongBE());
            case K_LIST: {
                if (depth >= DEPTH_MAX) {
                    throw in.errorAt(at, "key lists nested deeper than " + DEPTH_MAX + " levels");
                }
                ITransientCollection t = PersistentVector.EMPTY.asTransient();
                for (int n = 0; ; n++) {
                    if (n > LIST_SIZE_MAX) {
                        throw in.errorAt(at, "a key list of more than " + LIST_SIZE_MAX + " elements");
                    }
                    if (in.remaining() == 0) {
                        throw in.error("truncated input: a key list has no end byte");
                    }
                    if ((in.buf[in.pos] & 0xFF) == LIST_END) {
                        in.pos++;
                        return t.persistent();
                    }
                    t = t.conj(read(in, depth + 1));
                }
            }
            case K_OTHER:
                return readOther(in, at);
            default:
                throw in.errorAt(at, String.format("unknown key tag 0x%02x", tag));
        }
    }

    private static String readNamespace(ByteSource in) {
        int at = in.pos;
        int flag = in.readByte();
        if (flag == NS_NONE) {
            return null;
        }
        if (flag != NS_SOME) {
            throw in.errorAt(at, "invalid namespace marker " + flag);
        }
        return readString(in);
    }

    private static String readString(ByteSource in) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int at = in.pos;
            int b0 = in.readByte();
            if (b0 == 0) {
                int b1 = in.readByte();
                if (b1 == 0x01) {
                    return sb.toString();
                }
                if (b1 != 0xFF) {
                    throw in.errorAt(at, String.format("invalid escape 00 %02x in a key string", b1));
                }
                sb.append('\0');
            } else if (b0 < 0x80) {
                sb.append((char) b0);
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                sb.append((char) (((b0 & 0x1F) << 6) | cont(in, at)));
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                int c = ((b0 & 0x0F) << 12) | (cont(in, at) << 6);
                c |= cont(in, at);
                if (c < 0x800) {
                    throw in.errorAt(at, "overlong code unit in a key string");
                }
                sb.append((char) c);
            } else {
                throw in.errorAt(at, String.format("invalid byte 0x%02x in a key string", b0));
            }
        }
    }

    private static int cont(ByteSource in, int at) {
        int b = in.readByte();
        if ((b & 0xC0) != 0x80) {
            throw in.errorAt(at, "invalid continuation byte in a key string");
        }
        return b & 0x3F;
    }

    private static Object readOther(ByteSource in, int at) {
        String cls = readString(in);
        try {
            switch (cls) {
                case INSTANT: {
                    long s = in.readLongBE() ^ Long.MIN_VALUE;
                    return Instant.ofEpochSecond(s, nanos(in, at));
                }
                case DURATION: {
                    long s = in.readLongBE() ^ Long.MIN_VALUE;
                    return Duration.ofSeconds(s, nanos(in, at));
                }
                case LOCAL_DATE:
                    return LocalDate.ofEpochDay(in.readLongBE() ^ Long.MIN_VALUE);
                case LOCAL_DATE_TIME: {
                    LocalDate d = LocalDate.ofEpochDay(in.readLongBE() ^ Long.MIN_VALUE);
                    long n = in.readLongBE();
                    if (n < 0 || n >= NANOS_PER_DAY) {
                        throw in.errorAt(at, "nano of day " + n + " out of range in a LocalDateTime key");
                    }
                    return LocalDateTime.of(d, LocalTime.ofNanoOfDay(n));
                }
                default:
                    throw in.errorAt(at, "unknown key class " + cls);
            }
        } catch (DateTimeException e) {
            throw in.errorAt(at, "a " + cls + " key out of range: " + e.getMessage(), e);
        }
    }

    private static int nanos(ByteSource in, int at) {
        int n = in.readIntBE();
        if (n < 0 || n > 999_999_999) {
            throw in.errorAt(at, "nanoseconds " + n + " out of range in a key");
        }
        return n;
    }

    private static Object readNumber(ByteSource in, boolean negative, int at) {
        int mask = negative ? 0xFF : 0;
        long e = readExponent(in, mask);
        if (Math.abs(e) > NUMBER_BITS_MAX) {
            throw in.errorAt(at, "number exponent " + e + " out of range");
        }
        long m = 0;
        boolean residual = false;
        for (int g = 0; ; g++) {
            int gAt = in.pos;
            int b = in.readByte() ^ mask;
            int data = b >>> 1;
            m |= (long) data << (56 - 7 * g);
            if ((b & 1) == 0) {
                if (data == 0 && g > 0) {
                    throw in.errorAt(gAt, "non-canonical number: trailing zero mantissa group");
                }
                break;
            }
            if (g == MANTISSA_GROUPS - 1) {
                residual = true;
                break;
            }
        }
        long s = m | Long.MIN_VALUE; // the 64-bit significand, leading one included
        if (!residual) {
            return exactValue(s, e, negative, in, at);
        }
        // (s + p/q) * 2^(e-63)
        BigInteger[] pq = readContinuedFraction(in, mask, at);
        BigInteger n = unsigned(s).multiply(pq[1]).add(pq[0]);
        BigInteger d = pq[1];
        if (e >= 63) {
            n = n.shiftLeft((int) (e - 63));
        } else {
            d = d.shiftLeft((int) (63 - e));
        }
        BigInteger g = n.gcd(d);
        n = n.divide(g);
        d = d.divide(g);
        checkSize(n, d, in, at);
        return canonical(negative ? n.negate() : n, d);
    }

    private static long readExponent(ByteSource in, int mask) {
        int at = in.pos;
        int h = in.readByte() ^ mask;
        if (h >= 0x40 && h <= 0xBF) {
            return h - 0x80;
        }
        if (h >= 0xC1 && h <= 0xC8) {
            int n = h - 0xC0;
            long w = readBytes(in, n, mask, at);
            if (n > 1 && (w >>> (8 * (n - 1))) == 0) {
                throw in.errorAt(at, "non-canonical number exponent");
            }
            return w + 64;
        }
        if (h >= 0x38 && h <= 0x3F) {
            int n = 0x40 - h;
            long w = ~readBytes(in, n, mask, at) & (n == 8 ? -1L : (1L << (8 * n)) - 1);
            if (n > 1 && (w >>> (8 * (n - 1))) == 0) {
                throw in.errorAt(at, "non-canonical number exponent");
            }
            return -65 - w;
        }
        throw in.errorAt(at, String.format("invalid number exponent header 0x%02x", h));
    }

    private static long readBytes(ByteSource in, int n, int mask, int at) {
        long w = 0;
        for (int i = 0; i < n; i++) {
            w = (w << 8) | (in.readByte() ^ mask);
        }
        if (n == 8 && w < 0) {
            throw in.errorAt(at, "number exponent out of range");
        }
        return w;
    }

    /** {p, q}: the residual's continued fraction evaluated, 0 < p/q < 1. */
    private static BigInteger[] readContinuedFraction(ByteSource in, int mask, int at) {
        List<BigInteger> terms = new ArrayList<>();
        long bits = 0;
        for (int position = 1; ; position++) {
            int m = mask ^ ((position & 1) == 1 ? 0xFF : 0);
            int tAt = in.pos;
            int h = in.readByte() ^ m;
            if (h == CF_END) {
                break;
            }
            int n;
            if (h >= 1 && h <= CF_SHORT_MAX) {
                n = h;
            } else if (h == CF_LONG_HEADER) {
                n = ((in.readByte() ^ m) << 8) | (in.readByte() ^ m);
                if (n <= CF_SHORT_MAX) {
                    throw in.errorAt(tAt, "non-canonical continued fraction term length");
                }
            } else {
                throw in.errorAt(tAt, String.format("invalid continued fraction term header 0x%02x", h));
            }
            in.need(n);
            byte[] mag = new byte[n];
            for (int i = 0; i < n; i++) {
                mag[i] = (byte) (in.buf[in.pos + i] ^ m);
            }
            in.pos += n;
            if (mag[0] == 0) {
                throw in.errorAt(tAt, "non-canonical continued fraction term");
            }
            BigInteger a = new BigInteger(1, mag);
            bits += a.bitLength() + 1;
            if (bits > 2L * NUMBER_BITS_MAX) {
                throw in.errorAt(at, "number too large for a key: more than " + NUMBER_BITS_MAX + " bits");
            }
            terms.add(a);
        }
        if (terms.isEmpty()) {
            throw in.errorAt(at, "empty continued fraction in a number");
        }
        if (terms.get(terms.size() - 1).equals(BigInteger.ONE)) {
            throw in.errorAt(at, "non-canonical continued fraction: last term 1");
        }
        BigInteger p = BigInteger.ONE;
        BigInteger q = terms.get(terms.size() - 1);
        for (int i = terms.size() - 2; i >= 0; i--) {
            BigInteger nq = terms.get(i).multiply(q).add(p);
            p = q;
            q = nq;
        }
        return new BigInteger[] {p, q};
    }

    /** The number s × 2^(e−63), s a 64-bit significand with its top bit set. */
    private static Object exactValue(long s, long e, boolean negative, ByteSource in, int at) {
        int tz = Long.numberOfTrailingZeros(s);
        long odd = s >>> tz;
        long e2 = e - 63 + tz; // value = odd × 2^e2, odd odd
        int oddBits = 64 - Long.numberOfLeadingZeros(odd);
        if (e2 >= 0) {
            if (oddBits + e2 <= 63) {
                long v = odd << e2;
                return negative ? -v : v;
            }
            if (negative && odd == 1 && e2 == 63) {
                return Long.MIN_VALUE;
            }
            BigInteger v = unsigned(odd).shiftLeft((int) e2);
            checkSize(v, BigInteger.ONE, in, at);
            return negative ? v.negate() : v;
        }
        if (oddBits <= 53 && e2 >= -1074) {
            double d = Math.scalb((double) odd, (int) e2);
            return negative ? -d : d;
        }
        BigInteger d = BigInteger.ONE.shiftLeft((int) -e2);
        checkSize(unsigned(odd), d, in, at);
        return canonical(negative ? unsigned(odd).negate() : unsigned(odd), d);
    }

    private static void checkSize(BigInteger n, BigInteger d, ByteSource in, int at) {
        if (n.bitLength() + d.bitLength() > NUMBER_BITS_MAX) {
            throw in.errorAt(at, "number too large for a key: more than " + NUMBER_BITS_MAX + " bits");
        }
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.add(TWO_63) : b;
    }

    /** n/d in lowest terms, d > 0, as Long, BigInteger, BigDecimal or Ratio (see the class doc). */
    private static Object canonical(BigInteger n, BigInteger d) {
        if (d.equals(BigInteger.ONE)) {
            return n.bitLength() <= 63 ? (Object) n.longValue() : n;
        }
        int twos = d.getLowestSetBit();
        BigInteger rest = d.shiftRight(twos);
        int fives = 0;
        while (true) {
            BigInteger[] qr = rest.divideAndRemainder(FIVE);
            if (qr[1].signum() != 0) {
                break;
            }
            rest = qr[0];
            fives++;
        }
        if (!rest.equals(BigInteger.ONE)) {
            return new Ratio(n, d);
        }
        int scale = Math.max(twos, fives);
        BigInteger unscaled = n.multiply(BigInteger.TWO.pow(scale - twos)).multiply(FIVE.pow(scale - fives));
        return new BigDecimal(unscaled, scale);
    }
}
