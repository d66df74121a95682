package dev.floe.codec;

import clojure.lang.BigInt;
import clojure.lang.Keyword;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import clojure.lang.Ratio;
import clojure.lang.Symbol;
import dev.floe.store.KeyOrder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link KeyCodec}: the order between types, canonical number types, refusals, malformed bytes. */
class KeyCodecTest {

    private static BigInteger big(String s) {
        return new BigInteger(s);
    }

    private static Ratio ratio(long n, long d) {
        return new Ratio(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    @Test
    void typesAreOrderedAsKeyOrderOrdersThem() {
        List<Object> ascending = List.of(
                false, true,
                Double.NEGATIVE_INFINITY, -1e300, Long.MIN_VALUE, -5, -1.5, ratio(-1, 3), -Double.MIN_VALUE, 0,
                new BigDecimal("1E-400"), Double.MIN_VALUE, ratio(1, 3), 0.5, 1, 1.5, Long.MAX_VALUE,
                big("9223372036854775808"), 1e300, Double.POSITIVE_INFINITY,
                '\u0000', 'a', '\uFFFF',
                "", "\u0000", "a", "a\u0000", "ab", "\uD83D\uDE00", "\uE000", "\uFFFF",
                Keyword.intern("z"), Keyword.intern("a", "a"), Keyword.intern("b", "a"),
                Symbol.intern("a"), Symbol.intern("a", "a"),
                new UUID(0, 0), new UUID(1, -1), new UUID(-1, 0),
                List.of(), List.of(1), List.of(1, "a"), List.of(2), PersistentVector.create(List.of(2, List.of())),
                Duration.ofSeconds(-1), Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1),
                LocalDate.of(1969, 12, 31), LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.addAll(ascending);
        for (int i = 0; i + 1 < withNull.size(); i++) {
            Object a = withNull.get(i);
            Object b = withNull.get(i + 1);
            assertTrue(KeyOrder.INSTANCE.compare(a, b) < 0, () -> "test list out of KeyOrder at " + a + ", " + b);
            assertTrue(KeyCodec.compare(KeyCodec.encode(a), KeyCodec.encode(b)) < 0, () -> a + " should encode below " + b);
        }
    }

    @Test
    void equalNumbersOfEveryClassHaveTheSameBytes() {
        byte[] one = KeyCodec.encode(1L);
        for (Object n : List.of(1, (short) 1, (byte) 1, 1.0, 1.0f, BigInteger.ONE, BigInt.fromLong(1), new BigDecimal("1.000"),
                ratio(3, 3))) {
            assertArrayEquals(one, KeyCodec.encode(n), () -> "encoding of " + n + " (" + n.getClass() + ")");
        }
        assertArrayEquals(KeyCodec.encode(0L), KeyCodec.encode(-0.0));
        assertArrayEquals(KeyCodec.encode(new BigDecimal("0.10")), KeyCodec.encode(ratio(1, 10)));
        assertArrayEquals(KeyCodec.encode(List.of(1, "a")), KeyCodec.encode(PersistentVector.create(1L, "a")));
    }

    @Test
    void decodedNumbersHaveACanonicalType() {
        assertEquals(7L, KeyCodec.decode(KeyCodec.encode(7)));
        assertEquals(2L, KeyCodec.decode(KeyCodec.encode(2.0)));
        assertEquals(Long.MIN_VALUE, KeyCodec.decode(KeyCodec.encode(Long.MIN_VALUE)));
        assertEquals(big("9223372036854775808"), KeyCodec.decode(KeyCodec.encode(BigInt.fromBigInteger(big("9223372036854775808")))));
        assertEquals(new BigDecimal(1e300).toBigIntegerExact(), KeyCodec.decode(KeyCodec.encode(1e300)));
        assertEquals(2.5, KeyCodec.decode(KeyCodec.encode(new BigDecimal("2.50"))));
        assertEquals(0.5, KeyCodec.decode(KeyCodec.encode(ratio(1, 2))));
        assertEquals((double) 0.1f, KeyCodec.decode(KeyCodec.encode(0.1f)));
        assertEquals(Double.MIN_VALUE, KeyCodec.decode(KeyCodec.encode(Double.MIN_VALUE)));
        assertEquals(new BigDecimal("0.1"), KeyCodec.decode(KeyCodec.encode(new BigDecimal("0.100"))));
        assertEquals(new BigDecimal("0.1"), KeyCodec.decode(KeyCodec.encode(ratio(1, 10))));
        assertEquals(ratio(-1, 3), KeyCodec.decode(KeyCodec.encode(ratio(2, -6))));
        assertEquals(new BigDecimal(BigInteger.ONE, 1100).stripTrailingZeros(), KeyCodec.decode(KeyCodec.encode(new BigDecimal("1E-1100"))));
        assertEquals(Double.NEGATIVE_INFINITY, KeyCodec.decode(KeyCodec.encode(Float.NEGATIVE_INFINITY)));
        // 1 + 2^-60 is dyadic but not a double
        BigDecimal fine = BigDecimal.ONE.add(new BigDecimal(Math.scalb(1.0, -60)));
        assertEquals(0, fine.compareTo((BigDecimal) KeyCodec.decode(KeyCodec.encode(fine))));
    }

    @Test
    void aRatioThatIsExactlyADoubleDecodesAsTheDouble() {
        Ratio r = new Ratio(BigInteger.ONE, BigInteger.ONE.shiftLeft(23));
        Object back = KeyCodec.decode(KeyCodec.encode(r));
        assertEquals(Math.scalb(1.0, -23), back);
        // KeyOrder compares them through Ratio.doubleValue (16 decimal digits) and calls them unequal
        assertTrue(KeyOrder.INSTANCE.compare(r, back) != 0);
        assertEquals(0, KeyOrder.INSTANCE.compare(new Ratio(BigInteger.ONE, BigInteger.valueOf(4)),
                KeyCodec.decode(KeyCodec.encode(new Ratio(BigInteger.ONE, BigInteger.valueOf(4))))));
    }

    @Test
    void otherKeysDecodeAsTheirTypes() {
        for (Object k : Arrays.asList(null, true, 'x', "a\u0000b\uD800", Keyword.intern("n", "k"), Symbol.intern("s"),
                UUID.randomUUID(), Instant.ofEpochSecond(-100, 5), Duration.ofMillis(-3), LocalDate.of(-5, 1, 1),
                LocalDateTime.of(2000, 2, 29, 23, 59, 59, 999_999_999))) {
            assertEquals(k, KeyCodec.decode(KeyCodec.encode(k)));
        }
        Object list = KeyCodec.decode(KeyCodec.encode(new ArrayList<>(List.of("a", List.of()))));
        assertEquals(PersistentVector.class, list.getClass());
        assertEquals(List.of("a", List.of()), list);
    }

    @Test
    void keysWithoutAnOrderPreservingEncodingAreRefused() {
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.encode(Double.NaN)).getMessage().contains("NaN"));
        assertThrows(CodecException.class, () -> KeyCodec.encode(Float.NaN));
        assertThrows(CodecException.class, () -> KeyCodec.encode(List.of(1, Double.NaN)));
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.encode(new AtomicLong(1))).getMessage()
                .contains("java.util.concurrent.atomic.AtomicLong"));
        String msg = assertThrows(CodecException.class, () -> KeyCodec.encode(new Date())).getMessage();
        assertTrue(msg.contains("java.util.Date") && msg.contains("compareTo"), msg);
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.encode(PersistentHashSet.create(1))).getMessage()
                .contains("not Comparable"));
        assertThrows(CodecException.class, () -> KeyCodec.encode(BigInteger.ONE.shiftLeft(70_000)));
        assertThrows(CodecException.class, () -> KeyCodec.encode(new BigDecimal("1E-70000")));
        assertThrows(CodecException.class, () -> KeyCodec.encode(new BigDecimal("1E+30000")));
        assertThrows(CodecException.class, () -> KeyCodec.encode(new Ratio(BigInteger.ONE, BigInteger.ZERO)));
        Object deep = List.of();
        for (int i = 0; i < 300; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.encode(tooDeep)).getMessage().contains("deeper than 256"));
        // just inside the limits
        KeyCodec.encode(BigInteger.ONE.shiftLeft(KeyCodec.NUMBER_BITS_MAX - 2));
        KeyCodec.encode(new BigDecimal("1E+19000"));
        KeyCodec.encode(new BigDecimal("1E-19000"));
    }

    @Test
    void malformedKeysAreRejectedWithTheOffset() {
        CodecException e = assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[] {KeyCodec.K_STRING, 'a', 0x00, 0x05}));
        assertTrue(e.getMessage().contains("invalid escape"), e::getMessage);
        assertEquals(2, e.offset());
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[] {0x7E})).getMessage().contains("unknown key tag 0x7e"));
        assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[] {KeyCodec.K_LIST, KeyCodec.K_NULL}));
        assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[0]));
        assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[] {KeyCodec.K_NULL, KeyCodec.K_NULL}));
        // a mantissa group of zeros at the end is not the canonical form of 1
        assertThrows(CodecException.class, () -> KeyCodec.decode(new byte[] {KeyCodec.K_POS, (byte) 0x80, 0x01, 0x00}));
        byte[] longList = new byte[2 * 300 + 1];
        Arrays.fill(longList, 0, 300, (byte) KeyCodec.K_LIST);
        Arrays.fill(longList, 300, longList.length, (byte) KeyCodec.LIST_END);
        assertTrue(assertThrows(CodecException.class, () -> KeyCodec.decode(longList)).getMessage().contains("deeper"));
    }

    @Test
    void aKeyDecodesFromInsideALargerBuffer() {
        byte[] key = KeyCodec.encode(List.of("a", 1L));
        byte[] stored = new byte[key.length + 5];
        System.arraycopy(key, 0, stored, 3, key.length);
        assertEquals(List.of("a", 1L), KeyCodec.decode(stored, 3, key.length));
        CodecException e = assertThrows(CodecException.class, () -> KeyCodec.decode(stored, 3, key.length - 1));
        assertTrue(e.offset() >= 3, e::getMessage);
    }

    @Test
    void keysAreCompact() {
        assertEquals(3, KeyCodec.encode(1L).length);
        assertEquals(10, KeyCodec.encode(0.1).length);
        assertEquals(5, KeyCodec.encode("ab").length);
        assertEquals(17, KeyCodec.encode(UUID.randomUUID()).length);
    }
}
