package dev.floe.suites;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Var;
import dev.floe.specter.LensNav;
import dev.floe.specter.Navs;
import dev.floe.specter.impl.Colls;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Oracle test for the keypath fast paths in {@code BasicNavs.Keypath} (class checks ahead of the
 * general lookup, added for the path benchmarks): on every map kind, {@code get} equals the general
 * {@code Colls.get} and {@code set} equals the general {@code Colls.assoc}, with the same result
 * class.
 */
class KeypathFastPathOracleTest {
    private static final List<Keyword> KEYS = List.of(Keyword.intern("a"), Keyword.intern("b"), Keyword.intern("c"),
            Keyword.intern("d"), Keyword.intern("e"));

    /** A record {@code (defrecord R [a b])}: a Map and an ILookup that is not an APersistentMap. */
    private static final IFn MAP_TO_RECORD;

    static {
        IFn eval = Clojure.var("clojure.core", "eval");
        Var.pushThreadBindings(RT.map(RT.CURRENT_NS, RT.CURRENT_NS.deref()));
        try {
            eval.invoke(Clojure.read("(do (clojure.core/in-ns (quote floe.suites.keypath-oracle)) "
                    + "(clojure.core/refer (quote clojure.core)) (defrecord R [a b]))"));
        } finally {
            Var.popThreadBindings();
        }
        MAP_TO_RECORD = (IFn) ((clojure.lang.IDeref) Clojure.var("floe.suites.keypath-oracle", "map->R")).deref();
    }

    private static final List<Function<Map<Object, Object>, Object>> KINDS = List.of(
            m -> PersistentArrayMap.create(m),
            m -> PersistentHashMap.create(m),
            m -> PersistentTreeMap.create(RT.seq(flatten(m))),
            MAP_TO_RECORD::invoke,
            HashMap::new,
            TreeMap::new,
            LinkedHashMap::new);

    private static Object flatten(Map<Object, Object> m) {
        List<Object> kvs = new ArrayList<>();
        m.forEach((k, v) -> {
            kvs.add(k);
            kvs.add(v);
        });
        return PersistentVector.create(kvs);
    }

    @Provide
    Arbitrary<Map<Object, Object>> entries() {
        return Arbitraries.maps(Arbitraries.of(KEYS).map(k -> (Object) k),
                Arbitraries.longs().between(-5, 5).map(v -> (Object) v)).ofMaxSize(5);
    }

    @Property(tries = 200)
    void getAndSetAgreeWithTheGeneralPath(@ForAll("entries") Map<Object, Object> entries,
            @ForAll("kind") int kind, @ForAll("key") int keyIndex) {
        Object s = KINDS.get(kind).apply(entries);
        Keyword key = KEYS.get(keyIndex);
        LensNav nav = (LensNav) Navs.keypath(key);
        assertEquals(Colls.get(s, key), nav.get(s));
        Object expected = Colls.assoc(s, key, 99L);
        Object actual = nav.set(s, 99L);
        assertEquals(expected, actual);
        assertEquals(expected.getClass(), actual.getClass());
    }

    @Provide
    Arbitrary<Integer> kind() {
        return Arbitraries.integers().between(0, KINDS.size() - 1);
    }

    @Provide
    Arbitrary<Integer> key() {
        return Arbitraries.integers().between(0, KEYS.size() - 1);
    }

    @Property(tries = 20)
    void nilAndVectorsStillTakeTheGeneralPath(@ForAll("key") int keyIndex) {
        LensNav nav = (LensNav) Navs.keypath(KEYS.get(keyIndex));
        assertEquals(null, nav.get(null));
        LensNav index = (LensNav) Navs.keypath(1L);
        assertEquals(2L, index.get(PersistentVector.create(1L, 2L)));
        assertEquals(PersistentVector.create(1L, 99L), index.set(PersistentVector.create(1L, 2L), 99L));
    }
}
