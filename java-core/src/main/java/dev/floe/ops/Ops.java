package dev.floe.ops;

import clojure.lang.MapEntry;
import clojure.lang.Numbers;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Util;
import dev.floe.ModuleInstanceInfo;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The built-in functions and operations. Result types follow Rama exactly, because ported tests
 * compare with {@code equals}: {@code SIZE}, {@code INC}, {@code DEC}, {@code PLUS}, {@code MINUS},
 * {@code TIMES}, {@code CURRENT_TASK_ID} and {@code EXPLODE_INDEXED}'s index are {@code Integer};
 * the {@code _LONG} twins and {@code CURRENT_MICROBATCH_ID} are {@code Long}; {@code DIV} is a
 * {@code Double}. Integer arithmetic fails on overflow instead of wrapping silently.
 */
public final class Ops {
    private Ops() {}

    // ------------------------------------------------------------------------------ wrappers

    static final class F0<R> extends BuiltIns.Named implements FloeFunction0<R> {
        private static final long serialVersionUID = 1L;
        private final FloeFunction0<R> f;

        F0(String name, FloeFunction0<R> f) {
            super(name);
            this.f = f;
        }

        @Override
        public R invoke() {
            return f.invoke();
        }
    }

    static final class F1<A, R> extends BuiltIns.Named implements FloeFunction1<A, R> {
        private static final long serialVersionUID = 1L;
        private final FloeFunction1<A, R> f;

        F1(String name, FloeFunction1<A, R> f) {
            super(name);
            this.f = f;
        }

        @Override
        public R invoke(A a) {
            return f.invoke(a);
        }
    }

    static final class F2<A, B, R> extends BuiltIns.Named implements FloeFunction2<A, B, R> {
        private static final long serialVersionUID = 1L;
        private final FloeFunction2<A, B, R> f;

        F2(String name, FloeFunction2<A, B, R> f) {
            super(name);
            this.f = f;
        }

        @Override
        public R invoke(A a, B b) {
            return f.invoke(a, b);
        }
    }

    static final class Op1<A> extends BuiltIns.Named implements FloeOperation1<A> {
        private static final long serialVersionUID = 1L;
        private final FloeOperation1<A> f;

        Op1(String name, FloeOperation1<A> f) {
            super(name);
            this.f = f;
        }

        @Override
        public void invoke(A a, OutputCollector c) {
            f.invoke(a, c);
        }
    }

    static final class Op2<A, B> extends BuiltIns.Named implements FloeOperation2<A, B> {
        private static final long serialVersionUID = 1L;
        private final FloeOperation2<A, B> f;

        Op2(String name, FloeOperation2<A, B> f) {
            super(name);
            this.f = f;
        }

        @Override
        public void invoke(A a, B b, OutputCollector c) {
            f.invoke(a, b, c);
        }
    }

    /**
     * A function of any number of arguments (0 to 8). It implements every {@code FloeFunctionN},
     * so {@code each(Ops.PLUS, "*a", "*b", "*c")} resolves by argument count.
     */
    public static final class AnyArity extends BuiltIns.Named implements FloeFunction0<Object>,
            FloeFunction1<Object, Object>, FloeFunction2<Object, Object, Object>,
            FloeFunction3<Object, Object, Object, Object>, FloeFunction4<Object, Object, Object, Object, Object>,
            FloeFunction5<Object, Object, Object, Object, Object, Object>,
            FloeFunction6<Object, Object, Object, Object, Object, Object, Object>,
            FloeFunction7<Object, Object, Object, Object, Object, Object, Object, Object>,
            FloeFunction8<Object, Object, Object, Object, Object, Object, Object, Object, Object> {
        private static final long serialVersionUID = 1L;
        private final FloeFunction1<Object[], Object> f;

        AnyArity(String name, FloeFunction1<Object[], Object> f) {
            super(name);
            this.f = f;
        }

        /** Applies the function to any number of arguments. */
        public Object applyArgs(Object... args) {
            return f.invoke(args);
        }

        @Override
        public Object invoke() {
            return f.invoke(new Object[0]);
        }

        @Override
        public Object invoke(Object a) {
            return f.invoke(new Object[] {a});
        }

        @Override
        public Object invoke(Object a, Object b) {
            return f.invoke(new Object[] {a, b});
        }

        @Override
        public Object invoke(Object a, Object b, Object c) {
            return f.invoke(new Object[] {a, b, c});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d) {
            return f.invoke(new Object[] {a, b, c, d});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e) {
            return f.invoke(new Object[] {a, b, c, d, e});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f2) {
            return f.invoke(new Object[] {a, b, c, d, e, f2});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f2, Object g) {
            return f.invoke(new Object[] {a, b, c, d, e, f2, g});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f2, Object g, Object h) {
            return f.invoke(new Object[] {a, b, c, d, e, f2, g, h});
        }
    }

    // ------------------------------------------------------------------------------ helpers

    static boolean truthy(Object o) {
        return o != null && o != Boolean.FALSE;
    }

    static Number num(Object o, String op) {
        if (o instanceof Number) {
            return (Number) o;
        }
        throw new IllegalArgumentException(op + " needs numbers, got " + (o == null ? "nil" : o.getClass().getName()));
    }

    static boolean isFloating(Number n) {
        return n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal;
    }

    static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Integer when every argument is an Integer-range integral; fails on overflow. */
    static Object narrow(Object[] args, String op, int kind) {
        boolean integral = true;
        for (Object a : args) {
            if (!isIntegral(num(a, op))) {
                integral = false;
            }
        }
        if (integral) {
            long acc = kind == 2 ? 1 : 0;
            for (int i = 0; i < args.length; i++) {
                long v = ((Number) args[i]).longValue();
                if (kind == 0) {
                    acc = Math.addExact(acc, v);
                } else if (kind == 1) {
                    acc = i == 0 && args.length > 1 ? v : Math.subtractExact(acc, v);
                } else {
                    acc = Math.multiplyExact(acc, v);
                }
            }
            return Math.toIntExact(acc);
        }
        Object acc = kind == 2 ? (Object) 1L : (Object) 0L;
        for (int i = 0; i < args.length; i++) {
            Object v = args[i];
            if (kind == 0) {
                acc = Numbers.add(acc, v);
            } else if (kind == 1) {
                acc = i == 0 && args.length > 1 ? v : Numbers.minus(acc, v);
            } else {
                acc = Numbers.multiply(acc, v);
            }
        }
        return acc;
    }

    static Object longArith(Object[] args, String op, int kind) {
        long acc = kind == 2 ? 1 : 0;
        for (int i = 0; i < args.length; i++) {
            long v = num(args[i], op).longValue();
            if (kind == 0) {
                acc = Math.addExact(acc, v);
            } else if (kind == 1) {
                acc = i == 0 && args.length > 1 ? v : Math.subtractExact(acc, v);
            } else {
                acc = Math.multiplyExact(acc, v);
            }
        }
        return acc;
    }

    static int compare(Object a, Object b, String op) {
        if (a instanceof Number && b instanceof Number) {
            return Numbers.compare((Number) a, (Number) b);
        }
        if (a == null || b == null) {
            throw new IllegalArgumentException(op + " cannot compare nil");
        }
        return Util.compare(a, b);
    }

    static Boolean chain(Object[] args, String op, int want) {
        for (int i = 0; i + 1 < args.length; i++) {
            int c = compare(args[i], args[i + 1], op);
            boolean ok = want == 0 ? c < 0 : want == 1 ? c <= 0 : want == 2 ? c > 0 : c >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static void explode(Object coll, OutputCollector c) {
        if (coll == null) {
            return;
        }
        if (coll instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) coll).entrySet()) {
                c.emit(MapEntry.create(e.getKey(), e.getValue()));
            }
        } else if (coll instanceof Iterable) {
            for (Object o : (Iterable<?>) coll) {
                c.emit(o);
            }
        } else if (coll.getClass().isArray()) {
            for (int i = 0, n = java.lang.reflect.Array.getLength(coll); i < n; i++) {
                c.emit(java.lang.reflect.Array.get(coll, i));
            }
        } else {
            for (Object s = RT.seq(coll); s != null; s = ((clojure.lang.ISeq) s).next()) {
                c.emit(((clojure.lang.ISeq) s).first());
            }
        }
    }

    static Integer size(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Collection) {
            return ((Collection<?>) o).size();
        }
        if (o instanceof Map) {
            return ((Map<?, ?>) o).size();
        }
        if (o instanceof CharSequence) {
            return ((CharSequence) o).length();
        }
        return RT.count(o);
    }

    static Object first(Object o) {
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            return l.isEmpty() ? null : l.get(0);
        }
        return RT.first(o);
    }

    static Object last(Object o) {
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }
        Object last = null;
        for (Object s = RT.seq(o); s != null; s = ((clojure.lang.ISeq) s).next()) {
            last = ((clojure.lang.ISeq) s).first();
        }
        return last;
    }

    static Object extreme(Object[] args, boolean max) {
        Object best = null;
        for (Object a : args) {
            if (best == null || (max ? compare(a, best, "max") > 0 : compare(a, best, "min") < 0)) {
                best = a;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------------------ identity and data

    /** Emits its argument. */
    public static final FloeFunction1<Object, Object> IDENTITY = new F1<>("Ops.IDENTITY", a -> a);

    /** A list of all arguments. */
    public static final AnyArity TUPLE = new AnyArity("Ops.TUPLE", PersistentVector::create);

    /** A list's elements as separate outputs: {@code .out("*a", "*b")}. */
    public static final FloeOperation1<Object> EXPAND = new Op1<>("Ops.EXPAND", (list, c) -> {
        if (list instanceof List) {
            c.emit(((List<?>) list).toArray());
        } else if (list == null) {
            c.emit();
        } else {
            c.emit(RT.seqToArray(RT.seq(list)));
        }
    });

    /** Emits once per element of a collection (map entries as [k v]); nil or empty emits nothing. */
    public static final FloeOperation1<Object> EXPLODE = new Op1<>("Ops.EXPLODE", Ops::explode);

    /** Emits (Integer index, element) per element. */
    public static final FloeOperation1<Object> EXPLODE_INDEXED = new Op1<>("Ops.EXPLODE_INDEXED", (coll, c) -> {
        int[] i = {0};
        explode(coll, new OutputCollector() {
            @Override
            public void emit(Object... values) {
                c.emit(i[0]++, values[0]);
            }

            @Override
            public void emitStream(String streamName, Object... values) {
                throw new IllegalStateException();
            }
        });
    });

    /** Emits (key, value) per map entry. */
    public static final FloeOperation1<Map<?, ?>> EXPLODE_MAP = new Op1<>("Ops.EXPLODE_MAP", (m, c) -> {
        if (m != null) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                c.emit(e.getKey(), e.getValue());
            }
        }
    });

    /** Map or list lookup; a nil collection is treated as empty. */
    public static final FloeFunction2<Object, Object, Object> GET = new F2<>("Ops.GET", (coll, k) -> {
        if (coll == null) {
            return null;
        }
        if (coll instanceof List && k instanceof Number) {
            List<?> l = (List<?>) coll;
            int i = ((Number) k).intValue();
            return i >= 0 && i < l.size() ? l.get(i) : null;
        }
        if (coll instanceof Map) {
            return ((Map<?, ?>) coll).get(k);
        }
        return RT.get(coll, k);
    });

    /** First element of a list (nil when empty). */
    public static final FloeFunction1<Object, Object> FIRST = new F1<>("Ops.FIRST", Ops::first);
    /** Last element of a list (nil when empty). */
    public static final FloeFunction1<Object, Object> LAST = new F1<>("Ops.LAST", Ops::last);
    /** Size of a collection, map or string as an Integer; nil is 0. */
    public static final FloeFunction1<Object, Integer> SIZE = new F1<>("Ops.SIZE", Ops::size);

    /** Whether a collection contains an object (a map: the key); nil contains nothing. */
    public static final FloeFunction2<Object, Object, Boolean> CONTAINS = new F2<>("Ops.CONTAINS", (coll, x) -> {
        if (coll == null) {
            return false;
        }
        if (coll instanceof Map) {
            return ((Map<?, ?>) coll).containsKey(x);
        }
        if (coll instanceof Collection) {
            return ((Collection<?>) coll).contains(x);
        }
        if (coll instanceof CharSequence) {
            return coll.toString().contains(String.valueOf(x));
        }
        return RT.booleanCast(RT.contains(coll, x));
    });

    /** Sum of a collection's numbers: a Long for integers, a Double when any is floating. */
    public static final FloeFunction1<Object, Number> SUM = new F1<>("Ops.SUM", coll -> {
        long lsum = 0;
        double dsum = 0;
        boolean floating = false;
        if (coll != null) {
            Iterator<?> it = coll instanceof Iterable ? ((Iterable<?>) coll).iterator()
                    : ((Iterable<?>) PersistentVector.create(RT.seq(coll))).iterator();
            while (it.hasNext()) {
                Number n = num(it.next(), "Ops.SUM");
                if (isFloating(n)) {
                    floating = true;
                }
                lsum = floating ? lsum : Math.addExact(lsum, n.longValue());
                dsum += n.doubleValue();
            }
        }
        return floating ? (Number) dsum : (Number) lsum;
    });

    /** Emits every integer in [start, end), of the start's type (Integer or Long). */
    public static final FloeOperation2<Number, Number> RANGE = new Op2<>("Ops.RANGE", (start, end, c) -> {
        if (start instanceof Long || end instanceof Long) {
            for (long i = start.longValue(); i < end.longValue(); i++) {
                c.emit(i);
            }
        } else {
            for (int i = start.intValue(); i < end.intValue(); i++) {
                c.emit(i);
            }
        }
    });

    /** The class of the argument (nil for nil). */
    public static final FloeFunction1<Object, Class<?>> CLASS = new F1<>("Ops.CLASS", a -> a == null ? null : a.getClass());

    /** Concatenates the arguments' string forms (nil is empty). */
    public static final AnyArity TO_STRING = new AnyArity("Ops.TO_STRING", args -> {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            if (a != null) {
                sb.append(a);
            }
        }
        return sb.toString();
    });

    /** Prints the arguments separated by spaces, then a newline. */
    public static final AnyArity PRINTLN = new AnyArity("Ops.PRINTLN", args -> {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(args[i] instanceof String ? (String) args[i] : RT.printString(args[i]));
        }
        System.out.println(sb);
        return null;
    });

    // ------------------------------------------------------------------------------ logic

    /** True when all arguments are equal (Clojure equality: 1 equals 1L). */
    public static final AnyArity EQUAL = new AnyArity("Ops.EQUAL", args -> {
        for (int i = 0; i + 1 < args.length; i++) {
            if (!Util.equiv(args[i], args[i + 1])) {
                return false;
            }
        }
        return true;
    });

    /** True when not all arguments are equal. */
    public static final AnyArity NOT_EQUAL = new AnyArity("Ops.NOT_EQUAL", args -> !((Boolean) EQUAL.applyArgs(args)));
    /** Strictly increasing. */
    public static final AnyArity LESS_THAN = new AnyArity("Ops.LESS_THAN", args -> chain(args, "Ops.LESS_THAN", 0));
    /** Non-decreasing. */
    public static final AnyArity LESS_THAN_OR_EQUAL =
            new AnyArity("Ops.LESS_THAN_OR_EQUAL", args -> chain(args, "Ops.LESS_THAN_OR_EQUAL", 1));
    /** Strictly decreasing. */
    public static final AnyArity GREATER_THAN = new AnyArity("Ops.GREATER_THAN", args -> chain(args, "Ops.GREATER_THAN", 2));
    /** Non-increasing. */
    public static final AnyArity GREATER_THAN_OR_EQUAL =
            new AnyArity("Ops.GREATER_THAN_OR_EQUAL", args -> chain(args, "Ops.GREATER_THAN_OR_EQUAL", 3));

    /** True when every argument is truthy (not nil, not false). */
    public static final AnyArity AND = new AnyArity("Ops.AND", args -> {
        for (Object a : args) {
            if (!truthy(a)) {
                return false;
            }
        }
        return true;
    });

    /** True when any argument is truthy. */
    public static final AnyArity OR = new AnyArity("Ops.OR", args -> {
        for (Object a : args) {
            if (truthy(a)) {
                return true;
            }
        }
        return false;
    });

    /** Logical not of truthiness. */
    public static final FloeFunction1<Object, Boolean> NOT = new F1<>("Ops.NOT", a -> !truthy(a));
    /** Whether the argument is nil. */
    public static final FloeFunction1<Object, Boolean> IS_NULL = new F1<>("Ops.IS_NULL", a -> a == null);
    /** Whether the argument is not nil. */
    public static final FloeFunction1<Object, Boolean> IS_NOT_NULL = new F1<>("Ops.IS_NOT_NULL", a -> a != null);
    /** Whether an object is an instance of a class: {@code (Class, obj)}. */
    public static final FloeFunction2<Class<?>, Object, Boolean> IS_INSTANCE_OF =
            new F2<>("Ops.IS_INSTANCE_OF", (c, o) -> c.isInstance(o));
    /** Whether an integer is even. */
    public static final FloeFunction1<Number, Boolean> IS_EVEN =
            new F1<>("Ops.IS_EVEN", n -> num(n, "Ops.IS_EVEN").longValue() % 2 == 0);
    /** Whether an integer is odd. */
    public static final FloeFunction1<Number, Boolean> IS_ODD =
            new F1<>("Ops.IS_ODD", n -> num(n, "Ops.IS_ODD").longValue() % 2 != 0);

    // ------------------------------------------------------------------------------ arithmetic

    /** Sum as an Integer (integral arguments) or a Double (floating); fails on int overflow. */
    public static final AnyArity PLUS = new AnyArity("Ops.PLUS", args -> narrow(args, "Ops.PLUS", 0));
    /** Difference (or negation with one argument) as an Integer or a Double. */
    public static final AnyArity MINUS = new AnyArity("Ops.MINUS", args -> narrow(args, "Ops.MINUS", 1));
    /** Product as an Integer or a Double. */
    public static final AnyArity TIMES = new AnyArity("Ops.TIMES", args -> narrow(args, "Ops.TIMES", 2));
    /** Sum as a Long. */
    public static final AnyArity PLUS_LONG = new AnyArity("Ops.PLUS_LONG", args -> longArith(args, "Ops.PLUS_LONG", 0));
    /** Difference as a Long. */
    public static final AnyArity MINUS_LONG = new AnyArity("Ops.MINUS_LONG", args -> longArith(args, "Ops.MINUS_LONG", 1));
    /** Product as a Long. */
    public static final AnyArity TIMES_LONG = new AnyArity("Ops.TIMES_LONG", args -> longArith(args, "Ops.TIMES_LONG", 2));
    /** Division as a Double. */
    public static final FloeFunction2<Number, Number, Double> DIV =
            new F2<>("Ops.DIV", (a, b) -> num(a, "Ops.DIV").doubleValue() / num(b, "Ops.DIV").doubleValue());
    /** One more, as an Integer. */
    public static final FloeFunction1<Number, Integer> INC =
            new F1<>("Ops.INC", n -> Math.toIntExact(Math.addExact(num(n, "Ops.INC").longValue(), 1)));
    /** One more, as a Long. */
    public static final FloeFunction1<Number, Long> INC_LONG =
            new F1<>("Ops.INC_LONG", n -> Math.addExact(num(n, "Ops.INC_LONG").longValue(), 1));
    /** One less, as an Integer. */
    public static final FloeFunction1<Number, Integer> DEC =
            new F1<>("Ops.DEC", n -> Math.toIntExact(Math.subtractExact(num(n, "Ops.DEC").longValue(), 1)));
    /** One less, as a Long. */
    public static final FloeFunction1<Number, Long> DEC_LONG =
            new F1<>("Ops.DEC_LONG", n -> Math.subtractExact(num(n, "Ops.DEC_LONG").longValue(), 1));
    /** The smallest argument (keeping its type). */
    public static final AnyArity MIN = new AnyArity("Ops.MIN", args -> extreme(args, false));
    /** The largest argument (keeping its type). */
    public static final AnyArity MAX = new AnyArity("Ops.MAX", args -> extreme(args, true));

    // ------------------------------------------------------------------------------ runtime information

    /** The Integer id of the task the event runs on. */
    public static final FloeFunction0<Integer> CURRENT_TASK_ID =
            new F0<>("Ops.CURRENT_TASK_ID", () -> OpsContext.current().currentTaskId());
    /** The Long id of the current microbatch, stable across its retries; fails outside a microbatch. */
    public static final FloeFunction0<Long> CURRENT_MICROBATCH_ID =
            new F0<>("Ops.CURRENT_MICROBATCH_ID", () -> OpsContext.current().currentMicrobatchId());
    /** "stream", "microbatch" or "query", or nil outside a topology. */
    public static final FloeFunction0<String> CURRENT_TOPOLOGY_TYPE =
            new F0<>("Ops.CURRENT_TOPOLOGY_TYPE", () -> OpsContext.current().currentTopologyType());
    /** Information about the running module. */
    public static final FloeFunction0<ModuleInstanceInfo> MODULE_INSTANCE_INFO =
            new F0<>("Ops.MODULE_INSTANCE_INFO", () -> OpsContext.current().moduleInstanceInfo());
    /** The whole value of a PState partition given as a value ({@code "$$p"}). */
    public static final FloeFunction1<Object, Object> EXTRACT_VALUE =
            new F1<>("Ops.EXTRACT_VALUE", p -> OpsContext.current().extractValue(p));
}
