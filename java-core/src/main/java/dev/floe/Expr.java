package dev.floe;

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

import java.util.Arrays;

/**
 * A nested expression usable in any argument position of dataflow code:
 * {@code each(Ops.PLUS, new Expr(Ops.INC, "*a"), "*b")}. It is evaluated eagerly, before the step,
 * and its function produces exactly one value. Arguments may be variables, literals and Exprs.
 */
public final class Expr implements FloeSerializable {
    private static final long serialVersionUID = 1L;

    private final FloeFunction fn;
    private final Object[] args;

    private Expr(FloeFunction fn, Object[] args, boolean checked) {
        if (fn == null) {
            throw new IllegalArgumentException("Expr needs a function");
        }
        this.fn = fn;
        this.args = args.clone();
    }

    /** A nested call of a function of 0 arguments. */
    public <R> Expr(FloeFunction0<R> fn) {
        this(fn, new Object[] {}, true);
    }
    /** A nested call of a function of 1 argument. */
    public <T0, R> Expr(FloeFunction1<T0, R> fn, Object arg0) {
        this(fn, new Object[] {arg0}, true);
    }
    /** A nested call of a function of 2 arguments. */
    public <T0, T1, R> Expr(FloeFunction2<T0, T1, R> fn, Object arg0, Object arg1) {
        this(fn, new Object[] {arg0, arg1}, true);
    }
    /** A nested call of a function of 3 arguments. */
    public <T0, T1, T2, R> Expr(FloeFunction3<T0, T1, T2, R> fn, Object arg0, Object arg1, Object arg2) {
        this(fn, new Object[] {arg0, arg1, arg2}, true);
    }
    /** A nested call of a function of 4 arguments. */
    public <T0, T1, T2, T3, R> Expr(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg0, Object arg1, Object arg2, Object arg3) {
        this(fn, new Object[] {arg0, arg1, arg2, arg3}, true);
    }
    /** A nested call of a function of 5 arguments. */
    public <T0, T1, T2, T3, T4, R> Expr(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        this(fn, new Object[] {arg0, arg1, arg2, arg3, arg4}, true);
    }
    /** A nested call of a function of 6 arguments. */
    public <T0, T1, T2, T3, T4, T5, R> Expr(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        this(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5}, true);
    }
    /** A nested call of a function of 7 arguments. */
    public <T0, T1, T2, T3, T4, T5, T6, R> Expr(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        this(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6}, true);
    }
    /** A nested call of a function of 8 arguments. */
    public <T0, T1, T2, T3, T4, T5, T6, T7, R> Expr(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        this(fn, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7}, true);
    }

    /** The function. */
    public FloeFunction getFn() {
        return fn;
    }

    /** The arguments (variables, literals, Exprs). */
    public Object[] getArgs() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr && dev.floe.ir.FnRef.of(fn).equals(dev.floe.ir.FnRef.of(((Expr) o).fn))
                && Arrays.deepEquals(args, ((Expr) o).args);
    }

    @Override
    public int hashCode() {
        return dev.floe.ir.FnRef.of(fn).hashCode() * 31 + Arrays.deepHashCode(args);
    }

    @Override
    public String toString() {
        return "Expr(" + fn + " " + Arrays.toString(args) + ")";
    }
}
