package dev.floe.codec;

import clojure.lang.ArraySeq;
import clojure.lang.BigInt;
import clojure.lang.IFn;
import clojure.lang.IPersistentList;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.IRecord;
import clojure.lang.ISeq;
import clojure.lang.ITransientCollection;
import clojure.lang.ITransientMap;
import clojure.lang.Indexed;
import clojure.lang.Keyword;
import clojure.lang.MapEntry;
import clojure.lang.Namespace;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentQueue;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Ratio;
import clojure.lang.Seqable;
import clojure.lang.Sorted;
import clojure.lang.Symbol;
import clojure.lang.Var;
import dev.floe.FloeCustomSerialization;
import dev.floe.FloeSerializable;
import dev.floe.runtime.Codec;
import dev.floe.specter.impl.PersistentSortedMap;
import dev.floe.specter.impl.PersistentSortedSet;
import dev.floe.store.KeyOrder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Floe's own codec: a compact tagged binary format for Java and Clojure values (see
 * {@code docs/codec.md} for the byte layout). It replaces Java serialization for values that cross
 * workers and, later, for stored values.
 *
 * <p><b>What it encodes.</b> {@code null}, booleans, all boxed primitives (each decodes to its own
 * class: an {@code Integer} stays an {@code Integer}), strings (any UTF-16, lone surrogates
 * included), {@link UUID}, {@link BigInteger}, {@link BigDecimal} (with its scale), Clojure's
 * {@code BigInt} and {@code Ratio}, primitive arrays, {@code Object[]}, {@code String[]},
 * {@link Instant}, {@link LocalDate}, {@link LocalDateTime}, {@link Duration}; Java lists (as
 * {@link ArrayList}), maps ({@link HashMap}, {@link LinkedHashMap}, {@link TreeMap}; any other map
 * as a {@code LinkedHashMap}, keeping its iteration order) and sets (likewise); Clojure vectors,
 * lists and other seqs (as lists), array maps, hash maps, sorted maps and sets with their
 * comparator (Floe's range results, sorted maps and sets that are also {@code java.util.SortedMap}/
 * {@code SortedSet}, keep their class), hash sets, queues, map entries, keywords, symbols and records ({@code defrecord},
 * by class name and fields); enums and {@link java.io.Serializable} classes on the allow-list; and
 * any type a registered {@link FloeCustomSerialization} takes over.
 *
 * <p><b>Order of precedence</b>, decided once per class: a custom serialization whose
 * {@code targetType} is the class or a supertype (the first registered wins); the built-in classes
 * above by exact class; an enum or an allowed serializable class (a subclass of {@code ArrayList}
 * that is {@code FloeSerializable} keeps its class through Java serialization); a Clojure record;
 * the Clojure and then the Java collection interfaces.
 *
 * <p><b>The allow-list.</b> Decoding never instantiates a class the bytes name unless it is
 * allowed: classes implementing {@link FloeSerializable}, classes registered with the codec (exact
 * class), and Clojure records ({@link IRecord} classes with the static {@code create} factory that
 * {@code defrecord} generates). Java-serialized values are read with a class check on every class
 * in the stream, where built-in values inside them are Floe-encoded rather than Java-serialized.
 * Comparators of sorted collections are {@code null} (natural order), Clojure's default
 * comparator, {@link KeyOrder}, {@code clojure.core}'s {@code compare}, {@code <}, {@code >},
 * {@code <=} and {@code >=} (by var name), a function of an allowed class held by a var of a loaded
 * namespace (by var name), or an allowed value: a comparator is called with decoded values, so the
 * bytes may not name just any function.
 *
 * <p><b>Dropped.</b> Metadata of Clojure collections and symbols; the identity of shared
 * sub-values (a value reachable twice is decoded as two equal copies; cycles through built-in
 * collections are rejected by the depth limit); a {@code LinkedHashMap}'s access order.
 *
 * <p>Instances are immutable and thread-safe; encode and decode from any thread.
 */
public final class FloeCodec implements Codec {

    /**
     * Limits on what the codec encodes and decodes.
     *
     * @param depthMax how deeply values may nest (containers inside containers)
     * @param collectionSizeMax the most elements (entries) one collection, array or seq may have
     */
    public record Limits(int depthMax, int collectionSizeMax) {
        /** 256 levels, 16 Mi elements. */
        public static final Limits DEFAULT = new Limits(256, 1 << 24);

        public Limits {
            if (depthMax < 1 || collectionSizeMax < 0) {
                throw new IllegalArgumentException("codec limits must be positive: " + depthMax + ", " + collectionSizeMax);
            }
        }
    }

    /** The first byte of every encoding: the format version. */
    static final int FORMAT_V1 = 0xF1;

    static final int T_NULL = 0x00;
    static final int T_FALSE = 0x01;
    static final int T_TRUE = 0x02;
    static final int T_BYTE = 0x03;
    static final int T_SHORT = 0x04;
    static final int T_INT = 0x05;
    static final int T_LONG = 0x06;
    static final int T_FLOAT = 0x07;
    static final int T_DOUBLE = 0x08;
    static final int T_CHAR = 0x09;
    static final int T_STRING = 0x0A;
    static final int T_BIG_INTEGER = 0x0B;
    static final int T_BIG_DECIMAL = 0x0C;
    static final int T_BIG_INT = 0x0D;
    static final int T_RATIO = 0x0E;
    static final int T_UUID = 0x0F;
    static final int T_KEYWORD = 0x10;
    static final int T_KEYWORD_NS = 0x11;
    static final int T_SYMBOL = 0x12;
    static final int T_SYMBOL_NS = 0x13;
    static final int T_INSTANT = 0x14;
    static final int T_LOCAL_DATE = 0x15;
    static final int T_LOCAL_DATE_TIME = 0x16;
    static final int T_DURATION = 0x17;

    static final int T_BYTES = 0x20;
    static final int T_SHORTS = 0x21;
    static final int T_INTS = 0x22;
    static final int T_LONGS = 0x23;
    static final int T_FLOATS = 0x24;
    static final int T_DOUBLES = 0x25;
    static final int T_CHARS = 0x26;
    static final int T_BOOLEANS = 0x27;
    static final int T_OBJECTS = 0x28;
    static final int T_STRINGS = 0x29;

    static final int T_J_LIST = 0x30;
    static final int T_J_HASH_MAP = 0x31;
    static final int T_J_LINKED_MAP = 0x32;
    static final int T_J_SORTED_MAP = 0x33;
    static final int T_J_HASH_SET = 0x34;
    static final int T_J_LINKED_SET = 0x35;
    static final int T_J_SORTED_SET = 0x36;

    static final int T_VECTOR = 0x40;
    static final int T_CLJ_LIST = 0x41;
    static final int T_ARRAY_MAP = 0x42;
    static final int T_HASH_MAP = 0x43;
    static final int T_SORTED_MAP = 0x44;
    static final int T_HASH_SET = 0x45;
    static final int T_SORTED_SET = 0x46;
    static final int T_QUEUE = 0x47;
    static final int T_MAP_ENTRY = 0x48;
    static final int T_RECORD = 0x49;
    /** Sorted maps and sets that are also {@code java.util.SortedMap}/{@code SortedSet} (range results). */
    static final int T_SORTED_MAP_J = 0x4A;
    static final int T_SORTED_SET_J = 0x4B;

    static final int T_ENUM = 0x50;
    static final int T_SERIALIZABLE = 0x51;
    static final int T_CUSTOM = 0x52;

    /** Tags 0xC0…0xFF are the longs −16…47 in one byte. */
    static final int T_SMALL_LONG_FIRST = 0xC0;
    static final long SMALL_LONG_MIN = -16;
    static final long SMALL_LONG_MAX = 47;

    /** How a sorted collection's comparator is written. */
    static final int CMP_NATURAL = 0;
    static final int CMP_CLOJURE_DEFAULT = 1;
    static final int CMP_KEY_ORDER = 2;
    static final int CMP_VAR = 3;
    static final int CMP_VALUE = 4;

    private static final String CLOJURE_DEFAULT_COMPARATOR_CLASS = "clojure.lang.RT$DefaultComparator";
    private static final String SERIALIZED_LAMBDA = SerializedLambda.class.getName();
    /**
     * The JDK's serialization proxies for java.time values and for List.of/Set.of/Map.of: Java
     * serialization swaps them in (writeReplace) before the codec sees the value, so inside a
     * Java-serialized value they are kept, and read back as the JDK reads them.
     */
    private static final Set<String> JDK_PROXIES = Set.of("java.time.Ser", "java.util.CollSer");
    /**
     * Vars whose functions may be a decoded collection's comparator besides functions of allowed
     * classes: a var names any loaded function, and a comparator is called with decoded values.
     */
    private static final Set<String> SAFE_COMPARATOR_VARS = Set.of(
            "clojure.core/compare", "clojure.core/<", "clojure.core/>", "clojure.core/<=", "clojure.core/>=");

    private enum Kind {
        BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, CHAR, STRING, BIG_INTEGER, BIG_DECIMAL, BIG_INT, RATIO,
        UUID, KEYWORD, SYMBOL, INSTANT, LOCAL_DATE, LOCAL_DATE_TIME, DURATION,
        BYTES, SHORTS, INTS, LONGS, FLOATS, DOUBLES, CHARS, BOOLEANS, OBJECTS, STRINGS,
        J_LIST, J_HASH_MAP, J_LINKED_MAP, J_SORTED_MAP, J_HASH_SET, J_LINKED_SET, J_SORTED_SET,
        VECTOR, CLJ_LIST, SEQ, ARRAY_MAP, HASH_MAP, SORTED_MAP, HASH_SET, SORTED_SET, QUEUE, MAP_ENTRY, RECORD,
        SORTED_MAP_J, SORTED_SET_J,
        ENUM, SERIALIZABLE, CUSTOM, UNSUPPORTED
    }

    /** How values of one class are written; holds no reference to the codec (see {@link ClassValue}). */
    private static final class Handler {
        final Kind kind;
        final FloeCustomSerialization<Object> custom;
        final int customId;
        final String message;

        Handler(Kind kind, FloeCustomSerialization<Object> custom, int customId, String message) {
            this.kind = kind;
            this.custom = custom;
            this.customId = customId;
            this.message = message;
        }
    }

    private static final Handler[] BUILTIN_HANDLERS = new Handler[Kind.values().length];
    private static final Map<Class<?>, Kind> BUILTIN = new HashMap<>();

    static {
        for (Kind k : Kind.values()) {
            BUILTIN_HANDLERS[k.ordinal()] = new Handler(k, null, 0, null);
        }
        BUILTIN.put(Boolean.class, Kind.BOOLEAN);
        BUILTIN.put(Byte.class, Kind.BYTE);
        BUILTIN.put(Short.class, Kind.SHORT);
        BUILTIN.put(Integer.class, Kind.INT);
        BUILTIN.put(Long.class, Kind.LONG);
        BUILTIN.put(Float.class, Kind.FLOAT);
        BUILTIN.put(Double.class, Kind.DOUBLE);
        BUILTIN.put(Character.class, Kind.CHAR);
        BUILTIN.put(String.class, Kind.STRING);
        BUILTIN.put(BigInteger.class, Kind.BIG_INTEGER);
        BUILTIN.put(BigDecimal.class, Kind.BIG_DECIMAL);
        BUILTIN.put(BigInt.class, Kind.BIG_INT);
        BUILTIN.put(Ratio.class, Kind.RATIO);
        BUILTIN.put(UUID.class, Kind.UUID);
        BUILTIN.put(Keyword.class, Kind.KEYWORD);
        BUILTIN.put(Symbol.class, Kind.SYMBOL);
        BUILTIN.put(Instant.class, Kind.INSTANT);
        BUILTIN.put(LocalDate.class, Kind.LOCAL_DATE);
        BUILTIN.put(LocalDateTime.class, Kind.LOCAL_DATE_TIME);
        BUILTIN.put(Duration.class, Kind.DURATION);
        BUILTIN.put(byte[].class, Kind.BYTES);
        BUILTIN.put(short[].class, Kind.SHORTS);
        BUILTIN.put(int[].class, Kind.INTS);
        BUILTIN.put(long[].class, Kind.LONGS);
        BUILTIN.put(float[].class, Kind.FLOATS);
        BUILTIN.put(double[].class, Kind.DOUBLES);
        BUILTIN.put(char[].class, Kind.CHARS);
        BUILTIN.put(boolean[].class, Kind.BOOLEANS);
        BUILTIN.put(Object[].class, Kind.OBJECTS);
        BUILTIN.put(String[].class, Kind.STRINGS);
        BUILTIN.put(ArrayList.class, Kind.J_LIST);
        BUILTIN.put(HashMap.class, Kind.J_HASH_MAP);
        BUILTIN.put(LinkedHashMap.class, Kind.J_LINKED_MAP);
        BUILTIN.put(TreeMap.class, Kind.J_SORTED_MAP);
        BUILTIN.put(HashSet.class, Kind.J_HASH_SET);
        BUILTIN.put(LinkedHashSet.class, Kind.J_LINKED_SET);
        BUILTIN.put(TreeSet.class, Kind.J_SORTED_SET);
        BUILTIN.put(PersistentVector.class, Kind.VECTOR);
        BUILTIN.put(PersistentList.class, Kind.CLJ_LIST);
        BUILTIN.put(((Object) PersistentList.EMPTY).getClass(), Kind.CLJ_LIST);
        BUILTIN.put(PersistentArrayMap.class, Kind.ARRAY_MAP);
        BUILTIN.put(PersistentHashMap.class, Kind.HASH_MAP);
        BUILTIN.put(PersistentTreeMap.class, Kind.SORTED_MAP);
        BUILTIN.put(PersistentHashSet.class, Kind.HASH_SET);
        BUILTIN.put(PersistentTreeSet.class, Kind.SORTED_SET);
        BUILTIN.put(PersistentSortedMap.class, Kind.SORTED_MAP_J);
        BUILTIN.put(PersistentSortedSet.class, Kind.SORTED_SET_J);
        BUILTIN.put(PersistentQueue.class, Kind.QUEUE);
        BUILTIN.put(MapEntry.class, Kind.MAP_ENTRY);
    }

    private final FloeCustomSerialization<Object>[] customs;
    private final int[] customIds;
    private final Set<Class<?>> registered;
    private final ClassLoader loader;
    private final Limits limits;
    private final ClassValue<Handler> handlers = new ClassValue<>() {
        @Override
        protected Handler computeValue(Class<?> type) {
            return resolve(type);
        }
    };
    /** Allowed enum classes and record factories by class name, once resolved. */
    private final ConcurrentHashMap<String, Class<?>> enumsByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MethodHandle> recordFactoriesByName = new ConcurrentHashMap<>();

    /** A codec with no custom serializations and no registered classes. */
    public FloeCodec() {
        this(List.of());
    }

    /** A codec with these custom serializations. */
    public FloeCodec(List<? extends FloeCustomSerialization<?>> customs) {
        this(customs, List.of(), null, Limits.DEFAULT);
    }

    /**
     * A codec.
     *
     * @param customs custom serializations; each takes over its {@code targetType} and subclasses,
     *        the first registered winning. They are identified in the bytes by the hash of their
     *        class name, so the list's order may change between writer and reader.
     * @param allowed serializable classes (exact classes) that may be Java-serialized inside the
     *        encoding besides {@link FloeSerializable} ones
     * @param loader where classes named by the bytes resolve (the module's class loader); null for
     *        the thread's context class loader at construction
     * @param limits limits on nesting and collection size
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public FloeCodec(List<? extends FloeCustomSerialization<?>> customs, Collection<? extends Class<?>> allowed,
                     ClassLoader loader, Limits limits) {
        this.customs = customs.toArray(new FloeCustomSerialization[0]);
        this.customIds = new int[this.customs.length];
        Map<Integer, String> seen = new HashMap<>();
        for (int i = 0; i < this.customs.length; i++) {
            if (this.customs[i] == null || this.customs[i].targetType() == null) {
                throw new IllegalArgumentException("custom serialization " + i + " is null or has no targetType");
            }
            String name = this.customs[i].getClass().getName();
            customIds[i] = name.hashCode();
            String other = seen.put(customIds[i], name);
            if (other != null) {
                throw new IllegalArgumentException(other.equals(name)
                        ? "custom serialization " + name + " is registered twice"
                        : "custom serializations " + other + " and " + name + " have the same id (class name hash); rename one");
            }
        }
        Set<Class<?>> reg = new HashSet<>();
        for (Class<?> c : allowed) {
            if (!Serializable.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("cannot allow " + c.getName()
                        + ": it is not java.io.Serializable (register a FloeCustomSerialization for it instead)");
            }
            reg.add(c);
        }
        this.registered = Set.copyOf(reg);
        ClassLoader l = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        this.loader = l != null ? l : FloeCodec.class.getClassLoader();
        this.limits = limits;
    }

    /** The limits this codec enforces. */
    public Limits limits() {
        return limits;
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding

    @Override
    public byte[] encode(Object value) {
        return encodeAt(value, 0);
    }

    private byte[] encodeAt(Object value, int depth) {
        ByteSink out = new ByteSink(64);
        out.write(FORMAT_V1);
        write(out, value, depth);
        return out.toByteArray();
    }

    private Handler resolve(Class<?> c) {
        for (int i = 0; i < customs.length; i++) {
            if (customs[i].targetType().isAssignableFrom(c)) {
                return new Handler(Kind.CUSTOM, customs[i], customIds[i], null);
            }
        }
        Kind k = BUILTIN.get(c);
        if (k != null) {
            return BUILTIN_HANDLERS[k.ordinal()];
        }
        if (c.isArray()) {
            return unsupported("cannot encode an array of " + c.getComponentType().getName()
                    + ": Floe's codec encodes primitive arrays, Object[] and String[]; use one of those or a List");
        }
        if (Enum.class.isAssignableFrom(c)) {
            Class<?> e = c.isEnum() ? c : c.getSuperclass();
            return isAllowed(e) ? BUILTIN_HANDLERS[Kind.ENUM.ordinal()]
                    : unsupported("cannot encode a value of the enum " + e.getName()
                    + ": it is not on the codec's allow-list; make it implement dev.floe.FloeSerializable,"
                    + " register the class as allowed, or register a dev.floe.FloeCustomSerialization for it");
        }
        if (isAllowed(c)) {
            return BUILTIN_HANDLERS[Kind.SERIALIZABLE.ordinal()];
        }
        if (IRecord.class.isAssignableFrom(c)) {
            if (recordFactory(c) == null) {
                return unsupported("cannot encode a value of class " + c.getName()
                        + ": it is a clojure.lang.IRecord without defrecord's static create(IPersistentMap) factory;"
                        + " make it implement dev.floe.FloeSerializable or register a dev.floe.FloeCustomSerialization for it");
            }
            return BUILTIN_HANDLERS[Kind.RECORD.ordinal()];
        }
        if (IPersistentVector.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.VECTOR.ordinal()];
        }
        if (IPersistentMap.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[(Sorted.class.isAssignableFrom(c) ? Kind.SORTED_MAP : Kind.HASH_MAP).ordinal()];
        }
        if (IPersistentSet.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[(Sorted.class.isAssignableFrom(c) ? Kind.SORTED_SET : Kind.HASH_SET).ordinal()];
        }
        if (ISeq.class.isAssignableFrom(c) || IPersistentList.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.SEQ.ordinal()];
        }
        if (List.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.J_LIST.ordinal()];
        }
        if (SortedMap.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.J_SORTED_MAP.ordinal()];
        }
        if (Map.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.J_LINKED_MAP.ordinal()];
        }
        if (SortedSet.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.J_SORTED_SET.ordinal()];
        }
        if (Set.class.isAssignableFrom(c)) {
            return BUILTIN_HANDLERS[Kind.J_LINKED_SET.ordinal()];
        }
        if (Serializable.class.isAssignableFrom(c)) {
            return unsupported("cannot encode a value of class " + c.getName()
                    + ": it is java.io.Serializable but not on the codec's allow-list; make it implement"
                    + " dev.floe.FloeSerializable, register the class as allowed, or register a"
                    + " dev.floe.FloeCustomSerialization for it");
        }
        return unsupported("cannot encode a value of class " + c.getName()
                + ": Floe's codec encodes Java and Clojure data (numbers, strings, keywords, collections, records, …);"
                + " make the class implement dev.floe.FloeSerializable, or register a dev.floe.FloeCustomSerialization for it");
    }

    private static Handler unsupported(String message) {
        return new Handler(Kind.UNSUPPORTED, null, 0, message);
    }

    private boolean isAllowed(Class<?> c) {
        return FloeSerializable.class.isAssignableFrom(c) || registered.contains(c);
    }

    private void enter(int depth) {
        if (depth >= limits.depthMax()) {
            throw new CodecException("cannot encode a value nested deeper than " + limits.depthMax()
                    + " levels (a collection that contains itself? otherwise raise FloeCodec.Limits.depthMax)");
        }
    }

    private void writeCount(ByteSink out, int n, Object coll) {
        if (n < 0 || n > limits.collectionSizeMax()) {
            throw new CodecException("cannot encode a " + coll.getClass().getName() + " of " + n
                    + " elements: more than the limit of " + limits.collectionSizeMax() + " (FloeCodec.Limits.collectionSizeMax)");
        }
        out.writeVarint(n);
    }

    private static CodecException changed(Object coll) {
        return new CodecException("a " + coll.getClass().getName()
                + " changed size while it was being encoded (modified by another thread?)");
    }

    private void write(ByteSink out, Object v, int depth) {
        if (v == null) {
            out.write(T_NULL);
            return;
        }
        Handler h = handlers.get(v.getClass());
        switch (h.kind) {
            case BOOLEAN:
                out.write((Boolean) v ? T_TRUE : T_FALSE);
                return;
            case BYTE:
                out.write(T_BYTE);
                out.write((Byte) v);
                return;
            case SHORT:
                out.write(T_SHORT);
                out.writeZigzag((Short) v);
                return;
            case INT:
                out.write(T_INT);
                out.writeZigzag((Integer) v);
                return;
            case LONG: {
                long l = (Long) v;
                if (l >= SMALL_LONG_MIN && l <= SMALL_LONG_MAX) {
                    out.write((int) (T_SMALL_LONG_FIRST + (l - SMALL_LONG_MIN)));
                } else {
                    out.write(T_LONG);
                    out.writeZigzag(l);
                }
                return;
            }
            case FLOAT:
                out.write(T_FLOAT);
                out.writeIntBE(Float.floatToRawIntBits((Float) v));
                return;
            case DOUBLE:
                out.write(T_DOUBLE);
                out.writeLongBE(Double.doubleToRawLongBits((Double) v));
                return;
            case CHAR:
                out.write(T_CHAR);
                out.writeShortBE((Character) v);
                return;
            case STRING:
                out.write(T_STRING);
                Wtf8.write(out, (String) v);
                return;
            case BIG_INTEGER:
                out.write(T_BIG_INTEGER);
                writeBigInteger(out, (BigInteger) v);
                return;
            case BIG_DECIMAL: {
                BigDecimal d = (BigDecimal) v;
                out.write(T_BIG_DECIMAL);
                out.writeZigzag(d.scale());
                writeBigInteger(out, d.unscaledValue());
                return;
            }
            case BIG_INT:
                out.write(T_BIG_INT);
                writeBigInteger(out, ((BigInt) v).toBigInteger());
                return;
            case RATIO:
                out.write(T_RATIO);
                writeBigInteger(out, ((Ratio) v).numerator);
                writeBigInteger(out, ((Ratio) v).denominator);
                return;
            case UUID: {
                UUID u = (UUID) v;
                out.write(T_UUID);
                out.writeLongBE(u.getMostSignificantBits());
                out.writeLongBE(u.getLeastSignificantBits());
                return;
            }
            case KEYWORD: {
                Keyword k = (Keyword) v;
                writeNamed(out, k.getNamespace(), k.getName(), T_KEYWORD, T_KEYWORD_NS);
                return;
            }
            case SYMBOL: {
                Symbol s = (Symbol) v;
                writeNamed(out, s.getNamespace(), s.getName(), T_SYMBOL, T_SYMBOL_NS);
                return;
            }
            case INSTANT: {
                Instant t = (Instant) v;
                out.write(T_INSTANT);
                out.writeZigzag(t.getEpochSecond());
                out.writeVarint(t.getNano());
                return;
            }
            case LOCAL_DATE:
                out.write(T_LOCAL_DATE);
                out.writeZigzag(((LocalDate) v).toEpochDay());
                return;
            case LOCAL_DATE_TIME: {
                LocalDateTime t = (LocalDateTime) v;
                out.write(T_LOCAL_DATE_TIME);
                out.writeZigzag(t.toLocalDate().toEpochDay());
                out.writeVarlong(t.toLocalTime().toNanoOfDay());
                return;
            }
            case DURATION: {
                Duration d = (Duration) v;
                out.write(T_DURATION);
                out.writeZigzag(d.getSeconds());
                out.writeVarint(d.getNano());
                return;
            }
            case BYTES: {
                byte[] a = (byte[]) v;
                out.write(T_BYTES);
                writeCount(out, a.length, v);
                out.write(a, 0, a.length);
                return;
            }
            case SHORTS: {
                short[] a = (short[]) v;
                out.write(T_SHORTS);
                writeCount(out, a.length, v);
                for (short x : a) {
                    out.writeShortBE(x);
                }
                return;
            }
            case INTS: {
                int[] a = (int[]) v;
                out.write(T_INTS);
                writeCount(out, a.length, v);
                for (int x : a) {
                    out.writeIntBE(x);
                }
                return;
            }
            case LONGS: {
                long[] a = (long[]) v;
                out.write(T_LONGS);
                writeCount(out, a.length, v);
                for (long x : a) {
                    out.writeLongBE(x);
                }
                return;
            }
            case FLOATS: {
                float[] a = (float[]) v;
                out.write(T_FLOATS);
                writeCount(out, a.length, v);
                for (float x : a) {
                    out.writeIntBE(Float.floatToRawIntBits(x));
                }
                return;
            }
            case DOUBLES: {
                double[] a = (double[]) v;
                out.write(T_DOUBLES);
                writeCount(out, a.length, v);
                for (double x : a) {
                    out.writeLongBE(Double.doubleToRawLongBits(x));
                }
                return;
            }
            case CHARS: {
                char[] a = (char[]) v;
                out.write(T_CHARS);
                writeCount(out, a.length, v);
                for (char x : a) {
                    out.writeShortBE(x);
                }
                return;
            }
            case BOOLEANS: {
                boolean[] a = (boolean[]) v;
                out.write(T_BOOLEANS);
                writeCount(out, a.length, v);
                for (boolean x : a) {
                    out.write(x ? 1 : 0);
                }
                return;
            }
            case OBJECTS:
            case STRINGS: {
                Object[] a = (Object[]) v;
                enter(depth);
                out.write(h.kind == Kind.OBJECTS ? T_OBJECTS : T_STRINGS);
                writeCount(out, a.length, v);
                for (int i = 0; i < a.length; i++) {
                    try {
                        write(out, a[i], depth + 1);
                    } catch (CodecException e) {
                        throw e.within("element " + i + " of an array");
                    }
                }
                return;
            }
            case J_LIST:
                out.write(T_J_LIST);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case J_HASH_SET:
                out.write(T_J_HASH_SET);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case J_LINKED_SET:
                out.write(T_J_LINKED_SET);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case J_SORTED_SET:
                out.write(T_J_SORTED_SET);
                writeComparator(out, ((SortedSet<?>) v).comparator(), false, v, depth);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case J_HASH_MAP:
                out.write(T_J_HASH_MAP);
                writeJavaMap(out, (Map<?, ?>) v, depth);
                return;
            case J_LINKED_MAP:
                out.write(T_J_LINKED_MAP);
                writeJavaMap(out, (Map<?, ?>) v, depth);
                return;
            case J_SORTED_MAP:
                out.write(T_J_SORTED_MAP);
                writeComparator(out, ((SortedMap<?, ?>) v).comparator(), false, v, depth);
                writeJavaMap(out, (Map<?, ?>) v, depth);
                return;
            case VECTOR: {
                enter(depth);
                out.write(T_VECTOR);
                Indexed vec = (Indexed) v;
                int n = vec.count();
                writeCount(out, n, v);
                if (v instanceof PersistentVector) {
                    writeIterated(out, ((PersistentVector) v).iterator(), n, v, depth);
                } else {
                    for (int i = 0; i < n; i++) {
                        writeElement(out, vec.nth(i), i, v, depth);
                    }
                }
                return;
            }
            case CLJ_LIST:
                out.write(T_CLJ_LIST);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case SEQ:
                writeSeq(out, v, depth);
                return;
            case QUEUE:
                out.write(T_QUEUE);
                writeElements(out, (Collection<?>) v, depth);
                return;
            case HASH_SET: {
                out.write(T_HASH_SET);
                writeCljSet(out, (IPersistentSet) v, depth);
                return;
            }
            case SORTED_SET:
            case SORTED_SET_J: {
                out.write(h.kind == Kind.SORTED_SET ? T_SORTED_SET : T_SORTED_SET_J);
                writeComparator(out, ((Sorted) v).comparator(), true, v, depth);
                writeCljSet(out, (IPersistentSet) v, depth);
                return;
            }
            case ARRAY_MAP:
                out.write(T_ARRAY_MAP);
                writeCljMap(out, (IPersistentMap) v, depth);
                return;
            case HASH_MAP:
                out.write(T_HASH_MAP);
                writeCljMap(out, (IPersistentMap) v, depth);
                return;
            case SORTED_MAP:
            case SORTED_MAP_J:
                out.write(h.kind == Kind.SORTED_MAP ? T_SORTED_MAP : T_SORTED_MAP_J);
                writeComparator(out, ((Sorted) v).comparator(), true, v, depth);
                writeCljMap(out, (IPersistentMap) v, depth);
                return;
            case MAP_ENTRY: {
                enter(depth);
                MapEntry e = (MapEntry) v;
                out.write(T_MAP_ENTRY);
                writeElement(out, e.key(), 0, v, depth);
                writeElement(out, e.val(), 1, v, depth);
                return;
            }
            case RECORD:
                out.write(T_RECORD);
                Wtf8.write(out, v.getClass().getName());
                writeCljMap(out, (IPersistentMap) v, depth);
                return;
            case ENUM: {
                Enum<?> e = (Enum<?>) v;
                out.write(T_ENUM);
                Wtf8.write(out, e.getDeclaringClass().getName());
                Wtf8.write(out, e.name());
                return;
            }
            case SERIALIZABLE: {
                enter(depth);
                byte[] bytes = javaSerialize(v, depth);
                out.write(T_SERIALIZABLE);
                out.writeVarint(bytes.length);
                out.write(bytes, 0, bytes.length);
                return;
            }
            case CUSTOM:
                writeCustom(out, h, v);
                return;
            case UNSUPPORTED:
            default:
                throw new CodecException(h.message);
        }
    }

    private static void writeNamed(ByteSink out, String ns, String name, int tag, int tagNs) {
        if (ns == null) {
            out.write(tag);
        } else {
            out.write(tagNs);
            Wtf8.write(out, ns);
        }
        Wtf8.write(out, name);
    }

    private static void writeBigInteger(ByteSink out, BigInteger b) {
        byte[] bytes = b.toByteArray();
        out.writeVarint(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private void writeElement(ByteSink out, Object x, int i, Object coll, int depth) {
        try {
            write(out, x, depth + 1);
        } catch (CodecException e) {
            throw e.within("element " + i + " of a " + coll.getClass().getName());
        }
    }

    private void writeElements(ByteSink out, Collection<?> c, int depth) {
        enter(depth);
        int n = c.size();
        writeCount(out, n, c);
        writeIterated(out, c.iterator(), n, c, depth);
    }

    private void writeIterated(ByteSink out, Iterator<?> it, int n, Object coll, int depth) {
        int i = 0;
        while (it.hasNext()) {
            if (i == n) {
                throw changed(coll);
            }
            writeElement(out, it.next(), i, coll, depth);
            i++;
        }
        if (i != n) {
            throw changed(coll);
        }
    }

    /** A seq that may be lazy or unbounded: walked up to the collection limit, written as a list. */
    private void writeSeq(ByteSink out, Object v, int depth) {
        enter(depth);
        ArrayList<Object> items = new ArrayList<>();
        for (ISeq s = ((Seqable) v).seq(); s != null; s = s.next()) {
            if (items.size() == limits.collectionSizeMax()) {
                throw new CodecException("cannot encode a " + v.getClass().getName() + " longer than "
                        + limits.collectionSizeMax() + " elements (an infinite seq? otherwise raise FloeCodec.Limits.collectionSizeMax)");
            }
            items.add(s.first());
        }
        out.write(T_CLJ_LIST);
        out.writeVarint(items.size());
        for (int i = 0; i < items.size(); i++) {
            writeElement(out, items.get(i), i, v, depth);
        }
    }

    private void writeCljSet(ByteSink out, IPersistentSet s, int depth) {
        enter(depth);
        int n = s.count();
        writeCount(out, n, s);
        if (s instanceof Iterable) {
            writeIterated(out, ((Iterable<?>) s).iterator(), n, s, depth);
        } else {
            int i = 0;
            for (ISeq q = s.seq(); q != null; q = q.next()) {
                if (i == n) {
                    throw changed(s);
                }
                writeElement(out, q.first(), i++, s, depth);
            }
            if (i != n) {
                throw changed(s);
            }
        }
    }

    private void writeJavaMap(ByteSink out, Map<?, ?> m, int depth) {
        enter(depth);
        int n = m.size();
        writeCount(out, n, m);
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (i == n) {
                throw changed(m);
            }
            writeEntry(out, e.getKey(), e.getValue(), m, depth);
            i++;
        }
        if (i != n) {
            throw changed(m);
        }
    }

    private void writeCljMap(ByteSink out, IPersistentMap m, int depth) {
        enter(depth);
        int n = m.count();
        writeCount(out, n, m);
        int i = 0;
        for (Object o : m) {
            if (i == n) {
                throw changed(m);
            }
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            writeEntry(out, e.getKey(), e.getValue(), m, depth);
            i++;
        }
        if (i != n) {
            throw changed(m);
        }
    }

    private void writeEntry(ByteSink out, Object k, Object v, Object map, int depth) {
        try {
            write(out, k, depth + 1);
        } catch (CodecException e) {
            throw e.within("a key of a " + map.getClass().getName());
        }
        try {
            write(out, v, depth + 1);
        } catch (CodecException e) {
            throw e.within("the value at key " + describeKey(k) + " of a " + map.getClass().getName());
        }
    }

    private static String describeKey(Object k) {
        if (k == null) {
            return "nil";
        }
        String s;
        if (k instanceof String) {
            s = '"' + (String) k + '"';
        } else if (k instanceof Keyword || k instanceof Symbol || k instanceof Number || k instanceof Boolean
                || k instanceof Character || k instanceof UUID) {
            s = k.toString();
        } else {
            return "(a " + k.getClass().getName() + ")";
        }
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    private void writeComparator(ByteSink out, Comparator<?> c, boolean clojure, Object coll, int depth) {
        if (c == null) {
            out.write(clojure ? CMP_CLOJURE_DEFAULT : CMP_NATURAL);
        } else if (c == KeyOrder.INSTANCE) {
            out.write(CMP_KEY_ORDER);
        } else if (c.getClass().getName().equals(CLOJURE_DEFAULT_COMPARATOR_CLASS)) {
            out.write(CMP_CLOJURE_DEFAULT);
        } else {
            String[] var = c instanceof IFn ? varHolding(c) : null;
            if (var != null && comparatorVarAllowed(var[0], var[1], c)) {
                out.write(CMP_VAR);
                Wtf8.write(out, var[0]);
                Wtf8.write(out, var[1]);
            } else {
                out.write(CMP_VALUE);
                try {
                    write(out, c, depth + 1);
                } catch (CodecException e) {
                    throw e.within("the comparator of a " + coll.getClass().getName()
                            + " (Floe keeps natural order, Clojure's default comparator, KeyOrder, clojure.core's compare,"
                            + " <, >, <=, >=, or a comparator of an allowed class)");
                }
            }
        }
    }

    private boolean comparatorVarAllowed(String ns, String name, Object fn) {
        return SAFE_COMPARATOR_VARS.contains(ns + "/" + name) || isAllowed(fn.getClass());
    }

    /** The namespace and name of the var whose root is this function, if there is one. */
    private static String[] varHolding(Object fn) {
        String cls = fn.getClass().getName();
        if (cls.indexOf('$') < 0) {
            return null;
        }
        String qualified = clojure.lang.Compiler.demunge(cls);
        int slash = qualified.indexOf('/');
        if (slash <= 0 || slash == qualified.length() - 1) {
            return null;
        }
        String ns = qualified.substring(0, slash);
        String name = qualified.substring(slash + 1);
        Namespace n = Namespace.find(Symbol.intern(ns));
        Var v = n == null ? null : n.findInternedVar(Symbol.intern(name));
        return v != null && v.hasRoot() && v.getRawRoot() == fn ? new String[] {ns, name} : null;
    }

    private void writeCustom(ByteSink out, Handler h, Object v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            h.custom.serialize(v, d);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("custom serialization " + h.custom.getClass().getName()
                    + " failed to write a " + v.getClass().getName() + ": " + e, e);
        }
        out.write(T_CUSTOM);
        out.writeIntBE(h.customId);
        out.writeVarint(bytes.size());
        byte[] b = bytes.toByteArray();
        out.write(b, 0, b.length);
    }

    // ---------------------------------------------------------------------------------------------
    // Java serialization of allowed classes

    /** Floe-encoded bytes of a built-in value inside a Java-serialization stream. */
    static final class Embedded implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final int CHUNK = 1 << 16;
        private transient byte[] bytes;

        Embedded(byte[] bytes) {
            this.bytes = bytes;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private void readObject(ObjectInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                throw new InvalidClassException(Embedded.class.getName(), "negative length " + n);
            }
            // read in chunks so that a false length fails at the end of the input, not in allocation
            ByteArrayOutputStream b = new ByteArrayOutputStream(Math.min(n, CHUNK));
            byte[] chunk = new byte[Math.min(n, CHUNK)];
            int left = n;
            while (left > 0) {
                int k = Math.min(left, chunk.length);
                in.readFully(chunk, 0, k);
                b.write(chunk, 0, k);
                left -= k;
            }
            bytes = b.toByteArray();
        }
    }

    private byte[] javaSerialize(Object v, int depth) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JavaOut out = new JavaOut(bytes, depth)) {
            out.writeObject(v);
        } catch (CodecException e) {
            throw e.within("inside a " + v.getClass().getName() + " (Java-serialized)");
        } catch (IOException e) {
            throw new CodecException("cannot encode a " + v.getClass().getName() + " with Java serialization: " + e, e);
        }
        return bytes.toByteArray();
    }

    private final class JavaOut extends ObjectOutputStream {
        private final int depth;

        JavaOut(OutputStream out, int depth) throws IOException {
            super(out);
            this.depth = depth;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof String || obj instanceof Embedded || obj instanceof SerializedLambda
                    || JDK_PROXIES.contains(obj.getClass().getName())) {
                return obj;
            }
            if (handlers.get(obj.getClass()).kind == Kind.SERIALIZABLE) {
                return obj;
            }
            return new Embedded(encodeAt(obj, depth + 1));
        }
    }

    private Object javaDeserialize(ByteSource in, int len, int depth) {
        int start = in.pos;
        ByteArrayInputStream bytes = new ByteArrayInputStream(in.buf, in.pos, len);
        Object v;
        try (JavaIn jin = new JavaIn(bytes, depth, start, len)) {
            v = jin.readObject();
            if (jin.read() != -1) {
                throw in.errorAt(start, "bytes left over after a Java-serialized value");
            }
        } catch (CodecException e) {
            throw e;
        } catch (EOFException e) {
            throw in.errorAt(start, "truncated Java-serialized value", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw in.errorAt(start, "malformed Java-serialized value: " + e, e);
        }
        in.pos = start + len;
        return v;
    }

    private final class JavaIn extends ObjectInputStream {
        private final int depth;
        private final int offset;
        /** Serializable superclasses of the allowed classes read so far. */
        private final Set<Class<?>> permittedSupers = new HashSet<>();

        JavaIn(InputStream in, int depth, int offset, int len) throws IOException {
            super(in);
            this.depth = depth;
            this.offset = offset;
            enableResolveObject(true);
            int depthLeft = limits.depthMax() - depth;
            setObjectInputFilter(info -> info.depth() > depthLeft || info.references() > len
                    || info.arrayLength() > len ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException {
            String name = desc.getName();
            if (name.equals(Embedded.class.getName())) {
                return Embedded.class;
            }
            if (name.equals(SERIALIZED_LAMBDA)) {
                return SerializedLambda.class;
            }
            if (JDK_PROXIES.contains(name)) {
                return loadClass(name, offset, "Java-serialized value");
            }
            if (name.startsWith("[")) {
                throw new CodecException("the Java-serialized value names the array class " + name
                        + ", which Floe never writes there", offset, null);
            }
            Class<?> c = loadClass(name, offset, "Java-serialized value");
            if (permittedSupers.contains(c) || isAllowed(c) || capturesSerializableLambdas(c)) {
                for (Class<?> s = c.getSuperclass(); s != null && Serializable.class.isAssignableFrom(s); s = s.getSuperclass()) {
                    permittedSupers.add(s);
                }
                return c;
            }
            throw new CodecException("the Java-serialized value names the class " + name
                    + ", which is not on the codec's allow-list (FloeSerializable or registered classes)", offset, null);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            throw new CodecException("the Java-serialized value contains a dynamic proxy of "
                    + Arrays.toString(interfaces) + ", which the codec never decodes", offset, null);
        }

        @Override
        protected Object resolveObject(Object obj) {
            if (obj instanceof Embedded) {
                byte[] b = ((Embedded) obj).bytes;
                try {
                    return decodeAt(b, depth + 1);
                } catch (CodecException e) {
                    throw new CodecException("a value inside a Java-serialized value: " + e.getMessage(), offset, e);
                }
            }
            return obj;
        }
    }

    /**
     * The class that created a serializable lambda is named by the lambda's serialized form; it is
     * accepted when it cannot itself be instantiated by deserialization (it is not Serializable).
     */
    private static boolean capturesSerializableLambdas(Class<?> c) {
        if (Serializable.class.isAssignableFrom(c)) {
            return false;
        }
        try {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("$deserializeLambda$") && Modifier.isStatic(m.getModifiers())) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }

    private Class<?> loadClass(String name, int offset, String what) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            try {
                // classes Clojure defined at run time (defrecord at the REPL) live in its dynamic loader
                return RT.classForName(name, false, loader);
            } catch (Exception | LinkageError e2) { // RT rethrows ClassNotFoundException unchecked
                throw new CodecException("the " + what + " names the class " + name + ", which is not found", offset, e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Records

    /** defrecord's static factory {@code create(IPersistentMap)}, as (IPersistentMap)Object, or null. */
    private static MethodHandle recordFactory(Class<?> c) {
        if (!IRecord.class.isAssignableFrom(c) || !IPersistentMap.class.isAssignableFrom(c)) {
            return null;
        }
        try {
            MethodHandle mh = MethodHandles.publicLookup().findStatic(c, "create", MethodType.methodType(c, IPersistentMap.class));
            return mh.asType(MethodType.methodType(Object.class, IPersistentMap.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private Object readRecord(ByteSource in, int depth) {
        int at = in.pos;
        String name = Wtf8.read(in, "record class name");
        MethodHandle factory = recordFactoriesByName.get(name);
        if (factory == null) {
            Class<?> c = loadClass(name, at, "record");
            factory = recordFactory(c);
            if (factory == null) {
                throw in.errorAt(at, "the class " + name + " is not a Clojure record (defrecord)");
            }
            recordFactoriesByName.putIfAbsent(name, factory);
        }
        IPersistentMap fields = (IPersistentMap) readCljMap(in, depth, PersistentArrayMap.EMPTY);
        try {
            return (Object) factory.invokeExact(fields);
        } catch (Throwable e) {
            if (e instanceof Error && !(e instanceof LinkageError)) {
                throw (Error) e;
            }
            throw in.errorAt(at, "the record " + name + " could not be created from its fields: " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding

    @Override
    public Object decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("cannot decode null bytes", 0, null);
        }
        return decodeAt(bytes, 0);
    }

    private Object decodeAt(byte[] bytes, int depth) {
        ByteSource in = new ByteSource(bytes);
        if (bytes.length == 0) {
            throw in.error("empty input");
        }
        int format = in.readByte();
        if (format != FORMAT_V1) {
            throw in.errorAt(0, String.format("not Floe codec data: format byte 0x%02x, expected 0x%02x%s", format, FORMAT_V1,
                    format == 0xAC ? " (0xAC 0xED starts Java serialization)" : ""));
        }
        Object v;
        try {
            v = read(in, depth);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.error("cannot decode: " + e);
        }
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes left over after the value");
        }
        return v;
    }

    private void enter(ByteSource in, int depth) {
        if (depth >= limits.depthMax()) {
            throw in.error("values nested deeper than " + limits.depthMax() + " levels");
        }
    }

    private int count(ByteSource in, int minBytesEach) {
        return in.readCount("collection size", minBytesEach, limits.collectionSizeMax());
    }

    private Object read(ByteSource in, int depth) {
        int at = in.pos;
        int tag = in.readByte();
        if (tag >= T_SMALL_LONG_FIRST) {
            return (long) (tag - T_SMALL_LONG_FIRST) + SMALL_LONG_MIN;
        }
        switch (tag) {
            case T_NULL:
                return null;
            case T_FALSE:
                return Boolean.FALSE;
            case T_TRUE:
                return Boolean.TRUE;
            case T_BYTE:
                return (byte) in.readByte();
            case T_SHORT: {
                long v = in.readZigzag();
                if (v != (short) v) {
                    throw in.errorAt(at, "short value " + v + " out of range");
                }
                return (short) v;
            }
            case T_INT: {
                long v = in.readZigzag();
                if (v != (int) v) {
                    throw in.errorAt(at, "int value " + v + " out of range");
                }
                return (int) v;
            }
            case T_LONG:
                return in.readZigzag();
            case T_FLOAT:
                return Float.intBitsToFloat(in.readIntBE());
            case T_DOUBLE:
                return Double.longBitsToDouble(in.readLongBE());
            case T_CHAR:
                return (char) in.readShortBE();
            case T_STRING:
                return Wtf8.read(in, "string");
            case T_BIG_INTEGER:
                return readBigInteger(in);
            case T_BIG_DECIMAL: {
                long scale = in.readZigzag();
                if (scale != (int) scale) {
                    throw in.errorAt(at, "BigDecimal scale " + scale + " out of range");
                }
                return new BigDecimal(readBigInteger(in), (int) scale);
            }
            case T_BIG_INT:
                return BigInt.fromBigInteger(readBigInteger(in));
            case T_RATIO: {
                BigInteger n = readBigInteger(in);
                BigInteger d = readBigInteger(in);
                if (d.signum() == 0) {
                    throw in.errorAt(at, "ratio with denominator 0");
                }
                return new Ratio(n, d);
            }
            case T_UUID:
                return new UUID(in.readLongBE(), in.readLongBE());
            case T_KEYWORD:
                return Keyword.intern(null, Wtf8.read(in, "keyword name"));
            case T_KEYWORD_NS: {
                String ns = Wtf8.read(in, "keyword namespace");
                return Keyword.intern(ns, Wtf8.read(in, "keyword name"));
            }
            case T_SYMBOL:
                return Symbol.intern(null, Wtf8.read(in, "symbol name"));
            case T_SYMBOL_NS: {
                String ns = Wtf8.read(in, "symbol namespace");
                return Symbol.intern(ns, Wtf8.read(in, "symbol name"));
            }
            case T_INSTANT: {
                long s = in.readZigzag();
                long n = in.readVarlong();
                try {
                    checkNanos(in, at, n);
                    return Instant.ofEpochSecond(s, n);
                } catch (java.time.DateTimeException e) {
                    throw in.errorAt(at, "Instant out of range: " + e.getMessage(), e);
                }
            }
            case T_LOCAL_DATE: {
                long d = in.readZigzag();
                try {
                    return LocalDate.ofEpochDay(d);
                } catch (java.time.DateTimeException e) {
                    throw in.errorAt(at, "LocalDate out of range: " + e.getMessage(), e);
                }
            }
            case T_LOCAL_DATE_TIME: {
                long d = in.readZigzag();
                long n = in.readVarlong();
                try {
                    return LocalDateTime.of(LocalDate.ofEpochDay(d), LocalTime.ofNanoOfDay(n));
                } catch (java.time.DateTimeException e) {
                    throw in.errorAt(at, "LocalDateTime out of range: " + e.getMessage(), e);
                }
            }
            case T_DURATION: {
                long s = in.readZigzag();
                long n = in.readVarlong();
                checkNanos(in, at, n);
                return Duration.ofSeconds(s, n);
            }
            case T_BYTES: {
                int n = count(in, 1);
                byte[] a = Arrays.copyOfRange(in.buf, in.pos, in.pos + n);
                in.pos += n;
                return a;
            }
            case T_SHORTS: {
                short[] a = new short[count(in, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) in.readShortBE();
                }
                return a;
            }
            case T_INTS: {
                int[] a = new int[count(in, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readIntBE();
                }
                return a;
            }
            case T_LONGS: {
                long[] a = new long[count(in, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLongBE();
                }
                return a;
            }
            case T_FLOATS: {
                float[] a = new float[count(in, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Float.intBitsToFloat(in.readIntBE());
                }
                return a;
            }
            case T_DOUBLES: {
                double[] a = new double[count(in, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(in.readLongBE());
                }
                return a;
            }
            case T_CHARS: {
                char[] a = new char[count(in, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (char) in.readShortBE();
                }
                return a;
            }
            case T_BOOLEANS: {
                boolean[] a = new boolean[count(in, 1)];
                for (int i = 0; i < a.length; i++) {
                    int b = in.readByte();
                    if (b > 1) {
                        throw in.errorAt(in.pos - 1, "boolean array element " + b + " is neither 0 nor 1");
                    }
                    a[i] = b == 1;
                }
                return a;
            }
            case T_OBJECTS: {
                enter(in, depth);
                Object[] a = new Object[count(in, 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = read(in, depth + 1);
                }
                return a;
            }
            case T_STRINGS: {
                enter(in, depth);
                String[] a = new String[count(in, 1)];
                for (int i = 0; i < a.length; i++) {
                    int t = in.readByte();
                    if (t == T_STRING) {
                        a[i] = Wtf8.read(in, "string");
                    } else if (t != T_NULL) {
                        throw in.errorAt(in.pos - 1, String.format("String[] element with tag 0x%02x", t));
                    }
                }
                return a;
            }
            case T_J_LIST: {
                enter(in, depth);
                int n = count(in, 1);
                ArrayList<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(in, depth + 1));
                }
                return l;
            }
            case T_J_HASH_SET:
                return readJavaSet(in, depth, at, new HashSet<>(capacity(in)));
            case T_J_LINKED_SET:
                return readJavaSet(in, depth, at, new LinkedHashSet<>(capacity(in)));
            case T_J_SORTED_SET: {
                Comparator<Object> cmp = readComparator(in, depth, false);
                return readJavaSet(in, depth, at, new TreeSet<>(cmp));
            }
            case T_J_HASH_MAP:
                return readJavaMap(in, depth, at, new HashMap<>(capacity(in)));
            case T_J_LINKED_MAP:
                return readJavaMap(in, depth, at, new LinkedHashMap<>(capacity(in)));
            case T_J_SORTED_MAP: {
                Comparator<Object> cmp = readComparator(in, depth, false);
                return readJavaMap(in, depth, at, new TreeMap<>(cmp));
            }
            case T_VECTOR: {
                enter(in, depth);
                int n = count(in, 1);
                ITransientCollection t = PersistentVector.EMPTY.asTransient();
                for (int i = 0; i < n; i++) {
                    t = t.conj(read(in, depth + 1));
                }
                return t.persistent();
            }
            case T_CLJ_LIST: {
                enter(in, depth);
                int n = count(in, 1);
                if (n == 0) {
                    return PersistentList.EMPTY;
                }
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) {
                    a[i] = read(in, depth + 1);
                }
                return PersistentList.create(Arrays.asList(a));
            }
            case T_QUEUE: {
                enter(in, depth);
                int n = count(in, 1);
                PersistentQueue q = PersistentQueue.EMPTY;
                for (int i = 0; i < n; i++) {
                    q = q.cons(read(in, depth + 1));
                }
                return q;
            }
            case T_HASH_SET: {
                enter(in, depth);
                int n = count(in, 1);
                ITransientCollection t = PersistentHashSet.EMPTY.asTransient();
                for (int i = 0; i < n; i++) {
                    t = t.conj(read(in, depth + 1));
                }
                IPersistentSet s = (IPersistentSet) t.persistent();
                checkDistinct(in, at, s.count(), n);
                return s;
            }
            case T_SORTED_SET:
            case T_SORTED_SET_J: {
                Comparator<Object> cmp = readComparator(in, depth, true);
                enter(in, depth);
                int n = count(in, 1);
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) {
                    a[i] = read(in, depth + 1);
                }
                IPersistentSet s;
                try {
                    s = tag == T_SORTED_SET ? PersistentTreeSet.create(cmp, ArraySeq.create(a))
                            : PersistentSortedSet.create(cmp, Arrays.asList(a));
                } catch (RuntimeException e) {
                    throw in.errorAt(at, "the elements of a sorted set do not compare with its comparator: " + e, e);
                }
                checkDistinct(in, at, s.count(), n);
                return s;
            }
            case T_ARRAY_MAP:
                return readArrayMap(in, depth, at);
            case T_HASH_MAP:
                return readCljMap(in, depth, PersistentHashMap.EMPTY);
            case T_SORTED_MAP:
            case T_SORTED_MAP_J: {
                Comparator<Object> cmp = readComparator(in, depth, true);
                enter(in, depth);
                int n = count(in, 2);
                PersistentTreeMap m = new PersistentTreeMap(null, cmp);
                for (int i = 0; i < n; i++) {
                    Object k = read(in, depth + 1);
                    Object v = read(in, depth + 1);
                    try {
                        m = m.assoc(k, v);
                    } catch (RuntimeException e) {
                        throw in.errorAt(at, "the keys of a sorted map do not compare with its comparator: " + e, e);
                    }
                }
                checkDistinct(in, at, m.count(), n);
                return tag == T_SORTED_MAP ? m : PersistentSortedMap.of(m);
            }
            case T_MAP_ENTRY: {
                enter(in, depth);
                Object k = read(in, depth + 1);
                return MapEntry.create(k, read(in, depth + 1));
            }
            case T_RECORD:
                enter(in, depth);
                return readRecord(in, depth);
            case T_ENUM:
                return readEnum(in, at);
            case T_SERIALIZABLE: {
                enter(in, depth);
                int len = in.readCount("Java-serialized length", 1, Integer.MAX_VALUE);
                return javaDeserialize(in, len, depth);
            }
            case T_CUSTOM:
                return readCustom(in, at);
            default:
                throw in.errorAt(at, String.format("unknown tag 0x%02x", tag));
        }
    }

    private static void checkNanos(ByteSource in, int at, long n) {
        if (n < 0 || n > 999_999_999) {
            throw in.errorAt(at, "nanoseconds " + n + " out of range");
        }
    }

    private static BigInteger readBigInteger(ByteSource in) {
        int at = in.pos;
        int n = in.readCount("big integer length", 1, Integer.MAX_VALUE);
        if (n == 0) {
            throw in.errorAt(at, "big integer of 0 bytes");
        }
        BigInteger b = new BigInteger(in.buf, in.pos, n);
        in.pos += n;
        return b;
    }

    /** Initial capacity for a hash collection whose count comes next, not consuming it. */
    private static int capacity(ByteSource in) {
        int p = in.pos;
        long n = 0;
        for (int shift = 0; shift < 35 && p < in.limit; shift += 7) {
            int b = in.buf[p++] & 0xFF;
            n |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        long bounded = Math.min(Math.min(n, in.remaining()), 1 << 20);
        return (int) (bounded * 4 / 3 + 1);
    }

    private static void checkDistinct(ByteSource in, int at, int actual, int declared) {
        if (actual != declared) {
            throw in.errorAt(at, "collection of " + declared + " elements has " + (declared - actual) + " duplicate keys");
        }
    }

    private Set<Object> readJavaSet(ByteSource in, int depth, int at, Set<Object> s) {
        enter(in, depth);
        int n = count(in, 1);
        for (int i = 0; i < n; i++) {
            Object x = read(in, depth + 1);
            try {
                s.add(x);
            } catch (RuntimeException e) {
                throw in.errorAt(at, "the elements of a sorted set do not compare with its comparator: " + e, e);
            }
        }
        checkDistinct(in, at, s.size(), n);
        return s;
    }

    private Map<Object, Object> readJavaMap(ByteSource in, int depth, int at, Map<Object, Object> m) {
        enter(in, depth);
        int n = count(in, 2);
        for (int i = 0; i < n; i++) {
            Object k = read(in, depth + 1);
            Object v = read(in, depth + 1);
            try {
                m.put(k, v);
            } catch (RuntimeException e) {
                throw in.errorAt(at, "the keys of a sorted map do not compare with its comparator: " + e, e);
            }
        }
        checkDistinct(in, at, m.size(), n);
        return m;
    }

    private Object readCljMap(ByteSource in, int depth, IPersistentMap empty) {
        int at = in.pos;
        enter(in, depth);
        int n = count(in, 2);
        ITransientMap t = (ITransientMap) ((clojure.lang.IEditableCollection) empty).asTransient();
        for (int i = 0; i < n; i++) {
            Object k = read(in, depth + 1);
            t = t.assoc(k, read(in, depth + 1));
        }
        IPersistentMap m = t.persistent();
        checkDistinct(in, at, m.count(), n);
        return m;
    }

    private Object readArrayMap(ByteSource in, int depth, int at) {
        enter(in, depth);
        int n = count(in, 2);
        Object[] kvs = new Object[2 * n];
        ITransientMap check = n > 16 ? PersistentHashMap.EMPTY.asTransient() : null;
        for (int i = 0; i < n; i++) {
            kvs[2 * i] = read(in, depth + 1);
            kvs[2 * i + 1] = read(in, depth + 1);
            if (check != null) {
                check = check.assoc(kvs[2 * i], Boolean.TRUE);
            }
        }
        if (check != null) {
            checkDistinct(in, at, check.count(), n);
            return new PersistentArrayMap(kvs);
        }
        try {
            return PersistentArrayMap.createWithCheck(kvs);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, "array map with duplicate keys: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Comparator<Object> readComparator(ByteSource in, int depth, boolean clojure) {
        int at = in.pos;
        int kind = in.readByte();
        switch (kind) {
            case CMP_NATURAL:
                if (clojure) {
                    throw in.errorAt(at, "a Clojure sorted collection without a comparator");
                }
                return null;
            case CMP_CLOJURE_DEFAULT:
                return (Comparator<Object>) RT.DEFAULT_COMPARATOR;
            case CMP_KEY_ORDER:
                return KeyOrder.INSTANCE;
            case CMP_VAR: {
                String ns = Wtf8.read(in, "comparator namespace");
                String name = Wtf8.read(in, "comparator name");
                Namespace n = Namespace.find(Symbol.intern(ns));
                Var v = n == null ? null : n.findInternedVar(Symbol.intern(name));
                Object f = v != null && v.hasRoot() ? v.getRawRoot() : null;
                if (!(f instanceof Comparator)) {
                    throw in.errorAt(at, "the comparator is the var " + ns + "/" + name + ", which is "
                            + (n == null ? "in a namespace not loaded here" : v == null ? "not defined" : "not a function"));
                }
                if (!comparatorVarAllowed(ns, name, f)) {
                    throw in.errorAt(at, "the comparator is the var " + ns + "/" + name + ", whose function is not on the"
                            + " codec's allow-list (clojure.core's compare, <, >, <=, >=, or FloeSerializable or registered classes)");
                }
                return (Comparator<Object>) f;
            }
            case CMP_VALUE: {
                Object c = read(in, depth + 1);
                if (!(c instanceof Comparator)) {
                    throw in.errorAt(at, "the comparator of a sorted collection is a "
                            + (c == null ? "nil" : c.getClass().getName()) + ", not a java.util.Comparator");
                }
                return (Comparator<Object>) c;
            }
            default:
                throw in.errorAt(at, "unknown comparator kind " + kind);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readEnum(ByteSource in, int at) {
        String cls = Wtf8.read(in, "enum class name");
        String name = Wtf8.read(in, "enum constant name");
        Class<?> c = enumsByName.get(cls);
        if (c == null) {
            c = loadClass(cls, at, "enum value");
            if (!c.isEnum()) {
                throw in.errorAt(at, "the class " + cls + " is not an enum");
            }
            if (!isAllowed(c)) {
                throw in.errorAt(at, "the enum " + cls + " is not on the codec's allow-list (FloeSerializable or registered classes)");
            }
            enumsByName.putIfAbsent(cls, c);
        }
        try {
            return Enum.valueOf((Class) c, name);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, "the enum " + cls + " has no constant " + name, e);
        }
    }

    private Object readCustom(ByteSource in, int at) {
        int id = in.readIntBE();
        int len = in.readCount("custom serialization length", 1, Integer.MAX_VALUE);
        FloeCustomSerialization<Object> custom = null;
        for (int i = 0; i < customs.length; i++) {
            if (customIds[i] == id) {
                custom = customs[i];
                break;
            }
        }
        if (custom == null) {
            throw in.errorAt(at, String.format("no custom serialization with id 0x%08x is registered with this codec", id));
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(in.buf, in.pos, len);
        Object v;
        try (DataInputStream d = new DataInputStream(bytes)) {
            v = custom.deserialize(d);
        } catch (EOFException e) {
            throw in.errorAt(at, "custom serialization " + custom.getClass().getName() + " read past the end of its "
                    + len + " bytes (truncated or corrupt input)", e);
        } catch (IOException | RuntimeException e) {
            throw in.errorAt(at, "custom serialization " + custom.getClass().getName() + " failed: " + e, e);
        }
        if (bytes.available() != 0) {
            throw in.errorAt(at, "custom serialization " + custom.getClass().getName() + " left " + bytes.available()
                    + " of its " + len + " bytes unread");
        }
        if (v != null && !custom.targetType().isInstance(v)) {
            throw in.errorAt(at, "custom serialization " + custom.getClass().getName() + " returned a "
                    + v.getClass().getName() + ", not a " + custom.targetType().getName());
        }
        in.pos += len;
        return v;
    }
}
