package dev.floe.path;

import java.io.Serializable;
import java.util.Arrays;

/** One navigator of a {@link PathImpl}: its name and its (unresolved) arguments. */
public final class PathStep implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final Object[] args;

    public PathStep(String op, Object[] args) {
        this.op = op;
        this.args = deepCopy(args);
    }

    /** Copies the array and every nested array (varargs), so a caller's array can't change a path. */
    private static Object[] deepCopy(Object[] in) {
        Object[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Object[]) {
                out[i] = deepCopy((Object[]) out[i]);
            }
        }
        return out;
    }

    /** The navigator's method name on {@link dev.floe.Path.Impl}, e.g. {@code key}. */
    public String op() {
        return op;
    }

    /** The arguments as given (variables unresolved; varargs as a nested array). */
    public Object[] args() {
        return deepCopy(args);
    }

    Object arg(int i) {
        return args[i];
    }

    int arity() {
        return args.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathStep && ((PathStep) o).op.equals(op) && argsEqual(((PathStep) o).args, args);
    }

    @Override
    public int hashCode() {
        return op.hashCode() * 31 + argsHash(args);
    }

    /** Functions compare as the IR compares them (by code, not by object identity). */
    private static Object comparable(Object a) {
        return a instanceof dev.floe.ops.FloeFunction || a instanceof dev.floe.Navigator
                ? dev.floe.ir.FnRef.of(a) : a;
    }

    private static boolean argsEqual(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x instanceof Object[] && y instanceof Object[]) {
                if (!argsEqual((Object[]) x, (Object[]) y)) {
                    return false;
                }
            } else if (!java.util.Objects.equals(comparable(x), comparable(y))) {
                return false;
            }
        }
        return true;
    }

    private static int argsHash(Object[] a) {
        int h = 1;
        for (Object x : a) {
            h = h * 31 + (x instanceof Object[] ? argsHash((Object[]) x) : java.util.Objects.hashCode(comparable(x)));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendArg(sb, args[i]);
        }
        return sb.append(')').toString();
    }

    /** Java-literal style quoting, so {@code key("a\"b")} and {@code key(1L)} print unambiguously. */
    private static void appendQuoted(StringBuilder sb, String text, char quote) {
        sb.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(c);
            }
        }
        sb.append(quote);
    }

    private static void appendArg(StringBuilder sb, Object a) {
        if (a instanceof Object[]) {
            Object[] arr = (Object[]) a;
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendArg(sb, arr[i]);
            }
        } else if (a instanceof String) {
            appendQuoted(sb, (String) a, '"');
        } else if (a instanceof Character) {
            appendQuoted(sb, a.toString(), '\'');
        } else if (a instanceof Long) {
            sb.append(a).append('L');
        } else if (a instanceof Float) {
            sb.append(a).append('f');
        } else if (a instanceof dev.floe.Constant) {
            sb.append("new Constant(");
            appendArg(sb, ((dev.floe.Constant) a).getValue());
            sb.append(')');
        } else {
            sb.append(a);
        }
    }
}
