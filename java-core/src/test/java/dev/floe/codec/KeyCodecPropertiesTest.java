package dev.floe.codec;

import clojure.lang.BigInt;
import clojure.lang.Keyword;
import clojure.lang.PersistentVector;
import clojure.lang.Ratio;
import clojure.lang.Symbol;
import dev.floe.store.KeyOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The law of {@link KeyCodec}: unsigned byte order is {@link KeyOrder}, for keys of every supported
 * type mixed; decoding gives back a key KeyOrder calls equal, and bytes that decode are exactly the
 * encoding of what they decode to (one encoding per key). Where KeyOrder is not a consistent order
 * (a double against a number that is not exactly a double), the bytes follow exact values, checked
 * against an exact rational oracle.
 */
class KeyCodecPropertiesTest {

    // ---------------------------------------------------------------------------------------------
    // Numbers

    /** Small values of every numeric class, so that equal keys of different classes are frequent. */
    static Arbitrary<Number> sameValueManyClasses() {
        return Combinators.combine(Arbitraries.integers().between(-6, 6), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 2)).as((halves, type, scale) -> {
                    boolean integral = halves % 2 == 0;
                    int whole = halves / 2;
                    switch (integral ? type : 4 + type % 4) {
                        case 0: return (Number) whole;
                        case 1: return (Number) (long) whole;
                        case 2: return (Number) (short) whole;
                        case 3: return BigInt.fromBigInteger(BigInteger.valueOf(whole));
                        case 4: return (Number) (halves / 2.0);
                        case 5: return (Number) (float) (halves / 2.0);
                        case 6: return new BigDecimal(halves * 5L).movePointLeft(1).setScale(1 + scale);
                        case 7: return new Ratio(BigInteger.valueOf(halves * (scale + 1L)), BigInteger.valueOf(2L * (scale + 1)));
                        default: return BigInteger.valueOf(whole);
                    }
                });
    }

    /** Numbers that are all exactly doubles: KeyOrder compares any two of them exactly. */
    static Arbitrary<Number> doubleExactNumbers() {
        Arbitrary<Double> finite = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d)),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9007199254740992.0, 0.1, -0.1));
        return Arbitraries.oneOf(
                sameValueManyClasses(),
                finite.map(d -> (Number) d),
                Arbitraries.floats().map(f -> (Number) f),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(l -> (Number) l),
                Arbitraries.integers().map(i -> (Number) i),
                Arbitraries.bytes().map(b -> (Number) b),
                finite.filter(d -> !Double.isInfinite(d)).map(d -> (Number) new BigDecimal(d)),
                finite.filter(d -> !Double.isInfinite(d)).map(d -> (Number) new BigDecimal(Math.rint(d)).toBigIntegerExact()),
                finite.filter(d -> !Double.isInfinite(d)).map(d -> (Number) BigInt.fromBigInteger(new BigDecimal(Math.rint(d)).toBigIntegerExact())),
                // Ratio.doubleValue goes through 16 decimal digits, so keep ratios short
                Combinators.combine(Arbitraries.integers().between(-1000, 1000), Arbitraries.integers().between(0, 10))
                        .as((n, k) -> (Number) new Ratio(BigInteger.valueOf(n), BigInteger.ONE.shiftLeft(k))));
    }

    /** Numbers without doubles or floats: KeyOrder compares any two exactly. */
    static Arbitrary<Number> integerAndDecimalNumbers() {
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(200).negate(), BigInteger.ONE.shiftLeft(200));
        return Arbitraries.oneOf(
                sameValueManyClasses().filter(n -> !(n instanceof Double) && !(n instanceof Float)),
                Arbitraries.longs().map(l -> (Number) l),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 62).map(l -> (Number) l),
                big.map(b -> (Number) b),
                big.map(b -> (Number) BigInt.fromBigInteger(b)),
                Combinators.combine(big, Arbitraries.integers().between(-30, 60)).as((u, s) -> (Number) new BigDecimal(u, s)),
                // terminating ratios: KeyOrder compares a ratio with a BigDecimal through its exact decimal
                Combinators.combine(big, Arbitraries.integers().between(0, 70), Arbitraries.integers().between(0, 30))
                        .as((n, a, b) -> (Number) new Ratio(n, BigInteger.ONE.shiftLeft(a).multiply(BigInteger.valueOf(5).pow(b)))));
    }

    /** Every kind of number, including pairs where KeyOrder is not consistent. */
    static Arbitrary<Number> anyNumbers() {
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(1100).negate(), BigInteger.ONE.shiftLeft(1100));
        return Arbitraries.oneOf(doubleExactNumbers(), integerAndDecimalNumbers(),
                Combinators.combine(big, big.filter(b -> b.signum() > 0)).as((n, d) -> (Number) new Ratio(n, d)),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(1, Long.MAX_VALUE))
                        .as((n, d) -> (Number) new Ratio(BigInteger.valueOf(n), BigInteger.valueOf(d))),
                Arbitraries.longs().between(1L << 53, Long.MAX_VALUE).map(l -> (Number) l),
                Arbitraries.longs().between(1L << 53, 1L << 54).map(l -> (Number) (double) l),
                Combinators.combine(big, Arbitraries.integers().between(-400, 400)).as((u, s) -> (Number) new BigDecimal(u, s)),
                Arbitraries.doubles().map(d -> (Number) new BigDecimal(d).add(new BigDecimal(BigInteger.ONE, 340))));
    }

    /** (numerator, denominator > 0), or null for an infinity. */
    static BigInteger[] exact(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                return null;
            }
            return exact(new BigDecimal(d));
        }
        if (n instanceof BigDecimal) {
            BigDecimal b = (BigDecimal) n;
            return b.scale() <= 0 ? new BigInteger[] {b.unscaledValue().multiply(BigInteger.TEN.pow(-b.scale())), BigInteger.ONE}
                    : new BigInteger[] {b.unscaledValue(), BigInteger.TEN.pow(b.scale())};
        }
        if (n instanceof Ratio) {
            Ratio r = (Ratio) n;
            return r.denominator.signum() > 0 ? new BigInteger[] {r.numerator, r.denominator}
                    : new BigInteger[] {r.numerator.negate(), r.denominator.negate()};
        }
        if (n instanceof BigInteger) {
            return new BigInteger[] {(BigInteger) n, BigInteger.ONE};
        }
        if (n instanceof BigInt) {
            return new BigInteger[] {((BigInt) n).toBigInteger(), BigInteger.ONE};
        }
        return new BigInteger[] {BigInteger.valueOf(n.longValue()), BigInteger.ONE};
    }

    static int exactCompare(Number a, Number b) {
        BigInteger[] x = exact(a);
        BigInteger[] y = exact(b);
        if (x == null || y == null) {
            double da = x == null ? a.doubleValue() : 0;
            double db = y == null ? b.doubleValue() : 0;
            if (x == null && y == null) {
                return Double.compare(da, db);
            }
            return x == null ? (da > 0 ? 1 : -1) : (db > 0 ? -1 : 1);
        }
        return x[0].multiply(y[1]).compareTo(y[0].multiply(x[1]));
    }

    // ---------------------------------------------------------------------------------------------
    // Keys

    static Arbitrary<Object> scalarKeys(Arbitrary<Number> numbers) {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().withChars("ab\u0000é\uD800\uDC00\uE000\uFFFF\u07FF\u0800\u007F").ofMaxLength(4),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(6));
        Arbitrary<String> ns = Arbitraries.of("", "a", "b", "a.b").map(s -> s.isEmpty() ? null : s);
        Arbitrary<String> shortNames = Arbitraries.of("a", "b", "ab", "a\u0000", "\uD800", "\uFFFF");
        Arbitrary<Long> uuidHalves = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999), Arbitraries.of(0, 1));
        Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs().between(-5, 5),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        Arbitrary<Long> days = Arbitraries.oneOf(Arbitraries.longs().between(-3, 3),
                Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()));
        return Arbitraries.oneOf(
                Arbitraries.just((Object) null),
                Arbitraries.of(true, false).map(b -> (Object) b),
                numbers.map(n -> (Object) n),
                numbers.map(n -> (Object) n),
                Arbitraries.of('a', 'b', '\u0000', '\u00e9', '\uD800', '\uFFFF').map(c -> (Object) c),
                Arbitraries.chars().map(c -> (Object) c),
                names.map(s -> (Object) s),
                names.map(s -> (Object) s),
                Combinators.combine(ns, shortNames).as(Keyword::intern).map(k -> (Object) k),
                Combinators.combine(ns, shortNames).as(Symbol::intern).map(s -> (Object) s),
                Combinators.combine(uuidHalves, uuidHalves).as(UUID::new).map(u -> (Object) u),
                Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond).map(t -> (Object) t),
                Combinators.combine(Arbitraries.longs().between(-5, 5), nanos).as(Duration::ofSeconds).map(d -> (Object) d),
                days.map(d -> (Object) LocalDate.ofEpochDay(d)),
                Combinators.combine(days, Arbitraries.longs().between(0, 86_399_999_999_999L))
                        .as((d, n) -> (Object) LocalDateTime.of(LocalDate.ofEpochDay(d), LocalTime.ofNanoOfDay(n))));
    }

    static Arbitrary<Object> keys(Arbitrary<Number> numbers) {
        return Arbitraries.recursive(() -> scalarKeys(numbers), inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) l),
                inner.list().ofMaxSize(3).map(l -> (Object) PersistentVector.create(l))), 0, 2);
    }

    @Provide
    Arbitrary<Object> doubleExactKeys() {
        return keys(doubleExactNumbers());
    }

    @Provide
    Arbitrary<Object> integerAndDecimalKeys() {
        return keys(integerAndDecimalNumbers());
    }

    @Provide
    Arbitrary<Object> anyKeys() {
        return keys(anyNumbers());
    }

    @Provide
    Arbitrary<Number> numbers() {
        return anyNumbers();
    }

    private static void assertSameOrder(Object a, Object b) {
        byte[] ea = KeyCodec.encode(a);
        byte[] eb = KeyCodec.encode(b);
        int bytes = Integer.signum(KeyCodec.compare(ea, eb));
        int order = Integer.signum(KeyOrder.INSTANCE.compare(a, b));
        assertEquals(order, bytes, () -> "KeyOrder says " + order + " for " + show(a) + " vs " + show(b)
                + " but the bytes say " + bytes);
    }

    @Property(tries = 3000)
    void byteOrderIsKeyOrderWithDoubles(@ForAll("doubleExactKeys") Object a, @ForAll("doubleExactKeys") Object b) {
        assertSameOrder(a, b);
    }

    @Property(tries = 3000)
    void byteOrderIsKeyOrderWithBigNumbers(@ForAll("integerAndDecimalKeys") Object a, @ForAll("integerAndDecimalKeys") Object b) {
        assertSameOrder(a, b);
    }

    /** Stores put keys after a prefix and before nested keys: the length read back is the key's own. */
    @Property(tries = 2000)
    void encodedLengthFindsTheKeyInsideLongerBytes(@ForAll("anyKeys") Object k, @ForAll("anyKeys") Object after,
            @ForAll @IntRange(max = 5) int prefixLength) {
        byte[] key = KeyCodec.encode(k);
        byte[] tail = KeyCodec.encode(after);
        byte[] all = new byte[prefixLength + key.length + tail.length];
        Arrays.fill(all, 0, prefixLength, (byte) 0x7F);
        System.arraycopy(key, 0, all, prefixLength, key.length);
        System.arraycopy(tail, 0, all, prefixLength + key.length, tail.length);
        assertEquals(key.length, KeyCodec.encodedLength(all, prefixLength));
    }

    /** Keys from a handful of values, so that equal keys, shared prefixes and ties are common. */
    @Provide
    Arbitrary<Object> tinyKeys() {
        Arbitrary<Object> atoms = Arbitraries.of(Arrays.asList(null, false, true, 0, -0.0, 1L, 1, 1.0f, new BigDecimal("1.0"),
                new Ratio(BigInteger.ONE, BigInteger.TWO), 0.5, -1L, "", "a", "a\u0000", 'a', Keyword.intern("a"),
                Symbol.intern("a"), new UUID(0, 1), LocalDate.of(2020, 1, 1), List.of()));
        return Arbitraries.recursive(() -> atoms, inner -> inner.list().ofMaxSize(3).map(l -> (Object) l), 0, 2);
    }

    @Property(tries = 3000)
    void byteOrderIsKeyOrderForFewDistinctKeys(@ForAll("tinyKeys") Object a, @ForAll("tinyKeys") Object b) {
        assertSameOrder(a, b);
    }

    @Property(tries = 3000)
    void byteOrderIsKeyOrderForNumbers(@ForAll("doubleExactNumbers") Number a, @ForAll("doubleExactNumbers") Number b) {
        assertSameOrder(a, b);
    }

    @Provide("doubleExactNumbers")
    Arbitrary<Number> doubleExactNumbersProvider() {
        return doubleExactNumbers();
    }

    @Property(tries = 3000)
    void byteOrderIsTheExactOrderOfNumbers(@ForAll("numbers") Number a, @ForAll("numbers") Number b) {
        int bytes = Integer.signum(KeyCodec.compare(KeyCodec.encode(a), KeyCodec.encode(b)));
        int exact = Integer.signum(exactCompare(a, b));
        assertEquals(exact, bytes, () -> "exact order " + exact + " for " + show(a) + " vs " + show(b));
    }

    @Property(tries = 1000)
    void sortingByBytesIsSortingByKeyOrder(@ForAll("doubleExactKeyLists") List<Object> keys) {
        List<Object> byOrder = new ArrayList<>(keys);
        byOrder.sort(KeyOrder.INSTANCE);
        List<Object> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing(KeyCodec::encode, KeyCodec::compare));
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(0, KeyOrder.INSTANCE.compare(byOrder.get(i), byBytes.get(i)));
        }
    }

    @Provide
    Arbitrary<List<Object>> doubleExactKeyLists() {
        return doubleExactKeys().list().ofMaxSize(12);
    }

    @Property(tries = 3000)
    void decodingGivesAnEqualKeyWithTheSameBytes(@ForAll("anyKeys") Object k) {
        byte[] bytes = KeyCodec.encode(k);
        Object back = KeyCodec.decode(bytes);
        assertArrayEquals(bytes, KeyCodec.encode(back), () -> show(k) + " decoded as " + show(back));
        assertTrue(keyOrderEqualOrRatioAsDouble(k, back), () -> show(k) + " decoded as " + show(back));
    }

    /**
     * KeyOrder calls the key and its decoding equal, except where KeyOrder compares a Ratio with
     * the Double of the same value through Ratio.doubleValue, a 16-digit approximation (the one
     * documented exception: a ratio such as 1/2^23 decodes to the Double 2^-23).
     */
    static boolean keyOrderEqualOrRatioAsDouble(Object k, Object back) {
        if (KeyOrder.INSTANCE.compare(k, back) == 0) {
            return true;
        }
        if (k instanceof Ratio && back instanceof Double) {
            return exactCompare((Number) k, (Number) back) == 0;
        }
        if (k instanceof List && back instanceof List && ((List<?>) k).size() == ((List<?>) back).size()) {
            List<?> a = (List<?>) k;
            List<?> b = (List<?>) back;
            for (int i = 0; i < a.size(); i++) {
                if (KeyOrder.INSTANCE.compare(a.get(i), b.get(i)) != 0) {
                    return keyOrderEqualOrRatioAsDouble(a.get(i), b.get(i));
                }
            }
        }
        return false;
    }

    @Property(tries = 2000)
    void noEncodingIsAPrefixOfAnother(@ForAll("anyKeys") Object a, @ForAll("anyKeys") Object b) {
        byte[] ea = KeyCodec.encode(a);
        byte[] eb = KeyCodec.encode(b);
        if (!Arrays.equals(ea, eb)) {
            int n = Math.min(ea.length, eb.length);
            assertTrue(Arrays.mismatch(ea, eb) < n, () -> show(a) + " and " + show(b) + ": one encoding is a prefix of the other");
        }
    }

    @Property(tries = 500)
    void everyProperPrefixIsRejected(@ForAll("anyKeys") Object k) {
        byte[] bytes = KeyCodec.encode(k);
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            assertThrows(CodecException.class, () -> KeyCodec.decode(prefix), () -> "prefix of " + show(k));
        }
    }

    @Property(tries = 3000)
    void bytesThatDecodeAreTheEncodingOfTheirKey(@ForAll("anyKeys") Object k,
                                                 @ForAll @IntRange(min = 0, max = 1 << 20) int position,
                                                 @ForAll("anyByte") int replacement,
                                                 @ForAll boolean truncate) {
        byte[] bytes = KeyCodec.encode(k);
        int p = position % bytes.length;
        bytes[p] = (byte) replacement;
        if (truncate) {
            bytes = Arrays.copyOf(bytes, p + 1);
        }
        decodesCanonicallyOrFails(bytes);
    }

    @Provide
    Arbitrary<Integer> anyByte() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.of(0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF));
    }

    @Property(tries = 3000)
    void randomBytesDecodeCanonicallyOrFail(@ForAll("randomKeyBytes") byte[] bytes) {
        decodesCanonicallyOrFails(bytes);
    }

    @Provide
    Arbitrary<byte[]> randomKeyBytes() {
        Arbitrary<Integer> b = Arbitraries.oneOf(anyByte(), Arbitraries.of(0x10, 0x11, 0x12, 0x13, 0x14, 0x21, 0x25, 0x30),
                Arbitraries.integers().between(0x3C, 0x44), Arbitraries.integers().between(0xBC, 0xC4));
        return b.list().ofMinSize(1).ofMaxSize(24).map(l -> {
            byte[] a = new byte[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (int) l.get(i);
            }
            return a;
        });
    }

    private static void decodesCanonicallyOrFails(byte[] bytes) {
        Object k;
        try {
            k = KeyCodec.decode(bytes);
        } catch (CodecException e) {
            assertTrue(e.offset() >= 0, e::getMessage);
            return;
        } catch (Throwable t) {
            fail("decoding " + hex(bytes) + " threw " + t + " instead of a CodecException", t);
            return;
        }
        byte[] again = KeyCodec.encode(k);
        assertArrayEquals(bytes, again, () -> hex(bytes) + " decoded as " + show(k) + ", which encodes as " + hex(again));
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static String show(Object k) {
        return k == null ? "nil" : k + " (" + k.getClass().getSimpleName() + ")";
    }
}
