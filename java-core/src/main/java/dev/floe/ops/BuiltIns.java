package dev.floe.ops;

import dev.floe.ir.FnRef;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry of built-in operations by name ({@code Ops.INC} …), and the wrappers that give
 * them names. A built-in deserializes to the canonical instance, so it compares and prints by
 * name in the IR.
 */
public final class BuiltIns {
    private BuiltIns() {}

    private static volatile Map<String, Object> byName;

    /** The built-in named {@code name}, e.g. {@code Ops.INC}. */
    public static Object byName(String name) {
        Map<String, Object> m = byName;
        if (m == null) {
            m = scan();
            byName = m;
        }
        Object o = m.get(name);
        if (o == null) {
            throw new IllegalArgumentException("unknown built-in operation " + name);
        }
        return o;
    }

    private static Map<String, Object> scan() {
        Map<String, Object> m = new HashMap<>();
        for (Class<?> c : new Class<?>[] {Ops.class}) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    try {
                        Object v = f.get(null);
                        if (v instanceof FnRef.Named) {
                            m.put(((FnRef.Named) v).opName(), v);
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return m;
    }

    /** Base of named built-ins: prints and deserializes by name. */
    abstract static class Named implements FnRef.Named, Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String opName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }

        Object readResolve() throws ObjectStreamException {
            return byName(name);
        }
    }
}
