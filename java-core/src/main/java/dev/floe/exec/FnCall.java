package dev.floe.exec;

import clojure.lang.IFn;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

/**
 * A compiled call of a function with evaluated arguments, specialised by arity so the common
 * calls allocate nothing. The function is a {@code FloeFunctionN} or a Clojure {@link IFn}.
 */
public final class FnCall {
    private final Object fn;
    private final ArgEval[] args;
    private final boolean isClojure;

    public FnCall(Object fn, ArgEval[] args) {
        this.fn = fn;
        this.args = args.clone();
        this.isClojure = fn instanceof IFn && !isFloeFunction(fn, args.length);
        if (!isClojure && !isFloeFunction(fn, args.length)) {
            throw new IllegalArgumentException(fn + " is not a function of " + args.length + " argument(s)");
        }
    }

    static boolean isFloeFunction(Object fn, int arity) {
        switch (arity) {
            case 0:
                return fn instanceof FloeFunction0;
            case 1:
                return fn instanceof FloeFunction1;
            case 2:
                return fn instanceof FloeFunction2;
            case 3:
                return fn instanceof FloeFunction3;
            case 4:
                return fn instanceof FloeFunction4;
            case 5:
                return fn instanceof FloeFunction5;
            case 6:
                return fn instanceof FloeFunction6;
            case 7:
                return fn instanceof FloeFunction7;
            case 8:
                return fn instanceof FloeFunction8;
            default:
                return false;
        }
    }

    /** Calls a function (a {@code FloeFunctionN} or a Clojure fn) with values (not per-event code: it allocates). */
    public static Object apply(Object fn, Object... values) {
        ArgEval[] consts = new ArgEval[values.length];
        for (int i = 0; i < values.length; i++) {
            consts[i] = ArgEval.constant(values[i]);
        }
        return new FnCall(fn, consts).call(null);
    }

    /** Adds the slots the arguments read. */
    public void reads(java.util.BitSet out) {
        ArgEval.readsAll(args, out);
    }

    /** Evaluates the arguments and calls the function. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Frame f) {
        ArgEval[] a = args;
        if (isClojure) {
            IFn c = (IFn) fn;
            switch (a.length) {
                case 0:
                    return c.invoke();
                case 1:
                    return c.invoke(a[0].eval(f));
                case 2:
                    return c.invoke(a[0].eval(f), a[1].eval(f));
                case 3:
                    return c.invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f));
                default:
                    Object[] vals = new Object[a.length];
                    for (int i = 0; i < vals.length; i++) {
                        vals[i] = a[i].eval(f);
                    }
                    return c.applyTo(clojure.lang.RT.seq(vals));
            }
        }
        switch (a.length) {
            case 0:
                return ((FloeFunction0) fn).invoke();
            case 1:
                return ((FloeFunction1) fn).invoke(a[0].eval(f));
            case 2:
                return ((FloeFunction2) fn).invoke(a[0].eval(f), a[1].eval(f));
            case 3:
                return ((FloeFunction3) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f));
            case 4:
                return ((FloeFunction4) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f));
            case 5:
                return ((FloeFunction5) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                        a[4].eval(f));
            case 6:
                return ((FloeFunction6) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                        a[4].eval(f), a[5].eval(f));
            case 7:
                return ((FloeFunction7) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                        a[4].eval(f), a[5].eval(f), a[6].eval(f));
            default:
                return ((FloeFunction8) fn).invoke(a[0].eval(f), a[1].eval(f), a[2].eval(f), a[3].eval(f),
                        a[4].eval(f), a[5].eval(f), a[6].eval(f), a[7].eval(f));
        }
    }
}
