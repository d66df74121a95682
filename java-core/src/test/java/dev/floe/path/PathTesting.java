package dev.floe.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.PersistentVector;
import dev.floe.Path;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/** Helpers shared by the path tests: running paths the way Rama does, and building inputs. */
final class PathTesting {
    private PathTesting() {}

    static {
        // Load Clojure's runtime before any test builds a PersistentTreeMap/Set: in a JVM whose first
        // Clojure contact is a sorted collection, RT fails to initialise (see PathCompiler).
        clojure.java.api.Clojure.var("clojure.core", "identity");
    }

    // ------------------------------------------------------------------ running paths

    static CompiledPath compiled(Path p) {
        return ((PathImpl) p).compiled();
    }

    /** {@code select}: every navigated value. */
    @SuppressWarnings("unchecked")
    static List<Object> select(Path p, Object structure) {
        return (List<Object>) Specter.select(compiled(p).nav(), structure);
    }

    /** {@code select} with the path's variables bound, in {@code vars()} order. */
    @SuppressWarnings("unchecked")
    static List<Object> selectBound(Path p, Object structure, Object... values) {
        return (List<Object>) Specter.select(compiled(p).bind(values), structure);
    }

    static Object selectOne(Path p, Object structure) {
        return Specter.selectOne(compiled(p).nav(), structure);
    }

    /** A Rama transform: every branch of the path ends in term, termVal or termVoid. */
    static Object transform(Path p, Object structure) {
        return Specter.multiTransform(compiled(p).nav(), structure);
    }

    static Object transformBound(Path p, Object structure, Object... values) {
        return Specter.multiTransform(compiled(p).bind(values), structure);
    }

    /**
     * Transforms a fresh input from {@code input}, checks the input is unchanged afterwards (equal
     * to another fresh one) and returns the result.
     */
    static Object transformChecked(Path p, Supplier<?> input) {
        Object in = input.get();
        Object out = transform(p, in);
        assertEquals(input.get(), in, "the transform mutated its input");
        return out;
    }

    /** Like {@link #transformChecked}, also checking the result is the input's class. */
    static Object transformSameClass(Path p, Supplier<?> input) {
        Object in = input.get();
        Object out = transformChecked(p, input);
        assertSame(in.getClass(), out.getClass(), "a transform must return the class it was given");
        return out;
    }

    /** The PathException a select throws; the input must be unchanged. */
    static PathException selectFails(Path p, Supplier<?> input) {
        Object in = input.get();
        PathException e = assertThrows(PathException.class, () -> select(p, in));
        assertEquals(input.get(), in);
        return e;
    }

    /** The PathException a transform throws; the input must be unchanged. */
    static PathException transformFails(Path p, Supplier<?> input) {
        Object in = input.get();
        PathException e = assertThrows(PathException.class, () -> transform(p, in));
        assertEquals(input.get(), in, "a failed transform must leave its input untouched");
        return e;
    }

    /**
     * Asserts the message names the navigator (by its Java name or an engine alias, compared
     * ignoring case and dashes) and the type of the value it met.
     */
    static void assertNamesNavigatorAndType(Throwable e, String typeName, String... navNames) {
        String msg = String.valueOf(e.getMessage());
        String norm = normalize(msg);
        boolean named = Arrays.stream(navNames).anyMatch(n -> norm.contains(normalize(n)));
        assertTrue(named, () -> "message should name the navigator " + Arrays.toString(navNames) + ": " + msg);
        assertTrue(msg.contains(typeName), () -> "message should name the type " + typeName + ": " + msg);
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    // ------------------------------------------------------------------ values

    static List<Object> list(Object... xs) {
        return Arrays.asList(xs);
    }

    /** A list holding one null, what selecting a missing key gives. */
    static List<Object> listOfNull() {
        List<Object> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    static HashMap<Object, Object> hashMap(Object... kvs) {
        HashMap<Object, Object> m = new HashMap<>();
        for (int i = 0; i < kvs.length; i += 2) {
            m.put(kvs[i], kvs[i + 1]);
        }
        return m;
    }

    static TreeMap<Object, Object> treeMap(Object... kvs) {
        TreeMap<Object, Object> m = new TreeMap<>();
        for (int i = 0; i < kvs.length; i += 2) {
            m.put(kvs[i], kvs[i + 1]);
        }
        return m;
    }

    static ArrayList<Object> arrayList(Object... xs) {
        return new ArrayList<>(Arrays.asList(xs));
    }

    static HashSet<Object> hashSet(Object... xs) {
        return new HashSet<>(Arrays.asList(xs));
    }

    static TreeSet<Object> treeSet(Object... xs) {
        return new TreeSet<>(Arrays.asList(xs));
    }

    static IPersistentMap cMap(Object... kvs) {
        return PersistentHashMap.create(kvs);
    }

    static PersistentTreeMap cSortedMap(Object... kvs) {
        PersistentTreeMap m = PersistentTreeMap.EMPTY;
        for (int i = 0; i < kvs.length; i += 2) {
            m = m.assoc(kvs[i], kvs[i + 1]);
        }
        return m;
    }

    static IPersistentVector cVec(Object... xs) {
        return PersistentVector.create(xs);
    }

    static IPersistentSet cSet(Object... xs) {
        return PersistentHashSet.create(xs);
    }

    static PersistentTreeSet cSortedSet(Object... xs) {
        PersistentTreeSet s = PersistentTreeSet.EMPTY;
        for (Object x : xs) {
            s = (PersistentTreeSet) s.cons(x);
        }
        return s;
    }

    /** The map kinds a path must handle; Java kinds keep their class through transforms. */
    enum MapKind {
        HASH_MAP(PathTesting::hashMap, true),
        TREE_MAP(PathTesting::treeMap, true),
        CLOJURE_HASH_MAP(PathTesting::cMap, false),
        CLOJURE_SORTED_MAP(PathTesting::cSortedMap, false);

        private final Function<Object[], Object> make;
        final boolean java;

        MapKind(Function<Object[], Object> make, boolean java) {
            this.make = make;
            this.java = java;
        }

        Object of(Object... kvs) {
            return make.apply(kvs);
        }

        Supplier<Object> supplier(Object... kvs) {
            return () -> of(kvs);
        }

        /** Checks a transform result is the same kind of map as this kind's inputs. */
        void assertKind(Object result) {
            Object like = of();
            if (java) {
                assertSame(like.getClass(), result.getClass());
            } else if (like instanceof PersistentTreeMap) {
                assertInstanceOf(PersistentTreeMap.class, result);
            } else {
                assertInstanceOf(IPersistentMap.class, result);
            }
        }
    }

    /** The sequence kinds. */
    enum ListKind {
        ARRAY_LIST(PathTesting::arrayList, true),
        CLOJURE_VECTOR(PathTesting::cVec, false);

        private final Function<Object[], Object> make;
        final boolean java;

        ListKind(Function<Object[], Object> make, boolean java) {
            this.make = make;
            this.java = java;
        }

        Object of(Object... xs) {
            return make.apply(xs);
        }

        Supplier<Object> supplier(Object... xs) {
            return () -> of(xs);
        }

        void assertKind(Object result) {
            if (java) {
                assertSame(ArrayList.class, result.getClass());
            } else {
                assertInstanceOf(IPersistentVector.class, result);
            }
        }
    }

    /** The set kinds. */
    enum SetKind {
        HASH_SET(PathTesting::hashSet, true),
        TREE_SET(PathTesting::treeSet, true),
        CLOJURE_HASH_SET(PathTesting::cSet, false),
        CLOJURE_SORTED_SET(PathTesting::cSortedSet, false);

        private final Function<Object[], Object> make;
        final boolean java;

        SetKind(Function<Object[], Object> make, boolean java) {
            this.make = make;
            this.java = java;
        }

        Object of(Object... xs) {
            return make.apply(xs);
        }

        Supplier<Object> supplier(Object... xs) {
            return () -> of(xs);
        }

        void assertKind(Object result) {
            Object like = of();
            if (java) {
                assertSame(like.getClass(), result.getClass());
            } else if (like instanceof PersistentTreeSet) {
                assertInstanceOf(PersistentTreeSet.class, result);
            } else {
                assertInstanceOf(IPersistentSet.class, result);
            }
        }
    }

    /** The elements of a selected collection as a set (for unordered kinds). */
    static Set<Object> asSet(Object coll) {
        return new HashSet<>((java.util.Collection<?>) coll);
    }

    /** {@code [k, v]} as a list, the shape {@code all()} gives map entries. */
    static List<Object> entry(Object k, Object v) {
        return Arrays.asList(k, v);
    }

    /** Map contents as [k, v] lists, for comparing selections of {@code all()} on unordered maps. */
    static Set<List<Object>> entries(Map<?, ?> m) {
        Set<List<Object>> out = new HashSet<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.add(Arrays.asList(e.getKey(), e.getValue()));
        }
        return out;
    }

    // ------------------------------------------------------------------ serialization

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("serialization round trip failed for " + value, e);
        }
    }
}
