package dev.floe.path;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.ISeq;
import clojure.lang.RT;
import dev.floe.ops.FloeFunction;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

/** Adapts Floe's Java function interfaces to the engine's {@link IFn}. */
public final class Fns {
    private Fns() {}

    /** An IFn calling {@code fn}: a {@link FloeFunction0}..{@link FloeFunction8} or a Clojure IFn. */
    public static IFn toIFn(Object fn) {
        if (fn instanceof IFn) {
            return (IFn) fn;
        }
        if (fn instanceof FloeFunction) {
            return new FunctionFn((FloeFunction) fn);
        }
        throw new IllegalArgumentException("not a function: " + fn + " (expected a FloeFunction0..8 or a Clojure fn)");
    }

    /** Calls a FloeFunction of any arity with an argument array. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object call(FloeFunction fn, Object[] a) {
        switch (a.length) {
            case 0:
                return ((FloeFunction0) fn).invoke();
            case 1:
                return ((FloeFunction1) fn).invoke(a[0]);
            case 2:
                return ((FloeFunction2) fn).invoke(a[0], a[1]);
            case 3:
                return ((FloeFunction3) fn).invoke(a[0], a[1], a[2]);
            case 4:
                return ((FloeFunction4) fn).invoke(a[0], a[1], a[2], a[3]);
            case 5:
                return ((FloeFunction5) fn).invoke(a[0], a[1], a[2], a[3], a[4]);
            case 6:
                return ((FloeFunction6) fn).invoke(a[0], a[1], a[2], a[3], a[4], a[5]);
            case 7:
                return ((FloeFunction7) fn).invoke(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            case 8:
                return ((FloeFunction8) fn).invoke(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            default:
                throw new IllegalArgumentException("Floe functions take at most 8 arguments, got " + a.length);
        }
    }

    /** Whether {@code fn} is a {@code FloeFunctionN} taking {@code arity} arguments. */
    public static boolean arityMatches(Object fn, int arity) {
        return arity >= 0 && arity <= 8 && ARITIES[arity].isInstance(fn);
    }

    /** The number of arguments a FloeFunction takes. */
    public static int arity(FloeFunction fn) {
        for (int n = 0; n <= 8; n++) {
            if (ARITIES[n].isInstance(fn)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown function interface: " + fn.getClass());
    }

    private static final Class<?>[] ARITIES = {FloeFunction0.class, FloeFunction1.class, FloeFunction2.class,
        FloeFunction3.class, FloeFunction4.class, FloeFunction5.class, FloeFunction6.class, FloeFunction7.class,
        FloeFunction8.class};

    private static final class FunctionFn extends AFn {
        private final FloeFunction fn;

        FunctionFn(FloeFunction fn) {
            this.fn = fn;
        }

        private Object check(Object[] a) {
            if (!arityMatches(fn, a.length)) {
                throw new IllegalArgumentException(fn + " takes " + arity(fn) + " argument(s) but was given " + a.length);
            }
            return Fns.call(fn, a);
        }

        @Override
        public Object invoke() {
            return check(new Object[0]);
        }

        @Override
        public Object invoke(Object a) {
            return check(new Object[] {a});
        }

        @Override
        public Object invoke(Object a, Object b) {
            return check(new Object[] {a, b});
        }

        @Override
        public Object invoke(Object a, Object b, Object c) {
            return check(new Object[] {a, b, c});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d) {
            return check(new Object[] {a, b, c, d});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e) {
            return check(new Object[] {a, b, c, d, e});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f) {
            return check(new Object[] {a, b, c, d, e, f});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f, Object g) {
            return check(new Object[] {a, b, c, d, e, f, g});
        }

        @Override
        public Object invoke(Object a, Object b, Object c, Object d, Object e, Object f, Object g, Object h) {
            return check(new Object[] {a, b, c, d, e, f, g, h});
        }

        @Override
        public Object applyTo(ISeq args) {
            return check(RT.seqToArray(args));
        }

        @Override
        public String toString() {
            return fn.toString();
        }
    }
}
