package dev.floe.codec;

import clojure.lang.IObj;
import clojure.lang.IPersistentMap;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentList;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Sorted;
import dev.floe.FloeCustomSerialization;
import dev.floe.ops.FloeFunction1;
import dev.floe.runtime.JavaCodec;
import dev.floe.store.KeyOrder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.floe.codec.CodecTesting.CODEC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FloeCodec}: classes kept and families mapped, the allow-list, custom serializations, malformed input. */
class FloeCodecTest {

    private static Object roundTrip(Object v) {
        return CODEC.decode(CODEC.encode(v));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "expected \"" + p + "\" in: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Classes and families

    @Test
    void boxedNumbersKeepTheirClass() {
        assertEquals(Integer.class, roundTrip(1).getClass());
        assertEquals(Long.class, roundTrip(1L).getClass());
        assertEquals(Short.class, roundTrip((short) 1).getClass());
        assertEquals(Byte.class, roundTrip((byte) 1).getClass());
        assertEquals(Float.class, roundTrip(1f).getClass());
        assertEquals(Double.class, roundTrip(1d).getClass());
        assertEquals(new BigDecimal("1.50"), roundTrip(new BigDecimal("1.50")));
        assertEquals(List.of(1, 1L), roundTrip(new ArrayList<>(List.of(1, 1L))));
    }

    @Test
    void commonValuesAreCompact() {
        assertEquals(2, CODEC.encode(5L).length);       // format byte, one-byte long
        assertEquals(4, CODEC.encode(300L).length);     // format, tag, two-byte zigzag varint
        assertEquals(4, CODEC.encode("a").length);      // format, tag, length, byte
        assertEquals(5, CODEC.encode(Keyword.intern("ab")).length);
        assertEquals(6, CODEC.encode(PersistentVector.create(1L, 2L, 3L)).length);
    }

    @Test
    void otherJavaCollectionsDecodeToTheirFamily() {
        assertEquals(ArrayList.class, roundTrip(new LinkedList<>(List.of(1, 2))).getClass());
        assertEquals(ArrayList.class, roundTrip(List.of("a")).getClass());
        Object m = roundTrip(new ConcurrentHashMap<>(Map.of("a", 1)));
        assertEquals(LinkedHashMap.class, m.getClass());
        assertEquals(Map.of("a", 1), m);
        Object s = roundTrip(Set.of(3));
        assertEquals(LinkedHashSet.class, s.getClass());
        ConcurrentSkipListMap<Object, Object> sorted = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
        sorted.put(2L, "b");
        sorted.put("a", "a");
        Object t = roundTrip(sorted);
        assertEquals(TreeMap.class, t.getClass());
        assertSame(KeyOrder.INSTANCE, ((TreeMap<?, ?>) t).comparator());
        assertEquals(sorted, t);
    }

    @Test
    void otherClojureSeqsDecodeAsListsAndVectorsAsVectors() {
        Object seq = roundTrip(RT.seq(PersistentVector.create(1L, 2L)));
        assertEquals(PersistentList.class, seq.getClass());
        assertEquals(List.of(1L, 2L), seq);
        Object lazy = roundTrip(CodecTesting.eval("(map inc [1 2 3])"));
        assertEquals(PersistentList.class, lazy.getClass());
        assertEquals(List.of(2L, 3L, 4L), lazy);
        Object sub = roundTrip(CodecTesting.eval("(subvec [1 2 3 4] 1 3)"));
        assertEquals(PersistentVector.class, sub.getClass());
        assertEquals(List.of(2L, 3L), sub);
        assertSame(PersistentList.EMPTY, roundTrip(PersistentList.EMPTY));
    }

    @Test
    void metadataIsDropped() {
        Object v = ((IObj) PersistentVector.create(1L)).withMeta(PersistentArrayMap.EMPTY.assoc(Keyword.intern("tag"), 1L));
        IObj back = (IObj) roundTrip(v);
        assertEquals(v, back);
        assertNull(back.meta());
    }

    @Test
    void recordsKeepTheirClassAndExtraFields() {
        Object p = ((IPersistentMap) CodecTesting.point(1L, "y")).assoc(Keyword.intern("z"), 3L);
        Object back = roundTrip(p);
        assertSame(p.getClass(), back.getClass());
        assertEquals(p, back);
        assertEquals(CodecTesting.unitRecord(), roundTrip(CodecTesting.unitRecord()));
    }

    @Test
    void sortedClojureCollectionsKeepTheirComparator() {
        Object byGt = CodecTesting.eval("(sorted-map-by > 1 :a 3 :c 2 :b)");
        Sorted back = (Sorted) roundTrip(byGt);
        assertSame(((Sorted) byGt).comparator(), back.comparator());
        assertEquals(List.of(3L, 2L, 1L), new ArrayList<>(((Map<?, ?>) back).keySet()));

        PersistentTreeSet ko = PersistentTreeSet.create(KeyOrder.INSTANCE, RT.seq(List.of("b", 1L, Keyword.intern("k"))));
        PersistentTreeSet koBack = (PersistentTreeSet) roundTrip(ko);
        assertSame(KeyOrder.INSTANCE, koBack.comparator());
        assertEquals(List.of(1L, "b", Keyword.intern("k")), new ArrayList<>((java.util.Collection<?>) koBack));
        assertSame(RT.DEFAULT_COMPARATOR, ((Sorted) roundTrip(PersistentTreeMap.EMPTY.assoc(1L, 2L))).comparator());
    }

    @Test
    void rangeResultsKeepTheirClassAndComparator() {
        Object m = dev.floe.specter.impl.PersistentSortedMap.of(
                PersistentTreeMap.create(KeyOrder.INSTANCE, RT.seq(List.of("b", 2L, "a", 1L))));
        Object back = roundTrip(m);
        assertSame(dev.floe.specter.impl.PersistentSortedMap.class, back.getClass(), "still a java.util.SortedMap");
        assertEquals(m, back);
        assertSame(KeyOrder.INSTANCE, ((java.util.SortedMap<?, ?>) back).comparator());
        Object s = dev.floe.specter.impl.PersistentSortedSet.create(null, List.of(3L, 1L, 2L));
        Object sBack = roundTrip(s);
        assertSame(dev.floe.specter.impl.PersistentSortedSet.class, sBack.getClass(), "still a java.util.SortedSet");
        assertEquals(List.of(1L, 2L, 3L), new ArrayList<>((java.util.SortedSet<?>) sBack));
        assertSame(RT.DEFAULT_COMPARATOR, ((Sorted) sBack).comparator());
    }

    @Test
    void aComparatorOutsideTheAllowListIsRefusedUntilRegistered() {
        Object anon = CodecTesting.eval("(sorted-set-by (fn [a b] (compare b a)) 1 2 3)");
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(anon));
        assertMessage(e, "the comparator of a clojure.lang.PersistentTreeSet", "allow-list");

        Class<?> fnClass = ((Sorted) anon).comparator().getClass();
        FloeCodec allowing = new FloeCodec(List.of(), List.of(fnClass), null, FloeCodec.Limits.DEFAULT);
        Object back = allowing.decode(allowing.encode(anon));
        assertEquals(List.of(3L, 2L, 1L), new ArrayList<>((Set<?>) back));

        TreeMap<String, Integer> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.put("a", 1);
        reversed.put("b", 2);
        assertThrows(CodecException.class, () -> CODEC.encode(reversed));
        FloeCodec withReverse = new FloeCodec(List.of(), List.of(Collections.reverseOrder().getClass()), null,
                FloeCodec.Limits.DEFAULT);
        @SuppressWarnings("unchecked")
        TreeMap<String, Integer> r = (TreeMap<String, Integer>) withReverse.decode(withReverse.encode(reversed));
        assertEquals("b", r.firstKey());
        assertSame(Collections.reverseOrder(), r.comparator());
    }

    @Test
    void floeSerializableLambdasRoundTrip() {
        long captured = 41;
        FloeFunction1<Long, Long> f = x -> x + captured;
        @SuppressWarnings("unchecked")
        FloeFunction1<Long, Long> back = (FloeFunction1<Long, Long>) roundTrip(f);
        assertEquals(42L, back.invoke(1L));
    }

    @Test
    void floeSerializableObjectsCarryBuiltInAndCustomValuesInside() {
        Map<Object, Object> extra = new HashMap<>();
        extra.put(Keyword.intern("money"), new CodecTesting.Tip(5, "EUR"));
        extra.put("vec", PersistentVector.create(1, 2L, UUID.randomUUID()));
        CodecTesting.Account a = new CodecTesting.Account("ann", 10, extra, new int[] {1, 2}, CodecTesting.Color.GREEN,
                new CodecTesting.Account("bob", 0, null, null, CodecTesting.Color.BLUE, null));
        Object back = roundTrip(a);
        assertEquals(a, back);
    }

    /** A Java record: fields set to List.of and java.time values, which Java serialization swaps for JDK proxies. */
    record Event(String name, List<Object> tags, java.time.Instant at, Map<String, Object> attributes)
            implements dev.floe.FloeSerializable {}

    @Test
    void javaRecordsWithImmutableCollectionsAndTimesRoundTrip() {
        Event e = new Event("deploy", List.of(Keyword.intern("prod"), 3L, PersistentVector.create("x")),
                java.time.Instant.ofEpochSecond(1_700_000_000L, 5), Map.of("by", "ann"));
        Event back = (Event) roundTrip(e);
        assertEquals(e, back);
        assertEquals(List.of(1).getClass().getName().contains("ImmutableCollections"), back.tags().getClass().getName().contains("ImmutableCollections"));
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding errors

    @Test
    void anUnsupportedValueIsNamedWithTheFixAndItsPlace() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("users", List.of(1L, new Object()));
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(v));
        assertMessage(e, "java.lang.Object", "dev.floe.FloeSerializable", "dev.floe.FloeCustomSerialization");
        assertEquals(List.of("the value at key \"users\" of a java.util.LinkedHashMap",
                "element 1 of a " + List.of(1L, 2L).getClass().getName()), e.path());
        assertEquals(-1, e.offset());
    }

    @Test
    void aSerializableClassOffTheAllowListIsRefusedUntilRegistered() {
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(new CodecTesting.Plain("x")));
        assertMessage(e, CodecTesting.Plain.class.getName(), "allow-list", "FloeSerializable");
        FloeCodec allowing = new FloeCodec(List.of(), List.of(CodecTesting.Plain.class), null, FloeCodec.Limits.DEFAULT);
        assertEquals(new CodecTesting.Plain("x"), allowing.decode(allowing.encode(new CodecTesting.Plain("x"))));
        assertThrows(IllegalArgumentException.class,
                () -> new FloeCodec(List.of(), List.of(Object.class), null, FloeCodec.Limits.DEFAULT));
    }

    @Test
    void aNonFloeValueInsideAFloeSerializableIsNamed() {
        CodecTesting.Account a = new CodecTesting.Account("ann", 1, new CodecTesting.Plain("p"), null, null, null);
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(a));
        assertMessage(e, CodecTesting.Plain.class.getName(), "inside a " + CodecTesting.Account.class.getName());
    }

    @Test
    void enumsOffTheAllowListAreRefused() {
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(CodecTesting.Unlisted.A));
        assertMessage(e, CodecTesting.Unlisted.class.getName(), "allow-list");
        assertSame(CodecTesting.Color.GREEN, roundTrip(CodecTesting.Color.GREEN));
    }

    @Test
    void cyclesAndInfiniteSeqsHitTheLimitsWithAMessage() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertMessage(assertThrows(CodecException.class, () -> CODEC.encode(self)), "nested deeper than 256");
        FloeCodec small = new FloeCodec(List.of(), List.of(), null, new FloeCodec.Limits(16, 1000));
        assertMessage(assertThrows(CodecException.class, () -> small.encode(CodecTesting.eval("(range)"))),
                "longer than 1000", "infinite");
        assertMessage(assertThrows(CodecException.class, () -> small.encode(new ArrayList<>(Collections.nCopies(1001, 1L)))),
                "more than the limit of 1000");
        byte[] big = CODEC.encode(new ArrayList<>(Collections.nCopies(1001, 1L)));
        assertMessage(assertThrows(CodecException.class, () -> small.decode(big)), "exceeds the limit of 1000");
    }

    // ---------------------------------------------------------------------------------------------
    // Custom serializations

    @Test
    void customSerializationsTakeOverTheirTypeAndSubclasses() {
        Object v = PersistentHashMap.create(Keyword.intern("a"), new CodecTesting.Money(100, "EUR"),
                Keyword.intern("b"), new ArrayList<>(List.of(new CodecTesting.Tip(3, "USD"))));
        Object back = roundTrip(v);
        assertTrue(CodecTesting.deepEquals(v, back), () -> String.valueOf(back));
        assertThrows(CodecException.class, () -> new FloeCodec().encode(new CodecTesting.Money(1, "EUR")));
    }

    /** Writes UUIDs as text: a custom serialization wins over the built-in encoding. */
    public static final class UuidAsText implements FloeCustomSerialization<UUID> {
        static final AtomicInteger WRITES = new AtomicInteger();

        @Override
        public void serialize(UUID u, DataOutput out) throws IOException {
            WRITES.incrementAndGet();
            out.writeUTF(u.toString());
        }

        @Override
        public UUID deserialize(DataInput in) throws IOException {
            return UUID.fromString(in.readUTF());
        }

        @Override
        public Class<UUID> targetType() {
            return UUID.class;
        }
    }

    /** Reads one byte less than it writes. */
    public static final class Sloppy implements FloeCustomSerialization<StringBuilder> {
        @Override
        public void serialize(StringBuilder s, DataOutput out) throws IOException {
            out.writeUTF(s.toString());
            out.writeByte(0);
        }

        @Override
        public StringBuilder deserialize(DataInput in) throws IOException {
            return new StringBuilder(in.readUTF());
        }

        @Override
        public Class<StringBuilder> targetType() {
            return StringBuilder.class;
        }
    }

    @Test
    void customSerializationsAreFoundByNameWhateverTheirOrder() {
        FloeCodec a = new FloeCodec(List.of(new UuidAsText(), new CodecTesting.MoneySerialization()));
        FloeCodec b = new FloeCodec(List.of(new CodecTesting.MoneySerialization(), new UuidAsText()));
        UUID u = UUID.randomUUID();
        int before = UuidAsText.WRITES.get();
        byte[] bytes = a.encode(List.of(u, new CodecTesting.Money(1, "EUR")));
        assertEquals(before + 1, UuidAsText.WRITES.get());
        assertEquals(List.of(u, new CodecTesting.Money(1, "EUR")), b.decode(bytes));
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(bytes));
        assertMessage(e, "no custom serialization with id");
        assertThrows(IllegalArgumentException.class, () -> new FloeCodec(List.of(new UuidAsText(), new UuidAsText())));
    }

    @Test
    void aCustomSerializationThatLeavesBytesUnreadIsCaught() {
        FloeCodec c = new FloeCodec(List.of(new Sloppy()));
        byte[] bytes = c.encode(new StringBuilder("x"));
        assertMessage(assertThrows(CodecException.class, () -> c.decode(bytes)), "left 1 of its 4 bytes unread");
    }

    // ---------------------------------------------------------------------------------------------
    // Malformed and hostile input

    /** Counts its deserializations: the proof that a class off the allow-list was never instantiated. */
    static final class Canary implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger READS = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    private static byte[] javaSerialized(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] varint(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while ((n & ~0x7F) != 0) {
            b.write((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        b.write(n);
        return b.toByteArray();
    }

    private static byte[] str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(varint(utf8.length), utf8);
    }

    @Test
    void classesOffTheAllowListAreNeverInstantiated() throws IOException {
        int before = Canary.READS.get();
        // Java serialization of a class off the allow-list, wrapped as a Floe serializable value
        byte[] payload = javaSerialized(new Canary());
        byte[] hostile = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_SERIALIZABLE), varint(payload.length), payload);
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(hostile));
        assertMessage(e, Canary.class.getName(), "not on the codec's allow-list");
        assertEquals(3, e.offset(), e::getMessage); // where the Java-serialized bytes start

        // encoded by a codec that allows it, decoded by one that does not
        FloeCodec allowing = new FloeCodec(List.of(), List.of(Canary.class), null, FloeCodec.Limits.DEFAULT);
        byte[] encoded = allowing.encode(PersistentVector.create(new Canary()));
        assertThrows(CodecException.class, () -> CODEC.decode(encoded));
        assertEquals(before, Canary.READS.get());
        allowing.decode(encoded);
        assertEquals(before + 1, Canary.READS.get());

        // JDK classes are not on the list inside Java serialization either
        byte[] map = javaSerialized(new HashMap<>(Map.of("a", 1)));
        assertMessage(assertThrows(CodecException.class,
                () -> CODEC.decode(concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_SERIALIZABLE), varint(map.length), map))),
                "java.util.HashMap", "allow-list");
    }

    @Test
    void recordAndEnumTagsOnlyReachRecordsAndAllowedEnums() {
        byte[] notARecord = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_RECORD), str("java.lang.Thread"), varint(0));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(notARecord)), "java.lang.Thread",
                "is not a Clojure record");
        byte[] missing = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_RECORD), str("no.such.Record"), varint(0));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(missing)), "no.such.Record", "not found");
        byte[] unlistedEnum = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_ENUM), str("java.util.concurrent.TimeUnit"),
                str("SECONDS"));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(unlistedEnum)), "TimeUnit", "allow-list");
        byte[] notAnEnum = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_ENUM), str("java.lang.Runtime"), str("X"));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(notAnEnum)), "is not an enum");
        byte[] noConstant = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_ENUM), str(CodecTesting.Color.class.getName()),
                str("PURPLE"));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(noConstant)), "no constant PURPLE");
    }

    @Test
    void aComparatorVarMustNameAnAllowedFunction() throws IOException {
        // a comparator is called with decoded values: naming clojure.core/spit would write a file
        java.nio.file.Path target = java.nio.file.Files.createTempDirectory("codec").resolve("written");
        byte[] hostile = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_SORTED_SET, FloeCodec.CMP_VAR), str("clojure.core"),
                str("spit"), varint(2), bytes(FloeCodec.T_STRING), str(target.toString()), bytes(FloeCodec.T_STRING), str("x"));
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(hostile));
        assertMessage(e, "clojure.core/spit", "allow-list");
        assertTrue(!java.nio.file.Files.exists(target));

        Object named = CodecTesting.eval("(sorted-set-by " + CodecTesting.RECORD_NS + "/by-length \"ccc\" \"a\" \"bb\")");
        assertMessage(assertThrows(CodecException.class, () -> CODEC.encode(named)), "comparator");
        Class<?> fnClass = ((Sorted) named).comparator().getClass();
        FloeCodec allowing = new FloeCodec(List.of(), List.of(fnClass), null, FloeCodec.Limits.DEFAULT);
        byte[] bytes = allowing.encode(named);
        assertEquals(FloeCodec.CMP_VAR, bytes[2]); // by var name, not Java-serialized
        Sorted back = (Sorted) allowing.decode(bytes);
        assertSame(((Sorted) named).comparator(), back.comparator());
        assertThrows(CodecException.class, () -> CODEC.decode(bytes));
    }

    @Test
    void unknownTagsAndFormatsAreNamed() {
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(bytes(FloeCodec.FORMAT_V1, 0x60)));
        assertMessage(e, "unknown tag 0x60", "at byte 1");
        assertEquals(1, e.offset());
        byte[] java = new JavaCodec(List.of(), getClass().getClassLoader()).encode("x");
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(java)), "not Floe codec data", "Java serialization");
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(new byte[0])), "empty input");
        assertThrows(CodecException.class, () -> CODEC.decode(null));
    }

    @Test
    void oversizedLengthsAreRejectedBeforeAllocating() {
        byte[] string = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_STRING), varint(Integer.MAX_VALUE), bytes('a'));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(string)), "oversized length", "at byte 2");
        byte[] longs = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_LONGS), varint(1 << 20), new byte[64]);
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(longs)), "needs at least 8388608 bytes");
        byte[] list = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_J_LIST), varint(Integer.MAX_VALUE - 1));
        assertThrows(CodecException.class, () -> CODEC.decode(list));
        byte[] serialized = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_SERIALIZABLE), varint(1 << 30), new byte[10]);
        assertThrows(CodecException.class, () -> CODEC.decode(serialized));
        byte[] varint = bytes(FloeCodec.FORMAT_V1, FloeCodec.T_LONG, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(varint)), "malformed varint");
        byte[] intTooBig = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_INT), bytes(0x80, 0x80, 0x80, 0x80, 0x20));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(intTooBig)), "int value", "out of range");
    }

    @Test
    void deepNestingIsRejectedWithoutExhaustingTheStack() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(FloeCodec.FORMAT_V1);
        for (int i = 0; i < 200_000; i++) {
            b.write(FloeCodec.T_VECTOR);
            b.write(1);
        }
        b.write(FloeCodec.T_NULL);
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(b.toByteArray())), "nested deeper than 256");
    }

    @Test
    void duplicateKeysAndBadTextAreRejected() {
        byte[] dup = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_J_HASH_MAP), varint(2),
                bytes(FloeCodec.T_STRING), str("k"), bytes(FloeCodec.T_NULL), bytes(FloeCodec.T_STRING), str("k"), bytes(FloeCodec.T_NULL));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(dup)), "duplicate keys");
        byte[] cljDup = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_ARRAY_MAP), varint(2),
                bytes(0xC1), bytes(FloeCodec.T_NULL), bytes(FloeCodec.T_INT, 0x1D), bytes(FloeCodec.T_NULL)); // Long -15, Integer -15
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(cljDup)), "duplicate keys");
        byte[] overlong = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_STRING), varint(2), bytes(0xC0, 0x80));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(overlong)), "invalid UTF-8 lead byte 0xc0");
        byte[] cut = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_STRING), varint(2), bytes(0xE2, 0x82));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(cut)), "cut off");
        byte[] sortedMixed = concat(bytes(FloeCodec.FORMAT_V1, FloeCodec.T_J_SORTED_MAP, FloeCodec.CMP_NATURAL), varint(2),
                bytes(FloeCodec.T_STRING), str("k"), bytes(FloeCodec.T_NULL), bytes(0xC1, FloeCodec.T_NULL));
        assertMessage(assertThrows(CodecException.class, () -> CODEC.decode(sortedMixed)), "do not compare");
    }

    @Test
    void loneSurrogatesAndNulCharactersSurvive() {
        String s = "a\u0000\uD800b\uDFFF\uD83D\uDE00";
        assertEquals(s, roundTrip(s));
        assertArrayEquals(new char[] {'\uD800'}, ((String) roundTrip("\uD800")).toCharArray());
    }
}
