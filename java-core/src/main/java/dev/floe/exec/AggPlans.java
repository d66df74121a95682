package dev.floe.exec;

import clojure.lang.IFn;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.Numbers;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import clojure.lang.Util;
import dev.floe.ir.AggSpec;
import dev.floe.ops.FloeAccumulatorAgg0;
import dev.floe.ops.FloeAccumulatorAgg1;
import dev.floe.ops.FloeAccumulatorAgg2;
import dev.floe.ops.FloeAccumulatorAgg3;
import dev.floe.ops.FloeAccumulatorAgg4;
import dev.floe.ops.FloeAccumulatorAgg5;
import dev.floe.ops.FloeAccumulatorAgg6;
import dev.floe.ops.FloeAccumulatorAgg7;
import dev.floe.ops.FloeAccumulatorAgg8;
import dev.floe.ops.FloeCombinerAgg;
import dev.floe.path.Fns;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aggregators at run time. An aggregation state of {@code null} means "nothing aggregated yet",
 * so a PState location that does not exist and a batch group with no rows start the same way;
 * {@link AggFn#finish} turns a null state into the aggregator's zero value (count 0, sum 0,
 * list [], set/map/first/last/min/max null).
 */
public final class AggPlans {
    private AggPlans() {}

    /** One aggregator's semantics. */
    public abstract static class AggFn {
        final AggSpec.Kind kind;

        AggFn(AggSpec.Kind kind) {
            this.kind = kind;
        }

        /** The new state after one row; {@code state} is null before the first row. */
        public abstract Object add(Object state, Object[] args);

        /** Merges two partial states (combiners only; used by two-phase aggregation). */
        public Object combine(Object a, Object b) {
            throw new UnsupportedOperationException(kind + " is not a combiner");
        }

        /** The value of a state: the zero value when nothing was aggregated. */
        public Object finish(Object state) {
            return state;
        }

        public boolean isCombiner() {
            return kind.isCombiner();
        }
    }

    static Object num(Object v, String agg) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(agg + " aggregates numbers, got " + (v == null ? "nil" : v.getClass().getName()));
        }
        return v;
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return Numbers.compare((Number) a, (Number) b);
        }
        return Util.compare(a, b);
    }

    /** The runtime aggregator for a spec; functions of top-N are given already resolved. */
    public static AggFn of(AggSpec spec, int topAmount) {
        switch (spec.kind()) {
            case COUNT:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return s == null ? 1L : (Long) s + 1;
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        return (x == null ? 0L : (Long) x) + (y == null ? 0L : (Long) y);
                    }

                    @Override
                    public Object finish(Object s) {
                        return s == null ? 0L : s;
                    }
                };
            case SUM:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        Object v = num(a[0], "Agg.sum");
                        return Numbers.add(s == null ? 0L : s, v instanceof Integer || v instanceof Short || v instanceof Byte
                                ? (Object) ((Number) v).longValue() : v);
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        return Numbers.add(x == null ? 0L : x, y == null ? 0L : y);
                    }

                    @Override
                    public Object finish(Object s) {
                        return s == null ? 0L : s;
                    }
                };
            case MAX:
            case MIN: {
                boolean max = spec.kind() == AggSpec.Kind.MAX;
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        Object v = a[0];
                        if (v == null) {
                            return s;
                        }
                        if (s == null) {
                            return v;
                        }
                        int c = compare(v, s);
                        return max ? (c > 0 ? v : s) : (c < 0 ? v : s);
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        return x == null ? y : y == null ? x : add(x, new Object[] {y});
                    }
                };
            }
            case FIRST:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return s == null ? new Box(a[0]) : s;
                    }

                    @Override
                    public Object finish(Object s) {
                        return s instanceof Box ? ((Box) s).value : s;
                    }
                };
            case LAST:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return a[0];
                    }
                };
            case LIST:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return ((IPersistentCollection) (s == null ? PersistentVector.EMPTY : asVector(s))).cons(a[0]);
                    }

                    @Override
                    public Object finish(Object s) {
                        return s == null ? PersistentVector.EMPTY : s;
                    }
                };
            case SET:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return asSet(s).cons(a[0]);
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        IPersistentSet out = asSet(x);
                        for (Object o : (java.util.Set<?>) asSet(y)) {
                            out = (IPersistentSet) out.cons(o);
                        }
                        return out;
                    }
                };
            case SET_REMOVE:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return s == null ? null : asSet(s).disjoin(a[0]);
                    }
                };
            case MAP:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return asMap(s).assoc(a[0], a[1]);
                    }
                };
            case MERGE:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        IPersistentMap out = asMap(s);
                        if (a[0] != null) {
                            for (Map.Entry<?, ?> e : ((Map<?, ?>) a[0]).entrySet()) {
                                out = out.assoc(e.getKey(), e.getValue());
                            }
                        }
                        return out;
                    }
                };
            case MULTI_SET:
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        IPersistentMap m = asMap(s);
                        Object c = m.valAt(a[0]);
                        return m.assoc(a[0], c == null ? 1L : (Long) c + 1);
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        IPersistentMap m = asMap(x);
                        for (Map.Entry<?, ?> e : ((Map<?, ?>) asMap(y)).entrySet()) {
                            Object c = m.valAt(e.getKey());
                            m = m.assoc(e.getKey(), (c == null ? 0L : (Long) c) + (Long) e.getValue());
                        }
                        return m;
                    }
                };
            case AND:
            case OR: {
                boolean and = spec.kind() == AggSpec.Kind.AND;
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        boolean v = Instrs.truthy(a[0]);
                        boolean cur = s == null ? and : (Boolean) s;
                        return and ? cur && v : cur || v;
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        boolean bx = x == null ? and : (Boolean) x;
                        boolean by = y == null ? and : (Boolean) y;
                        return and ? bx && by : bx || by;
                    }

                    @Override
                    public Object finish(Object s) {
                        return s == null ? and : s;
                    }
                };
            }
            case TOP_MONOTONIC:
                return new TopN(spec, topAmount);
            case COMBINER: {
                @SuppressWarnings("unchecked")
                FloeCombinerAgg<Object> c = (FloeCombinerAgg<Object>) spec.impl().impl();
                return new AggFn(spec.kind()) {
                    @Override
                    public Object add(Object s, Object[] a) {
                        return c.combine(s == null ? c.zeroVal() : s, a[0]);
                    }

                    @Override
                    public Object combine(Object x, Object y) {
                        return c.combine(x == null ? c.zeroVal() : x, y == null ? c.zeroVal() : y);
                    }

                    @Override
                    public Object finish(Object s) {
                        return s == null ? c.zeroVal() : s;
                    }
                };
            }
            case ACCUMULATOR:
                return new Accumulator(spec);
            default:
                throw new IllegalArgumentException("unknown aggregator " + spec.kind());
        }
    }

    /** A first value that may itself be nil. */
    static final class Box {
        final Object value;

        Box(Object value) {
            this.value = value;
        }
    }

    static IPersistentVector asVector(Object s) {
        if (s instanceof IPersistentVector) {
            return (IPersistentVector) s;
        }
        return PersistentVector.create((List<?>) s);
    }

    static IPersistentSet asSet(Object s) {
        if (s == null) {
            return PersistentHashSet.EMPTY;
        }
        if (s instanceof IPersistentSet) {
            return (IPersistentSet) s;
        }
        return PersistentHashSet.create(new ArrayList<>((java.util.Collection<?>) s));
    }

    static IPersistentMap asMap(Object s) {
        if (s == null) {
            return PersistentArrayMap.EMPTY;
        }
        if (s instanceof IPersistentMap) {
            return (IPersistentMap) s;
        }
        IPersistentMap m = PersistentArrayMap.EMPTY;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
            m = m.assoc(e.getKey(), e.getValue());
        }
        return m;
    }

    /** Bounded top-N: deduplicated by id (the later element replaces), sorted best first. */
    static final class TopN extends AggFn {
        private final IFn id;
        private final IFn sortVal;
        private final boolean ascending;
        private final int amount;

        TopN(AggSpec spec, int amount) {
            super(spec.kind());
            AggSpec.TopOptions t = spec.top();
            this.id = t.idFunction() == null ? null : Fns.toIFn(t.idFunction().impl());
            this.sortVal = t.sortValFunction() == null ? null : Fns.toIFn(t.sortValFunction().impl());
            this.ascending = t.ascending();
            this.amount = amount;
        }

        private Object idOf(Object e) {
            return id == null ? e : id.invoke(e);
        }

        private Object sortOf(Object e) {
            return sortVal == null ? e : sortVal.invoke(e);
        }

        @Override
        public Object add(Object s, Object[] a) {
            return insert(s == null ? List.of() : (List<?>) s, a[0]);
        }

        private Object insert(List<?> current, Object elem) {
            Object newId = idOf(elem);
            ArrayList<Object> out = new ArrayList<>(current.size() + 1);
            for (Object o : current) {
                if (!Util.equiv(idOf(o), newId)) {
                    out.add(o);
                }
            }
            out.add(elem);
            out.sort((x, y) -> {
                int c = compare(sortOf(x), sortOf(y));
                return ascending ? c : -c;
            });
            while (out.size() > amount) {
                out.remove(out.size() - 1);
            }
            return PersistentVector.create(out);
        }

        @Override
        public Object combine(Object x, Object y) {
            Object out = x == null ? PersistentVector.EMPTY : x;
            if (y != null) {
                for (Object e : (List<?>) y) {
                    out = insert((List<?>) out, e);
                }
            }
            return out;
        }

        @Override
        public Object finish(Object s) {
            return s == null ? PersistentVector.EMPTY : s;
        }
    }

    /** A custom accumulator of any arity. */
    static final class Accumulator extends AggFn {
        private final Object acc;

        Accumulator(AggSpec spec) {
            super(spec.kind());
            this.acc = spec.impl().impl();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object init() {
            if (acc instanceof FloeAccumulatorAgg0) {
                return ((FloeAccumulatorAgg0) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg1) {
                return ((FloeAccumulatorAgg1) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg2) {
                return ((FloeAccumulatorAgg2) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg3) {
                return ((FloeAccumulatorAgg3) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg4) {
                return ((FloeAccumulatorAgg4) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg5) {
                return ((FloeAccumulatorAgg5) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg6) {
                return ((FloeAccumulatorAgg6) acc).initVal();
            }
            if (acc instanceof FloeAccumulatorAgg7) {
                return ((FloeAccumulatorAgg7) acc).initVal();
            }
            return ((FloeAccumulatorAgg8) acc).initVal();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object add(Object s, Object[] a) {
            Object cur = s == null ? init() : s;
            switch (a.length) {
                case 0:
                    return ((FloeAccumulatorAgg0) acc).accumulate(cur);
                case 1:
                    return ((FloeAccumulatorAgg1) acc).accumulate(cur, a[0]);
                case 2:
                    return ((FloeAccumulatorAgg2) acc).accumulate(cur, a[0], a[1]);
                case 3:
                    return ((FloeAccumulatorAgg3) acc).accumulate(cur, a[0], a[1], a[2]);
                case 4:
                    return ((FloeAccumulatorAgg4) acc).accumulate(cur, a[0], a[1], a[2], a[3]);
                case 5:
                    return ((FloeAccumulatorAgg5) acc).accumulate(cur, a[0], a[1], a[2], a[3], a[4]);
                case 6:
                    return ((FloeAccumulatorAgg6) acc).accumulate(cur, a[0], a[1], a[2], a[3], a[4], a[5]);
                case 7:
                    return ((FloeAccumulatorAgg7) acc).accumulate(cur, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
                default:
                    return ((FloeAccumulatorAgg8) acc).accumulate(cur, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            }
        }

        @Override
        public Object finish(Object s) {
            return s == null ? init() : s;
        }
    }

    // ------------------------------------------------------------------------------ templates

    /** Receives each location an aggregation changed (for captureNewValInto). */
    public interface Changes {
        /** A location changed: the template's key values along the way, and the new value. */
        void changed(Object[] keys, int captureSlot, Object newValue);
    }

    /**
     * A compiled aggregation: a leaf aggregator, or a map or list template of them. It updates a
     * value (a PState's, or a batch aggregation state) with one row.
     */
    public abstract static class Plan {
        /** The value after aggregating the row in frame {@code f}. */
        public abstract Object apply(Object current, Frame f, Object[] keys, int depth, Changes changes);

        /** Turns aggregation states into values (the zero values for untouched leaves). */
        public abstract Object finish(Object state);

        /** Merges two partial states (two-phase aggregation). */
        public abstract Object combine(Object a, Object b);

        /**
         * The second phase of two-phase aggregation: merges {@code partial} (a state another task
         * built with {@link #apply} from null) into {@code current}, reporting the locations it
         * changes like {@link #apply}. Every leaf combines, even into a null current (a custom
         * combiner sees {@code combine(zeroVal, partial)}).
         */
        public abstract Object merge(Object current, Object partial, Object[] keys, int depth, Changes changes);

        /**
         * True when partial states can be merged location by location: every leaf is a combiner and
         * every map template has a single entry or only distinct literal keys (with two var keys a
         * partial's entry could not say which entry built it).
         */
        public abstract boolean mergeable();

        /** True when every leaf is a combiner. */
        public abstract boolean allCombiners();

        /** Number of keys from the root to the deepest leaf. */
        public abstract int depth();

        /** Adds the slots the plan's keys and arguments read. */
        public abstract void reads(java.util.BitSet out);
    }

    /** One aggregator with its argument evaluators. Stored values are always finished values. */
    public static final class Leaf extends Plan {
        final AggFn fn;
        final ArgEval[] args;
        final int captureSlot;

        public Leaf(AggFn fn, ArgEval[] args, int captureSlot) {
            this.fn = fn;
            this.args = args.clone();
            this.captureSlot = captureSlot;
        }

        @Override
        public Object apply(Object current, Frame f, Object[] keys, int depth, Changes changes) {
            Object next = fn.finish(fn.add(current, Instrs.evalAll(args, f)));
            if (changes != null && captureSlot >= 0) {
                changes.changed(java.util.Arrays.copyOf(keys, depth), captureSlot, next);
            }
            return next;
        }

        @Override
        public Object finish(Object state) {
            return fn.finish(state);
        }

        @Override
        public Object combine(Object a, Object b) {
            return a == null ? b : b == null ? a : fn.combine(a, b);
        }

        @Override
        public Object merge(Object current, Object partial, Object[] keys, int depth, Changes changes) {
            Object next = fn.finish(fn.combine(current, partial));
            if (changes != null && captureSlot >= 0) {
                changes.changed(java.util.Arrays.copyOf(keys, depth), captureSlot, next);
            }
            return next;
        }

        @Override
        public boolean mergeable() {
            return fn.isCombiner();
        }

        @Override
        public boolean allCombiners() {
            return fn.isCombiner();
        }

        @Override
        public int depth() {
            return 0;
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(args, out);
        }
    }

    /**
     * A map template: each key (a var or a literal) nests another plan. Literal keys are present
     * even when no row reached them (with their aggregator's zero value); var keys appear per row.
     */
    public static final class MapPlan extends Plan {
        final ArgEval[] keys;
        final Plan[] values;

        public MapPlan(ArgEval[] keys, Plan[] values) {
            this.keys = keys.clone();
            this.values = values.clone();
        }

        @Override
        public Object apply(Object current, Frame f, Object[] keyPath, int depth, Changes changes) {
            Object m = current;
            for (int i = 0; i < keys.length; i++) {
                Object k = keys[i].eval(f);
                keyPath[depth] = k;
                Object sub = dev.floe.specter.impl.Colls.get(m, k);
                Object updated = values[i].apply(sub, f, keyPath, depth + 1, changes);
                m = updated == Specter.NONE ? dev.floe.specter.impl.Colls.dissoc(m, k)
                        : dev.floe.specter.impl.Colls.assoc(m, k, updated);
            }
            return m;
        }

        /** The plan of a key: the literal entry with that key, else the first var entry. */
        Plan planFor(Object key) {
            Plan varPlan = null;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] instanceof ArgEval.Const) {
                    if (Util.equiv(((ArgEval.Const) keys[i]).value, key)) {
                        return values[i];
                    }
                } else if (varPlan == null) {
                    varPlan = values[i];
                }
            }
            return varPlan != null ? varPlan : values[0];
        }

        @Override
        public Object finish(Object state) {
            Object out = state;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] instanceof ArgEval.Const) {
                    Object k = ((ArgEval.Const) keys[i]).value;
                    Object cur = dev.floe.specter.impl.Colls.get(out, k);
                    Object done = values[i].finish(cur);
                    out = done == Specter.NONE ? dev.floe.specter.impl.Colls.dissoc(out, k)
                            : dev.floe.specter.impl.Colls.assoc(out, k, done);
                }
            }
            return out;
        }

        @Override
        public Object combine(Object a, Object b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            Object out = a;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) b).entrySet()) {
                Object cur = dev.floe.specter.impl.Colls.get(out, e.getKey());
                out = dev.floe.specter.impl.Colls.assoc(out, e.getKey(),
                        planFor(e.getKey()).combine(cur, e.getValue()));
            }
            return out;
        }

        @Override
        public Object merge(Object current, Object partial, Object[] keyPath, int depth, Changes changes) {
            Object m = current;
            if (partial == null) {
                return m;
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) partial).entrySet()) {
                Object k = e.getKey();
                keyPath[depth] = k;
                Object sub = dev.floe.specter.impl.Colls.get(m, k);
                m = dev.floe.specter.impl.Colls.assoc(m, k, planFor(k).merge(sub, e.getValue(), keyPath, depth + 1, changes));
            }
            return m;
        }

        @Override
        public boolean mergeable() {
            if (keys.length > 1) {
                List<Object> literals = new ArrayList<>();
                for (ArgEval k : keys) {
                    if (!(k instanceof ArgEval.Const)) {
                        return false;
                    }
                    Object v = ((ArgEval.Const) k).value;
                    for (Object o : literals) {
                        if (Util.equiv(o, v)) {
                            return false;
                        }
                    }
                    literals.add(v);
                }
            }
            for (Plan p : values) {
                if (!p.mergeable()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean allCombiners() {
            for (Plan p : values) {
                if (!p.allCombiners()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int depth() {
            int d = 0;
            for (Plan p : values) {
                d = Math.max(d, p.depth());
            }
            return d + 1;
        }

        @Override
        public void reads(java.util.BitSet out) {
            ArgEval.readsAll(keys, out);
            for (Plan p : values) {
                p.reads(out);
            }
        }
    }

    /** A list template: element i aggregated by plan i. */
    public static final class ListPlan extends Plan {
        final Plan[] items;

        public ListPlan(Plan[] items) {
            this.items = items.clone();
        }

        @Override
        public Object apply(Object current, Frame f, Object[] keyPath, int depth, Changes changes) {
            Object[] out = new Object[items.length];
            List<?> cur = (List<?>) current;
            for (int i = 0; i < items.length; i++) {
                Object sub = cur == null || i >= cur.size() ? null : cur.get(i);
                out[i] = items[i].apply(sub, f, keyPath, depth, changes);
            }
            return PersistentVector.create(out);
        }

        @Override
        public Object finish(Object state) {
            List<?> cur = (List<?>) state;
            Object[] out = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = items[i].finish(cur == null || i >= cur.size() ? null : cur.get(i));
            }
            return PersistentVector.create(out);
        }

        @Override
        public Object combine(Object a, Object b) {
            List<?> la = (List<?>) a;
            List<?> lb = (List<?>) b;
            Object[] out = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = items[i].combine(la == null ? null : la.get(i), lb == null ? null : lb.get(i));
            }
            return PersistentVector.create(out);
        }

        @Override
        public Object merge(Object current, Object partial, Object[] keyPath, int depth, Changes changes) {
            List<?> cur = (List<?>) current;
            List<?> part = (List<?>) partial;
            Object[] out = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                Object sub = cur == null || i >= cur.size() ? null : cur.get(i);
                out[i] = part == null || i >= part.size() ? sub
                        : items[i].merge(sub, part.get(i), keyPath, depth, changes);
            }
            return PersistentVector.create(out);
        }

        @Override
        public boolean mergeable() {
            for (Plan p : items) {
                if (!p.mergeable()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean allCombiners() {
            for (Plan p : items) {
                if (!p.allCombiners()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int depth() {
            int d = 0;
            for (Plan p : items) {
                d = Math.max(d, p.depth());
            }
            return d;
        }

        @Override
        public void reads(java.util.BitSet out) {
            for (Plan p : items) {
                p.reads(out);
            }
        }
    }

    /** Aggregates into a PState (outside batch blocks: applied per event, then continues once). */
    public static final class IntoPState extends Instr {
        private final Instrs.PStateRef pstate;
        private final Plan plan;
        private final int depth;

        public IntoPState(StepInfo step, Instrs.PStateRef pstate, Plan plan) {
            super(step);
            this.pstate = pstate;
            this.plan = plan;
            this.depth = plan.depth();
        }

        @Override
        public void reads(java.util.BitSet out) {
            pstate.reads(out);
            plan.reads(out);
        }

        @Override
        public void run(Frame f) {
            PStateHandle h = pstate.resolve(f);
            h.setValue(plan.apply(h.value(), f, new Object[Math.max(1, depth)], 0, null));
            next.emit(f);
        }
    }
}
