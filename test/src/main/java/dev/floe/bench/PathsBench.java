package dev.floe.bench;

import clojure.java.api.Clojure;
import clojure.lang.AFn;
import clojure.lang.IDeref;
import clojure.lang.IEditableCollection;
import clojure.lang.IFn;
import clojure.lang.IMapEntry;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.ITransientCollection;
import clojure.lang.ITransientMap;
import clojure.lang.Numbers;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import dev.floe.Path;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.specter.Navs;
import dev.floe.specter.Paths;
import dev.floe.specter.Specter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.floe.bench.BenchData.KEYWORDS;
import static dev.floe.bench.BenchData.STRINGS;

/**
 * Typical paths against hand-written code doing the same work on the same data. Benchmarks come in
 * pairs named {@code <pair>_floe…} and {@code <pair>_hand}; {@link RatioReport} turns a run into
 * one table of Floe/hand throughput ratios (target: at least 0.5). Paths are compiled once, in
 * {@code @Setup}, as real callers do; only the per-call work is measured (including binding, for
 * late-bound parameters). Each state checks once per trial that both sides of each of its pairs
 * return equal values of the same class.
 *
 * <p>The hand-written side is what a competent engineer writes without Floe: {@code RT.get} /
 * {@code Map.get} chains, a loop into a transient, {@code subMap}/{@code seqFrom} for ranges, and
 * in Clojure {@code get-in}, {@code filterv}, {@code update-vals}.
 *
 * <p>Run with {@code bin/bench-paths}; never run by {@code mvn verify}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PathsBench {

    /** {@code even?} for Long elements, as a Java caller of {@code Navs.pred} writes it. */
    static final IFn EVEN = new AFn() {
        @Override
        public Object invoke(Object x) {
            return (((Long) x) & 1L) == 0L;
        }
    };

    /** {@code inc}, as a Java caller of {@code Specter.transform} writes it. */
    static final IFn INC = new AFn() {
        @Override
        public Object invoke(Object x) {
            return Numbers.inc(x);
        }
    };

    // ------------------------------------------------------------------------------- (a) keypath

    /** Nested maps, depth 4, 16 keys per level; a fixed keypath chain of depth 4. */
    @State(Scope.Thread)
    public static class Nested {
        IPersistentMap clj;
        Map<String, Object> java;
        Nav cljPath;
        Nav javaPath;

        @Setup(Level.Trial)
        public void setup() {
            clj = BenchData.nestedClojureMap();
            java = BenchData.nestedHashMap();
            cljPath = Paths.compile(KEYWORDS[1], KEYWORDS[5], KEYWORDS[9], KEYWORDS[13]);
            javaPath = Paths.compile(STRINGS[1], STRINGS[5], STRINGS[9], STRINGS[13]);
            PathsBench b = new PathsBench();
            BenchData.checkSame("keypathClj", b.keypathClj_floe(this), b.keypathClj_hand(this));
            BenchData.checkSame("keypathHashMap", b.keypathHashMap_floe(this), b.keypathHashMap_hand(this));
            if (b.keypathClj_hand(this) == null || b.keypathHashMap_hand(this) == null) {
                throw new IllegalStateException("keypath pairs must navigate to a value");
            }
        }
    }

    @Benchmark
    public Object keypathClj_floe(Nested s) {
        return Specter.selectOne(s.cljPath, s.clj);
    }

    @Benchmark
    public Object keypathClj_hand(Nested s) {
        return RT.get(RT.get(RT.get(RT.get(s.clj, KEYWORDS[1]), KEYWORDS[5]), KEYWORDS[9]), KEYWORDS[13]);
    }

    @Benchmark
    public Object keypathHashMap_floe(Nested s) {
        return Specter.selectOne(s.javaPath, s.java);
    }

    @Benchmark
    public Object keypathHashMap_hand(Nested s) {
        Map<?, ?> m1 = (Map<?, ?>) s.java.get(STRINGS[1]);
        Map<?, ?> m2 = (Map<?, ?>) m1.get(STRINGS[5]);
        Map<?, ?> m3 = (Map<?, ?>) m2.get(STRINGS[9]);
        return m3.get(STRINGS[13]);
    }

    // ------------------------------------------------------------------------ (f) late-bound key

    /**
     * The same nested Clojure maps; the second key of the chain is a per-call parameter, rotating
     * over four keys so the bound value really changes from call to call.
     */
    @State(Scope.Thread)
    public static class LateBound {
        IPersistentMap clj;
        Paths.Template template;
        CompiledPath javaPath;
        final Object[] keys = {KEYWORDS[2], KEYWORDS[6], KEYWORDS[10], KEYWORDS[14]};
        int next;

        Object nextKey() {
            next = (next + 1) & 3;
            return keys[next];
        }

        @Setup(Level.Trial)
        public void setup() {
            clj = BenchData.nestedClojureMap();
            template = Paths.template(KEYWORDS[1], Paths.param(0), KEYWORDS[9], KEYWORDS[13]);
            Path p = Path.key(KEYWORDS[1]).key("*k").key(KEYWORDS[9]).key(KEYWORDS[13]);
            javaPath = ((PathImpl) p).compiled();
            PathsBench b = new PathsBench();
            for (int i = 0; i < keys.length; i++) {
                int at = next;
                Object hand = b.lateBoundKey_hand(this);
                next = at;
                BenchData.checkSame("lateBoundKey (template)", b.lateBoundKey_floeTemplate(this), hand);
                next = at;
                BenchData.checkSame("lateBoundKey (Java Path)", b.lateBoundKey_floeJavaPath(this), hand);
            }
        }
    }

    @Benchmark
    public Object lateBoundKey_floeTemplate(LateBound s) {
        return Specter.selectOne(s.template.bind(s.nextKey()), s.clj);
    }

    @Benchmark
    public Object lateBoundKey_floeJavaPath(LateBound s) {
        return Specter.selectOne(s.javaPath.bind(s.nextKey()), s.clj);
    }

    @Benchmark
    public Object lateBoundKey_hand(LateBound s) {
        return RT.get(RT.get(RT.get(RT.get(s.clj, KEYWORDS[1]), s.nextKey()), KEYWORDS[9]), KEYWORDS[13]);
    }

    // ---------------------------------------------------------- (b) ALL + pred, (d) srange setval

    /** A 1000-element vector of Longs; {@code [ALL even?]}; {@code (srange 100 200)} set to 10 elements. */
    @State(Scope.Thread)
    public static class Vec {
        IPersistentVector vec;
        IPersistentVector insert;
        Nav allEven;
        Nav srange;

        @Setup(Level.Trial)
        public void setup() {
            vec = BenchData.longVector(BenchData.COLL_SIZE, 0);
            insert = BenchData.longVector(BenchData.SRANGE_INSERT_SIZE, -1_000);
            allEven = Paths.compile(Navs.ALL, Navs.pred(EVEN));
            srange = Navs.srange(BenchData.SRANGE_FROM, BenchData.SRANGE_TO);
            PathsBench b = new PathsBench();
            BenchData.checkSame("allPred", b.allPred_floe(this), b.allPred_hand(this));
            BenchData.checkSame("srangeSetval", b.srangeSetval_floe(this), b.srangeSetval_hand(this));
        }
    }

    @Benchmark
    public Object allPred_floe(Vec s) {
        return Specter.select(s.allEven, s.vec);
    }

    @Benchmark
    public Object allPred_hand(Vec s) {
        ITransientCollection out = PersistentVector.EMPTY.asTransient();
        for (Object x : (Iterable<?>) s.vec) {
            if ((((Long) x) & 1L) == 0L) {
                out = out.conj(x);
            }
        }
        return out.persistent();
    }

    @Benchmark
    public Object srangeSetval_floe(Vec s) {
        return Specter.setval(s.srange, s.insert, s.vec);
    }

    @Benchmark
    public Object srangeSetval_hand(Vec s) {
        IPersistentVector v = s.vec;
        IPersistentVector ins = s.insert;
        ITransientCollection out = PersistentVector.EMPTY.asTransient();
        for (int i = 0; i < BenchData.SRANGE_FROM; i++) {
            out = out.conj(v.nth(i));
        }
        for (int i = 0, n = ins.count(); i < n; i++) {
            out = out.conj(ins.nth(i));
        }
        for (int i = BenchData.SRANGE_TO, n = v.count(); i < n; i++) {
            out = out.conj(v.nth(i));
        }
        return out.persistent();
    }

    // ---------------------------------------------------------------------- (c) MAP-VALS transform

    /** A 1000-entry Clojure hash map of keyword keys to Longs; {@code MAP-VALS} with {@code inc}. */
    @State(Scope.Thread)
    public static class FlatMap {
        IPersistentMap map;

        @Setup(Level.Trial)
        public void setup() {
            map = BenchData.flatClojureMap(BenchData.COLL_SIZE);
            PathsBench b = new PathsBench();
            BenchData.checkSame("mapValsInc", b.mapValsInc_floe(this), b.mapValsInc_hand(this));
        }
    }

    @Benchmark
    public Object mapValsInc_floe(FlatMap s) {
        return Specter.transform(Navs.MAP_VALS, INC, s.map);
    }

    @Benchmark
    public Object mapValsInc_hand(FlatMap s) {
        IPersistentMap m = s.map;
        ITransientMap out = (ITransientMap) ((IEditableCollection) m).asTransient();
        for (Object o : (Iterable<?>) m) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            out = out.assoc(e.getKey(), Numbers.inc(e.getValue()));
        }
        return out.persistent();
    }

    // ------------------------------------------------------------------------ (e) sortedMapRange

    /** 10,000 Long keys in a PersistentTreeMap and a TreeMap; the 100 keys in [5000, 5100). */
    @State(Scope.Thread)
    public static class Sorted {
        static final Object FROM = BenchData.SORTED_FROM;
        static final Object TO = BenchData.SORTED_TO;

        PersistentTreeMap clj;
        TreeMap<Object, Object> java;
        Nav range;

        @Setup(Level.Trial)
        public void setup() {
            clj = BenchData.sortedClojureMap(BenchData.SORTED_SIZE);
            java = BenchData.sortedJavaMap(BenchData.SORTED_SIZE);
            range = Navs.sortedMapRange(FROM, TO, true, false);
            PathsBench b = new PathsBench();
            BenchData.checkSame("sortedRangeClj", b.sortedRangeClj_floe(this), b.sortedRangeClj_hand(this));
            BenchData.checkSame("sortedRangeTreeMap", b.sortedRangeTreeMap_floe(this),
                    b.sortedRangeTreeMap_hand(this));
            long expected = BenchData.SORTED_TO - BenchData.SORTED_FROM;
            if (RT.count(b.sortedRangeClj_hand(this)) != expected || b.sortedRangeTreeMap_hand(this).size() != expected) {
                throw new IllegalStateException("sorted range pairs must select " + expected + " keys");
            }
        }
    }

    @Benchmark
    public Object sortedRangeClj_floe(Sorted s) {
        return Specter.selectOne(s.range, s.clj);
    }

    @Benchmark
    public Object sortedRangeClj_hand(Sorted s) {
        PersistentTreeMap m = s.clj;
        @SuppressWarnings("unchecked") // PersistentTreeMap exposes its comparator as a raw type
        Comparator<Object> cmp = m.comparator();
        IPersistentMap out = (IPersistentMap) m.empty();
        for (ISeq q = m.seqFrom(Sorted.FROM, true); q != null; q = q.next()) {
            IMapEntry e = (IMapEntry) q.first();
            if (cmp.compare(e.key(), Sorted.TO) >= 0) {
                break;
            }
            out = out.assoc(e.key(), e.val());
        }
        // a range result is a java.util.SortedMap too (RAMA-API.md §5.7.2): the same wrapper
        return dev.floe.specter.impl.PersistentSortedMap.of((PersistentTreeMap) out);
    }

    @Benchmark
    public Object sortedRangeTreeMap_floe(Sorted s) {
        return Specter.selectOne(s.range, s.java);
    }

    @Benchmark
    public TreeMap<Object, Object> sortedRangeTreeMap_hand(Sorted s) {
        return new TreeMap<>(s.java.subMap(Sorted.FROM, true, Sorted.TO, false));
    }

    // ------------------------------------------------------------------- (g) Clojure call sites

    /** The functions of {@code floe.bench.paths} and their inputs. */
    @State(Scope.Thread)
    public static class Clj {
        IPersistentMap nested;
        IPersistentVector vec;
        IPersistentMap flat;
        final Object[] keys = {KEYWORDS[2], KEYWORDS[6], KEYWORDS[10], KEYWORDS[14]};
        int next;
        IFn selectFloe;
        IFn selectHand;
        IFn selectOneFloe;
        IFn selectOneHand;
        IFn lateBoundFloe;
        IFn lateBoundHand;
        IFn allEvenFloe;
        IFn allEvenHand;
        IFn mapValsFloe;
        IFn mapValsHand;

        Object nextKey() {
            next = (next + 1) & 3;
            return keys[next];
        }

        private static IFn fn(String name) {
            return (IFn) ((IDeref) Clojure.var("floe.bench.paths", name)).deref();
        }

        @Setup(Level.Trial)
        public void setup() {
            Clojure.var("clojure.core", "require").invoke(Clojure.read("floe.bench.paths"));
            nested = BenchData.nestedClojureMap();
            vec = BenchData.longVector(BenchData.COLL_SIZE, 0);
            flat = BenchData.flatClojureMap(BenchData.COLL_SIZE);
            selectFloe = fn("select-floe");
            selectHand = fn("select-hand");
            selectOneFloe = fn("select-one-floe");
            selectOneHand = fn("select-one-hand");
            lateBoundFloe = fn("late-bound-floe");
            lateBoundHand = fn("late-bound-hand");
            allEvenFloe = fn("all-even-floe");
            allEvenHand = fn("all-even-hand");
            mapValsFloe = fn("map-vals-inc-floe");
            mapValsHand = fn("map-vals-inc-hand");
            PathsBench b = new PathsBench();
            BenchData.checkSame("cljSelect", b.cljSelect_floe(this), b.cljSelect_hand(this));
            BenchData.checkSame("cljSelectOne", b.cljSelectOne_floe(this), b.cljSelectOne_hand(this));
            for (int i = 0; i < keys.length; i++) {
                int at = next;
                Object hand = b.cljLateBound_hand(this);
                next = at;
                BenchData.checkSame("cljLateBound", b.cljLateBound_floe(this), hand);
            }
            BenchData.checkSame("cljAllPred", b.cljAllPred_floe(this), b.cljAllPred_hand(this));
            BenchData.checkSame("cljMapValsInc", b.cljMapValsInc_floe(this), b.cljMapValsInc_hand(this));
            // the Clojure and Java pairs do the same work on the same data
            BenchData.checkSame("cljAllPred vs allPred", b.cljAllPred_hand(this),
                    Specter.select(Paths.compile(Navs.ALL, Navs.pred(EVEN)), vec));
            BenchData.checkSame("cljMapValsInc vs mapValsInc", b.cljMapValsInc_hand(this),
                    Specter.transform(Navs.MAP_VALS, INC, flat));
        }
    }

    @Benchmark
    public Object cljSelect_floe(Clj s) {
        return s.selectFloe.invoke(s.nested);
    }

    @Benchmark
    public Object cljSelect_hand(Clj s) {
        return s.selectHand.invoke(s.nested);
    }

    @Benchmark
    public Object cljSelectOne_floe(Clj s) {
        return s.selectOneFloe.invoke(s.nested);
    }

    @Benchmark
    public Object cljSelectOne_hand(Clj s) {
        return s.selectOneHand.invoke(s.nested);
    }

    @Benchmark
    public Object cljLateBound_floe(Clj s) {
        return s.lateBoundFloe.invoke(s.nested, s.nextKey());
    }

    @Benchmark
    public Object cljLateBound_hand(Clj s) {
        return s.lateBoundHand.invoke(s.nested, s.nextKey());
    }

    @Benchmark
    public Object cljAllPred_floe(Clj s) {
        return s.allEvenFloe.invoke(s.vec);
    }

    @Benchmark
    public Object cljAllPred_hand(Clj s) {
        return s.allEvenHand.invoke(s.vec);
    }

    @Benchmark
    public Object cljMapValsInc_floe(Clj s) {
        return s.mapValsFloe.invoke(s.flat);
    }

    @Benchmark
    public Object cljMapValsInc_hand(Clj s) {
        return s.mapValsHand.invoke(s.flat);
    }
}
