package dev.floe.ir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A function, operation or aggregator implementation referenced by the IR. Equality is by
 * identity of the code, not of the object: built-in operations by name, serializable lambdas by
 * their implementation method and captured values, Clojure functions by their class, other objects
 * by their own {@code equals} or, when their class does not define one, by class and serialized
 * state (so a stateless function class compares equal to a fresh or deserialized instance). The
 * implementation object travels with the IR (it is serializable).
 *
 * <p>Captured values of a lambda are identified by their {@code toString} when their class defines
 * one; captured functions by their own identity; other captured objects (an enclosing module
 * captured as {@code this} …) by class and a digest of their serialized state.
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
    /** The serialized state of an {@code object:} implementation without its own equals (lazily). */
    private transient volatile byte[] state;

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
        if (isLambda(c)) {
            SerializedLambda sl = serializedLambda(impl);
            if (sl != null) {
                StringBuilder sb = new StringBuilder("lambda:").append(sl.getImplClass().replace('/', '.'))
                        .append('.').append(sl.getImplMethodName());
                if (sl.getCapturedArgCount() > 0) {
                    Object[] captured = new Object[sl.getCapturedArgCount()];
                    for (int i = 0; i < captured.length; i++) {
                        captured[i] = capturedForm(sl.getCapturedArg(i));
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

    /** True for objects the IR treats as code: Floe functions, operations, aggregators, Clojure functions, lambdas. */
    static boolean isFunction(Object o) {
        return o instanceof Named || o instanceof dev.floe.ops.FloeFunction || o instanceof dev.floe.ops.FloeOperation
                || o instanceof dev.floe.ops.FloeCombinerAgg || o instanceof dev.floe.ops.FloeAccumulatorAgg
                || o instanceof clojure.lang.Fn || o != null && isLambda(o.getClass());
    }

    private static boolean isLambda(Class<?> c) {
        return c.isSynthetic() && c.getName().contains("$$Lambda");
    }

    /**
     * A stable stand-in for a captured value in a lambda's id: functions by their id, values with
     * their own toString as themselves, other objects by class and serialized state (their default
     * toString holds an identity hash, which changes when the lambda is deserialized).
     */
    private static Object capturedForm(Object o) {
        if (o == null || o.getClass().isArray()) {
            return o;
        }
        if (isFunction(o)) {
            return "fn:" + identify(o);
        }
        if (declares(o.getClass(), "toString")) {
            return o;
        }
        byte[] bytes = serializedState(o);
        return bytes == null ? o : o.getClass().getName() + "#" + digest(bytes);
    }

    /** True when {@code c} overrides Object's {@code equals(Object)} (name "equals") or no-arg method {@code name}. */
    private static boolean declares(Class<?> c, String name) {
        try {
            Method m = name.equals("equals") ? c.getMethod("equals", Object.class) : c.getMethod(name);
            return m.getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The Java-serialized form of {@code o}, or null when it cannot be serialized. */
    private static byte[] serializedState(Object o) {
        if (!(o instanceof Serializable)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            return null;
        }
        return bytes.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(Arrays.hashCode(bytes));
        }
    }

    private byte[] state() {
        byte[] s = state;
        if (s == null) {
            s = serializedState(impl);
            if (s == null) {
                s = new byte[0];
            }
            state = s;
        }
        return s;
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
            if (!other.id.equals(id)) {
                return false;
            }
            if (Objects.equals(impl, other.impl)) {
                return true;
            }
            // No equals of its own: the same class with the same state is the same code.
            return !declares(impl.getClass(), "equals") && state().length > 0
                    && Arrays.equals(state(), other.state());
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
