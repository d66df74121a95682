package dev.floe.ir;

import clojure.lang.BigInt;
import clojure.lang.IPersistentMap;
import clojure.lang.Keyword;
import clojure.lang.Numbers;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.Ratio;
import clojure.lang.Symbol;
import dev.floe.AckLevel;
import dev.floe.Constant;
import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.Ops;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of random IR: every {@link Node} record, arguments, literals of many types,
 * functions (built-ins, serializable lambdas, user function classes), paths, aggregations,
 * schemas and whole modules. Recursion is bounded by an explicit depth.
 */
final class IrArbitraries {
    private IrArbitraries() {}

    /** The maximum nesting of blocks, expressions, templates, schemas and values. */
    static final int DEPTH = 3;

    // ------------------------------------------------------------------------------ functions

    /** A user function class with value equality (a record). */
    record PlusN(long n) implements FloeFunction1<Object, Object> {
        @Override
        public Object invoke(Object x) {
            return ((Number) x).longValue() + n;
        }
    }

    /** A user predicate class with value equality. */
    record IsTag(String tag) implements FloeFunction1<Object, Boolean> {
        @Override
        public Boolean invoke(Object x) {
            return tag.equals(x);
        }
    }

    /** A user function class without equals: same class and same state is the same code. */
    static final class Stateless implements FloeFunction1<Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object x) {
            return x;
        }
    }

    /** A user function class with state but without equals. */
    static final class Scaled implements FloeFunction1<Object, Object> {
        private static final long serialVersionUID = 1L;
        private final long factor;

        Scaled(long factor) {
            this.factor = factor;
        }

        @Override
        public Object invoke(Object x) {
            return ((Number) x).longValue() * factor;
        }
    }

    /** A serializable object with neither equals nor toString, captured by a lambda (like a module's {@code this}). */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final String tag;

        Holder(String tag) {
            this.tag = tag;
        }
    }

    /** A custom navigator with value equality. */
    record TestNav(String tag) implements Navigator<Object> {
        @Override
        public Object select(Object obj, Next next) {
            return next.invokeNext(obj);
        }

        @Override
        public Object transform(Object obj, Next next) {
            return next.invokeNext(obj);
        }
    }

    static final FloeFunction1<Object, Object> ID_LAMBDA = x -> x;
    static final FloeFunction2<Object, Object, Object> PAIR_LAMBDA = (a, b) -> PersistentVector.create(a, b);
    static final FloeOperation1<Object> EMIT_LAMBDA = (x, out) -> out.emit(x);

    static FloeFunction1<Object, Object> constantly(long n) {
        return x -> n;
    }

    static FloeFunction1<Object, Object> prefixed(String prefix) {
        return x -> prefix + x;
    }

    static FloeFunction1<Object, Object> twice(FloeFunction1<Object, Object> f) {
        return x -> f.invoke(f.invoke(x));
    }

    static FloeFunction1<Object, Object> tagOf(Holder h) {
        return x -> h.tag;
    }

    /** Built-in operations, by their most general types. */
    static final List<Object> BUILT_INS = List.of(Ops.INC, Ops.PLUS, Ops.TUPLE, Ops.IDENTITY, Ops.EXPLODE, Ops.SIZE,
            Ops.IS_EVEN, Ops.GET, Ops.RANGE, Ops.EQUAL, Ops.MAX, Ops.CURRENT_TASK_ID, Ops.EXPLODE_MAP);

    @SuppressWarnings("unchecked")
    private static FloeFunction1<Object, Object> asF1(Object f) {
        return (FloeFunction1<Object, Object>) f;
    }

    /** A function object: a built-in, a lambda (capturing values, functions or objects), or a user class. */
    static Arbitrary<Object> function() {
        Arbitrary<FloeFunction1<Object, Object>> simple = Arbitraries.of(ID_LAMBDA, asF1(Ops.INC), asF1(Ops.IDENTITY),
                asF1(Ops.TUPLE));
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(BUILT_INS)),
                Tuple.of(2, Arbitraries.of(ID_LAMBDA, PAIR_LAMBDA, EMIT_LAMBDA)),
                Tuple.of(1, Arbitraries.longs().between(-5, 5).map(IrArbitraries::constantly)),
                Tuple.of(1, identifier().map(IrArbitraries::prefixed)),
                Tuple.of(1, simple.map(IrArbitraries::twice)),
                Tuple.of(1, identifier().map(t -> tagOf(new Holder(t)))),
                Tuple.of(1, Arbitraries.longs().between(0, 9).map(PlusN::new)),
                Tuple.of(1, Arbitraries.just(new Stateless())),
                Tuple.of(1, Arbitraries.longs().between(0, 3).map(Scaled::new)));
    }

    static Arbitrary<FnRef> fnRef() {
        return function().map(FnRef::of);
    }

    // ------------------------------------------------------------------------------ names

    static Arbitrary<String> identifier() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(5)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    /** Any string: identifiers, strings that look like variables, and arbitrary characters. */
    static Arbitrary<String> anyString() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, identifier()),
                Tuple.of(2, identifier().map(s -> "*" + s)),
                Tuple.of(1, Arbitraries.of("", "nil", "true", "\"q\"", "a b", "\\", "#floe/fn", "x\ny", ":k", "*")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(6)));
    }

    /** Variable names as the builder makes them ({@code *x3}, {@code $$p}, {@code %f}), and odd ones. */
    static Arbitrary<String> varName() {
        Arbitrary<String> prefix = Arbitraries.of("*", "*", "*", "$$", "%");
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(prefix, identifier()).as((p, s) -> p + s)),
                Tuple.of(1, Arbitraries.of("*x3", "*a-b", "*x.y", "*x?", "*x!", "$$p$1", "*_")),
                Tuple.of(1, Combinators.combine(prefix, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4))
                        .as((p, s) -> p + s)));
    }

    static Arbitrary<String> valueVar() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, identifier().map(s -> "*" + s)),
                Tuple.of(1, varName()));
    }

    static Arbitrary<List<String>> outs() {
        return valueVar().list().ofMaxSize(3);
    }

    static Arbitrary<Origin> origin() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Origin.UNKNOWN)),
                Tuple.of(1, Arbitraries.just((Origin) null)),
                Tuple.of(6, Combinators.combine(identifier(), Arbitraries.integers().between(1, 999))
                        .as((f, l) -> Origin.of(f + ".java:" + l))),
                Tuple.of(1, anyString().map(Origin::of)));
    }

    // ------------------------------------------------------------------------------ values

    static Arbitrary<Double> doubles() {
        return Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0).withSpecialValue(Double.MIN_VALUE)
                .withSpecialValue(Double.MAX_VALUE);
    }

    static Arbitrary<Float> floats() {
        return Arbitraries.floats().withSpecialValue(Float.NaN).withSpecialValue(Float.NEGATIVE_INFINITY)
                .withSpecialValue(-0.0f).withSpecialValue(Float.MIN_VALUE).withSpecialValue(Float.MAX_VALUE);
    }

    static Arbitrary<Keyword> keyword() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, identifier().map(Keyword::intern)),
                Tuple.of(2, Combinators.combine(identifier(), identifier()).as(Keyword::intern)),
                Tuple.of(1, Combinators.combine(anyString().injectNull(0.5), anyString()).as(Keyword::intern)));
    }

    static Arbitrary<Symbol> symbol() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, identifier().map(Symbol::intern)),
                Tuple.of(2, varName().map(Symbol::intern)),
                Tuple.of(2, Combinators.combine(identifier(), identifier()).as(Symbol::intern)),
                Tuple.of(1, Combinators.combine(anyString().injectNull(0.5), anyString()).as(Symbol::intern)));
    }

    static Arbitrary<Object> ratio() {
        return Combinators.combine(Arbitraries.longs().between(-1000, 1000), Arbitraries.longs().between(2, 1000))
                .as((n, d) -> (Object) Numbers.divide(n, d)).filter(r -> r instanceof Ratio);
    }

    /** Scalars that may be map keys and set elements (no NaN: it is never equal to itself in Clojure). */
    static Arbitrary<Object> keyScalar() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.longs(),
                Arbitraries.integers(),
                Arbitraries.shorts(),
                Arbitraries.bytes(),
                Arbitraries.doubles(),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)),
                Arbitraries.bigDecimals(),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                        .map(BigInt::fromBigInteger),
                ratio(),
                anyString(),
                Arbitraries.chars(),
                Arbitraries.of(true, false),
                keyword(),
                symbol(),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new)));
    }

    static Arbitrary<Object> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, keyScalar()),
                Tuple.of(1, doubles()),
                Tuple.of(1, floats()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /**
     * Plain data: scalars, Clojure persistent vectors, maps, sets and lists, and immutable Java
     * lists, maps and sets.
     */
    static boolean noJavaImmutable(Object o) {
        if (o == null) {
            return true;
        }
        if (o.getClass().getName().startsWith("java.util.ImmutableCollections")) {
            return false;
        }
        if (o instanceof java.util.Collection) {
            for (Object x : (java.util.Collection<?>) o) {
                if (!noJavaImmutable(x)) {
                    return false;
                }
            }
        }
        if (o instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (!noJavaImmutable(e.getKey()) || !noJavaImmutable(e.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    static Arbitrary<Object> data(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        Arbitrary<Object> elem = Arbitraries.lazy(() -> data(depth - 1));
        // Java immutable collections cannot be map keys here: comparing one with a nil-holding Clojure
        // key makes Map.of's containsKey(null) throw, inside Clojure's own equality.
        Arbitrary<Object> key = Arbitraries.frequencyOf(Tuple.of(5, keyScalar()),
                Tuple.of(1, elem.filter(IrArbitraries::noNaN).filter(IrArbitraries::noJavaImmutable)));
        Arbitrary<Object> vector = elem.list().ofMaxSize(4).map(PersistentVector::create);
        Arbitrary<Object> list = elem.list().ofMaxSize(3).map(PersistentList::create);
        Arbitrary<Object> map = Combinators.combine(key, elem).as((k, v) -> new Object[] {k, v}).list().ofMaxSize(10)
                .map(kvs -> {
                    IPersistentMap m = PersistentArrayMap.EMPTY;
                    for (Object[] kv : kvs) {
                        m = m.assoc(kv[0], kv[1]);
                    }
                    return (Object) m;
                });
        Arbitrary<Object> set = key.list().ofMaxSize(10).map(PersistentHashSet::create);
        Arbitrary<Object> javaList = elem.filter(v -> v != null).list().ofMaxSize(3).map(l -> (Object) List.copyOf(l));
        Arbitrary<Object> javaMap = map.map(m -> (Map<?, ?>) m).filter(m -> !m.containsKey(null) && !m.containsValue(null))
                .map(m -> (Object) Map.copyOf(m));
        Arbitrary<Object> javaSet = set.map(x -> (Set<?>) x).filter(x -> !x.contains(null)).map(x -> (Object) Set.copyOf(x));
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar()),
                Tuple.of(2, vector),
                Tuple.of(2, map),
                Tuple.of(1, set),
                Tuple.of(1, list),
                Tuple.of(1, javaList),
                Tuple.of(1, javaMap),
                Tuple.of(1, javaSet));
    }

    /** True when there is no NaN anywhere in {@code o} (NaN is never equal to itself as a Clojure key or element). */
    private static boolean noNaN(Object o) {
        if (o instanceof Map) {
            return ((Map<?, ?>) o).entrySet().stream().allMatch(e -> noNaN(e.getKey()) && noNaN(e.getValue()));
        }
        if (o instanceof java.util.Collection) {
            return ((java.util.Collection<?>) o).stream().allMatch(IrArbitraries::noNaN);
        }
        return !(o instanceof Double && ((Double) o).isNaN()) && !(o instanceof Float && ((Float) o).isNaN());
    }

    /** What a literal argument may hold: data, functions, paths (path partitioners), arrays. */
    static Arbitrary<Object> litValue(int depth) {
        return Arbitraries.frequencyOf(
                Tuple.of(12, data(depth)),
                Tuple.of(1, function()),
                Tuple.of(1, Arbitraries.lazy(() -> path(depth - 1))),
                Tuple.of(1, data(depth - 1).list().ofMaxSize(3).map(List::toArray)),
                Tuple.of(1, Arbitraries.of(AckLevel.class)));
    }

    // ------------------------------------------------------------------------------ args

    static Arbitrary<Arg> arg(int depth) {
        Arbitrary<Arg> var = varName().map(Arg.Var::new);
        Arbitrary<Arg> lit = litValue(depth).map(Arg.Lit::new);
        if (depth <= 0) {
            return Arbitraries.oneOf(var, lit);
        }
        Arbitrary<Arg> expr = Combinators.combine(fnRef(), Arbitraries.lazy(() -> arg(depth - 1)).list().ofMaxSize(3))
                .as(Arg.Expr::new);
        return Arbitraries.frequencyOf(Tuple.of(4, var), Tuple.of(4, lit), Tuple.of(2, expr));
    }

    static Arbitrary<List<Arg>> args(int depth) {
        return arg(depth).list().ofMaxSize(3);
    }

    // ------------------------------------------------------------------------------ paths

    /** A path argument: data, variables, a Constant-wrapped variable look-alike. */
    static Arbitrary<Object> pathArg() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, data(1)),
                Tuple.of(2, valueVar()),
                Tuple.of(1, anyString().map(Constant::new)));
    }

    @SuppressWarnings("unchecked")
    private static <A, B> FloeFunction2<A, B, Object> f2(Object f) {
        return (FloeFunction2<A, B, Object>) f;
    }

    @SuppressWarnings("unchecked")
    private static FloeFunction1<Object, Boolean> pred(Object f) {
        return (FloeFunction1<Object, Boolean>) f;
    }

    @SuppressWarnings("unchecked")
    private static FloeFunction2<Object, Object, Boolean> pred2(Object f) {
        return (FloeFunction2<Object, Object, Boolean>) f;
    }

    /** A random path built with the {@link Path} builder. */
    static Arbitrary<Path> path(int depth) {
        Arbitrary<Object> a = pathArg();
        Arbitrary<Object[]> keys = a.list().ofMinSize(1).ofMaxSize(3).map(List::toArray);
        List<Arbitrary<Function<Path.Impl, Path.Impl>>> steps = new ArrayList<>(List.of(
                keys.map(k -> p -> p.key(k)),
                keys.map(k -> p -> p.must(k)),
                keys.map(k -> p -> p.subMap(k)),
                Arbitraries.<Function<Path.Impl, Path.Impl>>of(Path.Impl::all, Path.Impl::mapVals, Path.Impl::mapKeys, Path.Impl::first,
                        Path.Impl::last, Path.Impl::stay, Path.Impl::stop, Path.Impl::termVoid, Path.Impl::nullToList,
                        Path.Impl::nullToSet, Path.Impl::voidSetElem, Path.Impl::afterElem, Path.Impl::beforeElem,
                        Path.Impl::end, Path.Impl::beginning, Path.Impl::dispenseCollected),
                a.map(v -> p -> p.mapKey(v)),
                a.map(v -> p -> p.nth(v)),
                Combinators.combine(a, a).as((x, y) -> p -> p.sublist(x, y)),
                a.map(v -> p -> p.setElem(v)),
                a.map(v -> p -> p.nullToVal(v)),
                a.map(v -> p -> p.termVal(v)),
                a.map(v -> p -> p.putCollected(v)),
                a.map(v -> p -> p.filterEqual(v)),
                a.map(v -> p -> p.filterLessThan(v)),
                Combinators.combine(a, a, Arbitraries.of(SortedRangeOptions.create(), SortedRangeOptions.excludeStart(),
                        SortedRangeOptions.includeEnd(), SortedRangeOptions.excludeStart().includeEnd()))
                        .as((x, y, o) -> p -> p.sortedMapRange(x, y, o)),
                Combinators.combine(a, a).as((x, y) -> p -> p.sortedSetRange(x, y, "*opts")),
                Combinators.combine(a, Arbitraries.integers().between(0, 9)).as((x, n) -> p -> p.sortedMapRangeFrom(x, n)),
                Combinators.combine(a, Arbitraries.integers().between(0, 9))
                        .as((x, n) -> p -> p.sortedSetRangeFrom(x, SortedRangeFromOptions.maxAmt(n).excludeStart())),
                Combinators.combine(a, Arbitraries.integers().between(0, 9))
                        .as((x, n) -> p -> p.sortedMapRangeTo(x, SortedRangeToOptions.maxAmt(n))),
                a.map(x -> p -> p.sortedSetRangeTo(x)),
                Arbitraries.<Object>of(Ops.INC, Ops.IDENTITY, Ops.SIZE, new PlusN(2)).map(f -> p -> p.term(asF1(f))),
                a.map(x -> p -> p.term(f2(Ops.PLUS), x)),
                Arbitraries.<Object>of(Ops.FIRST, Ops.SIZE).map(f -> p -> p.view(asF1(f))),
                Arbitraries.<Object>of(Ops.IS_EVEN, new IsTag("t")).map(f -> p -> p.filterPred(pred(f))),
                a.map(x -> p -> p.filterPred(pred2(Ops.EQUAL), x)),
                identifier().map(t -> p -> p.customNav(new TestNav(t)))));
        if (depth > 0) {
            Arbitrary<Path> sub = Arbitraries.lazy(() -> path(depth - 1));
            steps.add(sub.list().ofMinSize(1).ofMaxSize(3).map(ps -> p -> p.multiPath(ps.toArray(new Path[0]))));
            steps.add(sub.map(s -> p -> p.filterSelected(s)));
            steps.add(sub.map(s -> p -> p.collectOne(s)));
            steps.add(sub.map(s -> p -> p.transformed(s)));
            steps.add(Combinators.combine(sub, sub, sub.injectNull(0.5))
                    .as((c, t, e) -> p -> e == null ? p.ifPath(c, t) : p.ifPath(c, t, e)));
        }
        return Arbitraries.oneOf(steps).list().ofMaxSize(4).map(fs -> {
            Path.Impl p = Path.create();
            for (Function<Path.Impl, Path.Impl> f : fs) {
                p = f.apply(p);
            }
            return (Path) p;
        });
    }

    // ------------------------------------------------------------------------------ aggregation

    static Arbitrary<AggSpec> aggSpec(int depth) {
        Arbitrary<AggSpec.TopOptions> top = Combinators.combine(arg(0), fnRef().injectNull(0.3),
                fnRef().injectNull(0.3), Arbitraries.of(true, false)).as(AggSpec.TopOptions::new);
        return Combinators.combine(Arbitraries.of(AggSpec.Kind.class), args(Math.max(depth - 1, 0)),
                fnRef().injectNull(0.6), top.injectNull(0.7), valueVar().injectNull(0.7)).as(AggSpec::new);
    }

    static Arbitrary<AggOrCompound> aggOrCompound(int depth) {
        if (depth <= 0) {
            return aggSpec(0).map(a -> (AggOrCompound) a);
        }
        Arbitrary<AggOrCompound> sub = Arbitraries.lazy(() -> aggOrCompound(depth - 1));
        Arbitrary<AggOrCompound> map = Combinators.combine(arg(0), sub).as(Compound.Entry::new).list().ofMaxSize(3)
                .map(Compound.MapTemplate::new);
        Arbitrary<AggOrCompound> list = sub.list().ofMaxSize(3).map(Compound.ListTemplate::new);
        return Arbitraries.frequencyOf(Tuple.of(2, aggSpec(depth).map(a -> (AggOrCompound) a)), Tuple.of(1, map), Tuple.of(1, list));
    }

    // ------------------------------------------------------------------------------ schemas

    static Arbitrary<SchemaIR> schema(int depth) {
        Arbitrary<SchemaIR> cls = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("java.lang.Long", "java.lang.String", "java.lang.Object", "dev.floe.User")),
                Tuple.of(1, anyString())).map(SchemaIR.ClassSchema::new);
        if (depth <= 0) {
            return cls;
        }
        Arbitrary<SchemaIR> sub = Arbitraries.lazy(() -> schema(depth - 1));
        Arbitrary<SchemaIR.Subindex> subindex = Arbitraries.of(true, false).map(SchemaIR.Subindex::new).injectNull(0.5);
        return Arbitraries.frequencyOf(
                Tuple.of(2, cls),
                Tuple.of(1, Combinators.combine(sub, sub, subindex).as(SchemaIR.MapSchema::new)),
                Tuple.of(1, Combinators.combine(sub, subindex).as(SchemaIR.ListSchema::new)),
                Tuple.of(1, Combinators.combine(sub, subindex).as(SchemaIR.SetSchema::new)),
                Tuple.of(1, Arbitraries.maps(anyString(), sub).ofMaxSize(4).map(m -> new SchemaIR.FixedKeys(new LinkedHashMap<>(m)))),
                Tuple.of(1, Combinators.combine(sub, anyString(), fnRef()).as(SchemaIR.Migrated::new)));
    }

    // ------------------------------------------------------------------------------ nodes

    static Arbitrary<List<Node>> block(int depth) {
        return Arbitraries.lazy(() -> node(depth - 1)).list().ofMaxSize(3);
    }

    /** Every {@link Node} record; nodes with sub-blocks only while {@code depth > 0}. */
    static Arbitrary<Node> node(int depth) {
        return Arbitraries.oneOf(nodeArbitraries(depth).values());
    }

    /** One arbitrary per node class (those that need sub-blocks only while {@code depth > 0}). */
    static Map<Class<?>, Arbitrary<Node>> nodeArbitraries(int depth) {
        Map<Class<?>, Arbitrary<Node>> m = new LinkedHashMap<>();
        int d = Math.max(depth - 1, 0);
        Arbitrary<Origin> o = origin();
        Arbitrary<String> s = anyString();
        Arbitrary<String> pstate = Arbitraries.frequencyOf(Tuple.of(4, identifier().map(x -> "$$" + x)), Tuple.of(1, s));
        m.put(Node.Each.class, Combinators.combine(fnRef(), args(d), outs(),
                Combinators.combine(s, s.injectNull(0.5), outs()).as(Node.StreamOut::new).list().ofMaxSize(2), o)
                .as(Node.Each::new));
        m.put(Node.EachAsync.class, Combinators.combine(fnRef(), args(d), outs(), o).as(Node.EachAsync::new));
        m.put(Node.KeepTrue.class, Combinators.combine(arg(d), o).as(Node.KeepTrue::new));
        m.put(Node.Partition.class, Combinators.combine(Arbitraries.of(Node.PartitionKind.class), pstate.injectNull(0.5),
                fnRef().injectNull(0.5), args(d), o).as(Node.Partition::new));
        m.put(Node.Anchor.class, Combinators.combine(s, o).as(Node.Anchor::new));
        m.put(Node.Hook.class, Combinators.combine(s, o).as(Node.Hook::new));
        m.put(Node.Unify.class, Combinators.combine(s.list().ofMaxSize(3), o).as(Node.Unify::new));
        m.put(Node.EmitLoop.class, Combinators.combine(args(d), o).as(Node.EmitLoop::new));
        m.put(Node.ContinueLoop.class, Combinators.combine(args(d), o).as(Node.ContinueLoop::new));
        m.put(Node.YieldIfOvertime.class, o.map(Node.YieldIfOvertime::new));
        m.put(Node.AckReturn.class, Combinators.combine(arg(d), o).as(Node.AckReturn::new));
        m.put(Node.DepotPartitionAppend.class, Combinators.combine(s, arg(d),
                Arbitraries.of(AckLevel.class).injectNull(0.3), o).as(Node.DepotPartitionAppend::new));
        m.put(Node.InvokeQuery.class, Combinators.combine(s, args(d), outs(), o).as(Node.InvokeQuery::new));
        m.put(Node.LocalSelect.class, Combinators.combine(pstate, path(d), Arbitraries.of(true, false), outs(), o)
                .as(Node.LocalSelect::new));
        m.put(Node.Select.class, Combinators.combine(pstate, path(d), Arbitraries.of(true, false), outs(), o)
                .as(Node.Select::new));
        m.put(Node.LocalTransform.class, Combinators.combine(pstate, path(d), o).as(Node.LocalTransform::new));
        m.put(Node.LocalClear.class, Combinators.combine(pstate, o).as(Node.LocalClear::new));
        m.put(Node.ExplodeMicrobatch.class, Combinators.combine(s, outs(), o).as(Node.ExplodeMicrobatch::new));
        m.put(Node.FreshBatchSource.class, o.map(Node.FreshBatchSource::new));
        m.put(Node.Materialize.class, Combinators.combine(args(d), pstate, o).as(Node.Materialize::new));
        m.put(Node.ExplodeMaterialized.class, Combinators.combine(pstate, outs(), o).as(Node.ExplodeMaterialized::new));
        m.put(Node.Aggregate.class, Combinators.combine(aggOrCompound(d), valueVar().injectNull(0.2),
                Arbitraries.of(true, false), o).as(Node.Aggregate::new));
        m.put(Node.LimitAgg.class, Combinators.combine(arg(d), outs(), outs(), Arbitraries.of(true, false),
                valueVar().injectNull(0.5), o).as(Node.LimitAgg::new));
        if (depth > 0) {
            Arbitrary<List<Node>> b = block(depth);
            m.put(Node.If.class, Combinators.combine(arg(d), b, b.injectNull(0.4), o).as(Node.If::new));
            m.put(Node.Cond.class, Combinators.combine(Combinators.combine(arg(d), b).as(Node.CondCase::new)
                    .list().ofMaxSize(3), o).as(Node.Cond::new));
            m.put(Node.SubSource.class, Combinators.combine(arg(d), Combinators.combine(s, outs(), b)
                    .as(Node.SubSourceCase::new).list().ofMaxSize(3), o).as(Node.SubSource::new));
            m.put(Node.Branch.class, Combinators.combine(s, b, o).as(Node.Branch::new));
            m.put(Node.Atomic.class, Combinators.combine(b, o).as(Node.Atomic::new));
            m.put(Node.Loop.class, Combinators.combine(Combinators.combine(valueVar(), arg(d)).as(Node.LoopVar::new)
                    .list().ofMaxSize(3), b, outs(), o).as(Node.Loop::new));
            m.put(Node.BatchBlock.class, Combinators.combine(b, o).as(Node.BatchBlock::new));
            m.put(Node.SubBatchSource.class, Combinators.combine(Combinators.combine(b, outs()).as(Node.SubBatchDef::new),
                    outs(), o).as(Node.SubBatchSource::new));
            m.put(Node.GroupBy.class, Combinators.combine(outs(), b, o).as(Node.GroupBy::new));
        }
        return m;
    }

    static Arbitrary<Node> nodes() {
        return node(DEPTH);
    }

    /** Blocks as the builder makes them (immutable lists). */
    static Arbitrary<List<Node>> blocks() {
        return block(DEPTH).map(List::copyOf);
    }

    // ------------------------------------------------------------------------------ modules

    static Arbitrary<ModuleIR> module() {
        Arbitrary<String> s = anyString();
        Arbitrary<Origin> o = origin();
        Arbitrary<ModuleIR.DepotPartitioning> partitioning = Combinators.combine(
                Arbitraries.of(ModuleIR.DepotPartitioning.Kind.class), fnRef().injectNull(0.5), s.injectNull(0.5))
                .as(ModuleIR.DepotPartitioning::new);
        Arbitrary<ModuleIR.DepotMigration> depotMigration = Combinators.combine(s, fnRef())
                .as(ModuleIR.DepotMigration::new);
        Arbitrary<ModuleIR.DepotDecl> depot = Combinators.combine(identifier().map(x -> "*" + x), partitioning,
                Arbitraries.of(true, false), Arbitraries.longs().injectNull(0.7), depotMigration.injectNull(0.6), o)
                .as(ModuleIR.DepotDecl::new);
        Arbitrary<ModuleIR.ObjectDecl> object = Combinators.combine(s, data(2), o).as(ModuleIR.ObjectDecl::new);
        Arbitrary<ModuleIR.MirrorDecl> mirror = Combinators.combine(Arbitraries.of(ModuleIR.MirrorDecl.Kind.class), s, s,
                s, o).as(ModuleIR.MirrorDecl::new);
        Arbitrary<ModuleIR.PStateDecl> pstate = Combinators.combine(identifier().map(x -> "$$" + x), schema(DEPTH),
                Arbitraries.of(true, false), Arbitraries.of(true, false), data(2), Arbitraries.of(true, false),
                fnRef().injectNull(0.7), o).as(ModuleIR.PStateDecl::new);
        Arbitrary<ModuleIR.SourceOptions> options = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(ModuleIR.SourceOptions.DEFAULT)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(ModuleIR.SourceOptions.StartFrom.class), Arbitraries.longs(),
                        s.injectNull(0.5), Arbitraries.of(ModuleIR.SourceOptions.RetryMode.class),
                        aggSpec(1).injectNull(0.6), s.injectNull(0.5)).as(ModuleIR.SourceOptions::new)));
        Arbitrary<ModuleIR.SourceDecl> source = Combinators.combine(s, options, outs(), block(2), o)
                .as(ModuleIR.SourceDecl::new);
        Arbitrary<ModuleIR.EtlTopology> etl = Combinators.combine(Arbitraries.of(ModuleIR.EtlTopology.Kind.class), s,
                pstate.list().ofMaxSize(3), source.list().ofMaxSize(2)).as(ModuleIR.EtlTopology::new);
        Arbitrary<ModuleIR.QueryTopology> query = Combinators.combine(s, outs(), valueVar(), block(2), o)
                .as(ModuleIR.QueryTopology::new);
        Arbitrary<Map<String, Object>> launch = Arbitraries.maps(s, data(1).filter(v -> v != null)).ofMaxSize(4);
        return Combinators.combine(Arbitraries.integers().between(0, ModuleIR.VERSION), s, depot.list().ofMaxSize(3),
                object.list().ofMaxSize(3), mirror.list().ofMaxSize(2), etl.list().ofMaxSize(2),
                query.list().ofMaxSize(2), launch).as(ModuleIR::new);
    }

    /** Any IR value: a node, a block, an argument, an aggregation, a schema, a path or a module. */
    static Arbitrary<Object> anyIr() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, nodes().map(n -> (Object) n)),
                Tuple.of(2, blocks().map(b -> (Object) b)),
                Tuple.of(2, arg(DEPTH).map(a -> (Object) a)),
                Tuple.of(1, aggOrCompound(DEPTH).map(a -> (Object) a)),
                Tuple.of(1, schema(DEPTH).map(x -> (Object) x)),
                Tuple.of(1, path(2).map(p -> (Object) p)),
                Tuple.of(1, module().map(m -> (Object) m)));
    }
}
