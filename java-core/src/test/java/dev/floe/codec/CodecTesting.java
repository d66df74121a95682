package dev.floe.codec;

import clojure.java.api.Clojure;
import clojure.lang.BigInt;
import clojure.lang.IFn;
import clojure.lang.IPersistentMap;
import clojure.lang.ITransientMap;
import clojure.lang.Keyword;
import clojure.lang.MapEntry;
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
import clojure.lang.Sorted;
import clojure.lang.Symbol;
import dev.floe.FloeCustomSerialization;
import dev.floe.FloeSerializable;
import dev.floe.specter.impl.PersistentSortedMap;
import dev.floe.specter.impl.PersistentSortedSet;
import dev.floe.store.KeyOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Array;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Generators of values, the test's own value types, and an equality that also checks classes. */
final class CodecTesting {
    private CodecTesting() {}

    static final String RECORD_NS = "floe.codec-test-records";

    static {
        IFn eval = Clojure.var("clojure.core", "eval");
        IFn read = Clojure.var("clojure.core", "read-string");
        eval.invoke(read.invoke("(clojure.core/binding [clojure.core/*ns* (clojure.core/create-ns '" + RECORD_NS + ")]"
                + " (clojure.core/refer-clojure)"
                + " (clojure.core/eval '(do (defrecord Point [x y]) (defrecord Unit [])"
                + " (defn by-length [a b] (compare (count a) (count b))))))"));
    }

    /** Evaluates Clojure code (in the user namespace). */
    static Object eval(String code) {
        IFn eval = Clojure.var("clojure.core", "eval");
        IFn read = Clojure.var("clojure.core", "read-string");
        return eval.invoke(read.invoke(code));
    }

    /** A Point record ({@code (defrecord Point [x y])}). */
    static Object point(Object x, Object y) {
        return Clojure.var(RECORD_NS, "->Point").invoke(x, y);
    }

    static Object unitRecord() {
        return Clojure.var(RECORD_NS, "->Unit").invoke();
    }

    // ---------------------------------------------------------------------------------------------
    // Value types of the tests

    /** A FloeSerializable enum; GREEN has a body, so its class is a subclass. */
    enum Color implements FloeSerializable {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green";
            }
        },
        BLUE
    }

    /** An enum that is not on the allow-list. */
    enum Unlisted { A, B }

    /** A FloeSerializable class whose fields hold built-in values, arrays, an enum and itself. */
    static final class Account implements FloeSerializable {
        private static final long serialVersionUID = 1L;
        final String owner;
        final long balance;
        final Object extra;
        final int[] marks;
        final Color color;
        final Account parent;

        Account(String owner, long balance, Object extra, int[] marks, Color color, Account parent) {
            this.owner = owner;
            this.balance = balance;
            this.extra = extra;
            this.marks = marks;
            this.color = color;
            this.parent = parent;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Account)) {
                return false;
            }
            Account a = (Account) o;
            return Objects.equals(owner, a.owner) && balance == a.balance && deepEquals(extra, a.extra)
                    && Arrays.equals(marks, a.marks) && color == a.color && Objects.equals(parent, a.parent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, balance);
        }

        @Override
        public String toString() {
            return "Account(" + owner + ", " + balance + ", " + extra + ", " + Arrays.toString(marks) + ", " + color
                    + ", " + parent + ")";
        }
    }

    /** Serializable but neither FloeSerializable nor registered (unless a test registers it). */
    static final class Plain implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final String name;

        Plain(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Plain && ((Plain) o).name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** A type that only a custom serialization can encode; its subclass too. */
    static class Money {
        final long cents;
        final String currency;

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && ((Money) o).cents == cents
                    && ((Money) o).currency.equals(currency);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(cents) * 31 + currency.hashCode();
        }

        @Override
        public String toString() {
            return cents + " " + currency;
        }
    }

    static final class Tip extends Money {
        Tip(long cents, String currency) {
            super(cents, currency);
        }
    }

    /** The custom serialization of {@link Money} and its subclass {@link Tip}. */
    public static final class MoneySerialization implements FloeCustomSerialization<Money> {
        @Override
        public void serialize(Money m, DataOutput out) throws IOException {
            out.writeBoolean(m instanceof Tip);
            out.writeLong(m.cents);
            out.writeUTF(m.currency);
        }

        @Override
        public Money deserialize(DataInput in) throws IOException {
            boolean tip = in.readBoolean();
            long cents = in.readLong();
            String currency = in.readUTF();
            return tip ? new Tip(cents, currency) : new Money(cents, currency);
        }

        @Override
        public Class<Money> targetType() {
            return Money.class;
        }
    }

    static final FloeCodec CODEC = new FloeCodec(List.of(new MoneySerialization()));

    // ---------------------------------------------------------------------------------------------
    // Generators

    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12),
                Arbitraries.strings().withChars("ab\u0000é€\uD83D\uDE00\uD800\uDC00\uFFFF").ofMaxLength(6),
                Arbitraries.strings().alpha().ofMaxLength(20));
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 1.0, 0.1));
    }

    static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.of(0.0f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE));
    }

    static Arbitrary<BigInteger> bigIntegers() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(130).negate(), BigInteger.ONE.shiftLeft(130)),
                Arbitraries.longs().map(BigInteger::valueOf));
    }

    static Arbitrary<BigDecimal> bigDecimals() {
        return Combinators.combine(bigIntegers(), Arbitraries.integers().between(-40, 40)).as(BigDecimal::new);
    }

    static Arbitrary<Ratio> ratios() {
        return Combinators.combine(bigIntegers(), bigIntegers().filter(b -> b.signum() != 0)).as(Ratio::new);
    }

    static Arbitrary<Keyword> keywords() {
        return Combinators.combine(Arbitraries.of("", "ns", "a.b").map(s -> s.isEmpty() ? null : s), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5))
                .as(Keyword::intern);
    }

    static Arbitrary<Symbol> symbols() {
        return Combinators.combine(Arbitraries.of("", "ns", "a.b").map(s -> s.isEmpty() ? null : s), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5))
                .as(Symbol::intern);
    }

    static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    static Arbitrary<Object> javaTimes() {
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()), nanos)
                        .as(Instant::ofEpochSecond),
                Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay),
                Combinators.combine(Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()),
                        Arbitraries.longs().between(0, 86_399_999_999_999L))
                        .as((d, n) -> LocalDateTime.of(LocalDate.ofEpochDay(d), LocalTime.ofNanoOfDay(n))),
                Combinators.combine(Arbitraries.longs(), nanos).as(Duration::ofSeconds));
    }

    static Arbitrary<Object> arrays() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8),
                Arbitraries.shorts().array(short[].class).ofMaxSize(5),
                Arbitraries.integers().array(int[].class).ofMaxSize(5),
                Arbitraries.longs().array(long[].class).ofMaxSize(5),
                floats().array(float[].class).ofMaxSize(5),
                doubles().array(double[].class).ofMaxSize(5),
                Arbitraries.chars().array(char[].class).ofMaxSize(5),
                Arbitraries.of(true, false).array(boolean[].class).ofMaxSize(5),
                Arbitraries.oneOf(strings(), Arbitraries.just((String) null)).array(String[].class).ofMaxSize(4));
    }

    /** Scalars that are fine as elements of hash collections, Java and Clojure (no arrays, no NaN). */
    static Arbitrary<Object> hashableScalars() {
        return Arbitraries.oneOf(
                Arbitraries.just((Object) null),
                Arbitraries.of(true, false),
                Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-20, 50).map(l -> (Object) l),
                Arbitraries.chars().map(c -> (Object) c),
                strings().map(s -> (Object) s),
                bigIntegers().map(b -> (Object) b),
                bigIntegers().map(b -> (Object) BigInt.fromBigInteger(b)),
                keywords().map(k -> (Object) k),
                symbols().map(s -> (Object) s),
                uuids().map(u -> (Object) u),
                javaTimes(),
                Arbitraries.of(Color.values()).map(c -> (Object) c));
    }

    /** Every scalar the codec encodes, including the test's FloeSerializable and custom types. */
    static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                hashableScalars(),
                doubles().map(d -> (Object) d),
                floats().map(f -> (Object) f),
                bigDecimals().map(d -> (Object) d),
                ratios().map(r -> (Object) r),
                arrays(),
                Combinators.combine(Arbitraries.longs(), Arbitraries.of("EUR", "USD"), Arbitraries.of(true, false))
                        .as((c, cur, tip) -> (Object) (tip ? new Tip(c, cur) : new Money(c, cur))));
    }

    /** Keys for sorted collections: strings, longs, keywords (KeyOrder and natural order work). */
    static Arbitrary<Object> sortedKeys() {
        return Arbitraries.oneOf(strings().map(s -> (Object) s), Arbitraries.longs().map(l -> (Object) l));
    }

    /** Nested values of every supported kind, up to four levels of containers. */
    static Arbitrary<Object> values() {
        return Arbitraries.recursive(CodecTesting::scalars, CodecTesting::containers, 0, 4);
    }

    /** Keys for hash collections: hashable scalars and small vectors of them. */
    static Arbitrary<Object> hashKeys() {
        return Arbitraries.oneOf(hashableScalars(),
                hashableScalars().list().ofMaxSize(3).map(l -> (Object) PersistentVector.create(l)));
    }

    static Arbitrary<Object> containers(Arbitrary<Object> inner) {
        Arbitrary<List<Object>> list = inner.list().ofMaxSize(5);
        Arbitrary<List<Object>> keys = hashKeys().list().ofMaxSize(5);
        Arbitrary<List<Object>> sorted = Arbitraries.oneOf(strings().map(s -> (Object) s).list().ofMaxSize(5),
                Arbitraries.longs().map(l -> (Object) l).list().ofMaxSize(5));
        Arbitrary<Map<Object, Object>> map = Combinators.combine(keys, list).as(CodecTesting::zip);
        Arbitrary<Map<Object, Object>> sortedMap = Combinators.combine(sorted, list).as(CodecTesting::zip);
        return Arbitraries.oneOf(
                list.map(l -> (Object) new ArrayList<>(l)),
                list.map(l -> (Object) l.toArray()),
                keys.map(l -> (Object) new HashSet<>(l)),
                keys.map(l -> (Object) new LinkedHashSet<>(l)),
                sorted.map(l -> (Object) new TreeSet<>(l)),
                sorted.map(l -> {
                    TreeSet<Object> s = new TreeSet<>(KeyOrder.INSTANCE);
                    s.addAll(l);
                    return (Object) s;
                }),
                map.map(m -> (Object) new HashMap<>(m)),
                map.map(m -> (Object) new LinkedHashMap<>(m)),
                sortedMap.map(m -> (Object) new TreeMap<>(m)),
                sortedMap.map(m -> {
                    TreeMap<Object, Object> t = new TreeMap<>(KeyOrder.INSTANCE);
                    t.putAll(m);
                    return (Object) t;
                }),
                list.map(l -> (Object) PersistentVector.create(l)),
                list.map(l -> (Object) PersistentList.create(l)),
                list.map(l -> {
                    PersistentQueue q = PersistentQueue.EMPTY;
                    for (Object x : l) {
                        q = q.cons(x);
                    }
                    return (Object) q;
                }),
                keys.map(l -> (Object) PersistentHashSet.create(l)),
                sorted.map(l -> (Object) PersistentTreeSet.create(RT.seq(l))),
                sorted.map(l -> (Object) PersistentTreeSet.create(KeyOrder.INSTANCE, RT.seq(l))),
                map.map(m -> (Object) cljMap(PersistentArrayMap.EMPTY, m)),
                map.map(m -> (Object) cljMap(PersistentHashMap.EMPTY, m)),
                sortedMap.map(m -> (Object) PersistentTreeMap.create(RT.seq(flatten(m)))),
                sortedMap.map(m -> (Object) PersistentTreeMap.create(KeyOrder.INSTANCE, RT.seq(flatten(m)))),
                sortedMap.map(m -> (Object) PersistentSortedMap.of(PersistentTreeMap.create(RT.seq(flatten(m))))),
                sortedMap.map(m -> (Object) PersistentSortedMap.of(
                        PersistentTreeMap.create(KeyOrder.INSTANCE, RT.seq(flatten(m))))),
                sorted.map(l -> (Object) PersistentSortedSet.create(null, l)),
                sorted.map(l -> (Object) PersistentSortedSet.create(KeyOrder.INSTANCE, l)),
                Combinators.combine(inner, inner).as((k, v) -> (Object) MapEntry.create(k, v)),
                Combinators.combine(inner, inner, Arbitraries.of(true, false))
                        .as((x, y, ext) -> {
                            Object p = point(x, y);
                            return ext ? ((IPersistentMap) p).assoc(Keyword.intern("extra"), x) : p;
                        }),
                Combinators.combine(strings(), Arbitraries.longs(), inner, Arbitraries.integers().array(int[].class).ofMaxSize(3),
                        Arbitraries.of(Color.values()), Arbitraries.of(true, false))
                        .as((o, b, x, marks, c, nested) -> (Object) new Account(o, b, x, marks, c,
                                nested ? new Account("parent", -b, null, null, Color.RED, null) : null)));
    }

    static Map<Object, Object> zip(List<Object> keys, List<Object> vals) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), vals.isEmpty() ? null : vals.get(i % vals.size()));
        }
        return m;
    }

    static List<Object> flatten(Map<Object, Object> m) {
        List<Object> kvs = new ArrayList<>();
        m.forEach((k, v) -> {
            kvs.add(k);
            kvs.add(v);
        });
        return kvs;
    }

    static IPersistentMap cljMap(IPersistentMap empty, Map<Object, Object> m) {
        ITransientMap t = (ITransientMap) ((clojure.lang.IEditableCollection) empty).asTransient();
        for (Map.Entry<Object, Object> e : m.entrySet()) {
            t = t.assoc(e.getKey(), e.getValue());
        }
        return t.persistent();
    }

    // ---------------------------------------------------------------------------------------------
    // Equality with classes

    /**
     * Whether two values are equal and of the same class all the way down: arrays element by
     * element, ordered collections in order, hash collections element for element (each expected
     * element matched by one actual element), sorted collections with the same comparator.
     */
    static boolean deepEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a.getClass().isArray()) {
            int n = Array.getLength(a);
            if (n != Array.getLength(b)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!deepEquals(Array.get(a, i), Array.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Sorted && ((Sorted) a).comparator() != ((Sorted) b).comparator()) {
            return false;
        }
        if (a instanceof SortedMap && ((SortedMap<?, ?>) a).comparator() != ((SortedMap<?, ?>) b).comparator()) {
            return false;
        }
        if (a instanceof SortedSet && ((SortedSet<?>) a).comparator() != ((SortedSet<?>) b).comparator()) {
            return false;
        }
        boolean ordered = !(a instanceof HashMap && !(a instanceof LinkedHashMap)) && !(a instanceof HashSet && !(a instanceof LinkedHashSet))
                && !(a instanceof PersistentHashMap) && !(a instanceof PersistentHashSet);
        if (a instanceof Map) {
            Map<?, ?> ma = (Map<?, ?>) a;
            Map<?, ?> mb = (Map<?, ?>) b;
            if (ma.size() != mb.size()) {
                return false;
            }
            // a record's entrySet is a hash set; the map itself iterates in field order
            List<Object> ea = a instanceof IPersistentMap ? entries(a) : pairs(ma);
            List<Object> eb = b instanceof IPersistentMap ? entries(b) : pairs(mb);
            return ordered ? sameInOrder(ea, eb) : sameAnyOrder(ea, eb);
        }
        if (a instanceof Map.Entry) {
            Map.Entry<?, ?> ea = (Map.Entry<?, ?>) a;
            Map.Entry<?, ?> eb = (Map.Entry<?, ?>) b;
            return deepEquals(ea.getKey(), eb.getKey()) && deepEquals(ea.getValue(), eb.getValue());
        }
        if (a instanceof Collection) {
            Collection<?> ca = (Collection<?>) a;
            Collection<?> cb = (Collection<?>) b;
            if (ca.size() != cb.size()) {
                return false;
            }
            return ordered ? sameInOrder(ca, cb) : sameAnyOrder(ca, cb);
        }
        return a.equals(b);
    }

    /** Entries as MapEntry: the entry classes of a map depend on its internals (tree node colours). */
    private static List<Object> entries(Object m) {
        List<Object> l = new ArrayList<>();
        for (Object o : (Iterable<?>) m) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            l.add(MapEntry.create(e.getKey(), e.getValue()));
        }
        return l;
    }

    private static List<Object> pairs(Map<?, ?> m) {
        return entries(m.entrySet());
    }

    private static boolean sameInOrder(Collection<?> a, Collection<?> b) {
        Iterator<?> ia = a.iterator();
        Iterator<?> ib = b.iterator();
        while (ia.hasNext()) {
            if (!ib.hasNext() || !deepEquals(ia.next(), ib.next())) {
                return false;
            }
        }
        return !ib.hasNext();
    }

    private static boolean sameAnyOrder(Collection<?> a, Collection<?> b) {
        List<Object> left = new ArrayList<>(b);
        for (Object x : a) {
            boolean found = false;
            for (Iterator<Object> it = left.iterator(); it.hasNext(); ) {
                if (deepEquals(x, it.next())) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return left.isEmpty();
    }

    static Set<Class<?>> classesIn(Object v, Set<Class<?>> acc) {
        if (v == null) {
            return acc;
        }
        acc.add(v.getClass());
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                classesIn(e.getKey(), acc);
                classesIn(e.getValue(), acc);
            }
        } else if (v instanceof Collection) {
            for (Object x : (Collection<?>) v) {
                classesIn(x, acc);
            }
        } else if (v instanceof Object[]) {
            for (Object x : (Object[]) v) {
                classesIn(x, acc);
            }
        }
        return acc;
    }
}
