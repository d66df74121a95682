package dev.floe.ir;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;

/**
 * A function, operation or aggregator implementation referenced by the IR. Equality is by
 * identity of the code, not of the object: built-in operations by name, serializable lambdas by
 * their implementation method and captured values, Clojure functions by their class, other objects
 * by their own {@code equals}. The implementation object travels with the IR (it is serializable).
 */
public final class FnRef implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Implemented by Floe's built-in operations, so they print and compare by name. */
    public interface Named {
        /** The stable name, e.g. {@code Ops.INC}. */
        String opName();
    }

    private final Object impl;
    private final String id;

    private FnRef(Object impl, String id) {
        this.impl = impl;
        this.id = id;
    }

    /** A reference to {@code impl}. */
    public static FnRef of(Object impl) {
        Objects.requireNonNull(impl, "function");
        return new FnRef(impl, identify(impl));
    }

    /** The implementation object. */
    public Object impl() {
        return impl;
    }

    /** The identity used for equality and printing, e.g. {@code Ops.INC} or {@code lambda:com.x.M.lambda$define$0}. */
    public String id() {
        return id;
    }

    /** True for Floe's built-in operations. */
    public boolean isBuiltIn() {
        return impl instanceof Named;
    }

    static String identify(Object impl) {
        if (impl instanceof Named) {
            return ((Named) impl).opName();
        }
        Class<?> c = impl.getClass();
        if (c.isSynthetic() && c.getName().contains("$$Lambda")) {
            SerializedLambda sl = serializedLambda(impl);
            if (sl != null) {
                StringBuilder sb = new StringBuilder("lambda:").append(sl.getImplClass().replace('/', '.'))
                        .append('.').append(sl.getImplMethodName());
                if (sl.getCapturedArgCount() > 0) {
                    Object[] captured = new Object[sl.getCapturedArgCount()];
                    for (int i = 0; i < captured.length; i++) {
                        captured[i] = sl.getCapturedArg(i);
                    }
                    sb.append(Arrays.deepToString(captured));
                }
                return sb.toString();
            }
            return "lambda@" + Integer.toHexString(System.identityHashCode(impl));
        }
        if (impl instanceof clojure.lang.IFn && c.getName().contains("$")) {
            return "clojure:" + clojure.lang.Compiler.demunge(c.getName());
        }
        return "object:" + c.getName();
    }

    private static SerializedLambda serializedLambda(Object lambda) {
        try {
            Method m = lambda.getClass().getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            Object r = m.invoke(lambda);
            return r instanceof SerializedLambda ? (SerializedLambda) r : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FnRef)) {
            return false;
        }
        FnRef other = (FnRef) o;
        if (id.startsWith("object:")) {
            return other.id.equals(id) && Objects.equals(impl, other.impl);
        }
        return other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
