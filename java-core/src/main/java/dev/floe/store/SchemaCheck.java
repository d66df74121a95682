package dev.floe.store;

import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;
import clojure.lang.RT;
import dev.floe.ir.SchemaIR;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates values against PState schemas and puts subindexed structures in key order. A value
 * that does not match is rejected with a {@link SchemaViolation} naming the location.
 */
public final class SchemaCheck {
    private SchemaCheck() {}

    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

    static Class<?> classOf(String name) {
        return CLASSES.computeIfAbsent(name, n -> {
            try {
                return Class.forName(n, false, SchemaCheck.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new SchemaViolation("schema class " + n + " is not on the classpath");
            }
        });
    }

    /** The initial value of a PState of this schema (top-level maps are sorted). */
    public static Object initialValue(SchemaIR schema, Object declared) {
        if (schema instanceof SchemaIR.MapSchema) {
            return PersistentTreeMap.create(KeyOrder.INSTANCE, null);
        }
        if (schema instanceof SchemaIR.FixedKeys) {
            return clojure.lang.PersistentArrayMap.EMPTY;
        }
        return declared;
    }

    /** {@code value} checked against {@code schema}, with subindexed maps and sets sorted. */
    public static Object check(String pstate, SchemaIR schema, Object value, boolean topLevel) {
        return check(pstate, schema, value, topLevel ? "the whole value" : "value", topLevel);
    }

    private static Object check(String pstate, SchemaIR schema, Object value, String where, boolean sortedMap) {
        if (schema instanceof SchemaIR.Migrated) {
            return check(pstate, ((SchemaIR.Migrated) schema).schema(), value, where, sortedMap);
        }
        if (value == null) {
            return null;
        }
        if (schema instanceof SchemaIR.ClassSchema) {
            Class<?> c = classOf(((SchemaIR.ClassSchema) schema).className());
            if (!c.isInstance(value) && !(c.isPrimitive() && isBoxed(c, value))) {
                throw violation(pstate, where, "a " + c.getName(), value);
            }
            return value;
        }
        if (schema instanceof SchemaIR.MapSchema) {
            SchemaIR.MapSchema ms = (SchemaIR.MapSchema) schema;
            if (!(value instanceof Map)) {
                throw violation(pstate, where, "a map", value);
            }
            boolean sorted = sortedMap || ms.subindex() != null;
            IPersistentMap out = sorted ? PersistentTreeMap.create(KeyOrder.INSTANCE, null)
                    : clojure.lang.PersistentArrayMap.EMPTY;
            boolean changed = sorted && !(value instanceof PersistentTreeMap);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Object k = check(pstate, ms.key(), e.getKey(), "a key of " + where, false);
                Object v = check(pstate, ms.value(), e.getValue(), "the value at key " + RT.printString(e.getKey())
                        + " of " + where, false);
                if (v != e.getValue()) {
                    changed = true;
                }
                out = out.assoc(k, v);
            }
            return changed || !(value instanceof IPersistentMap) ? out : value;
        }
        if (schema instanceof SchemaIR.FixedKeys) {
            Map<String, SchemaIR> keys = ((SchemaIR.FixedKeys) schema).keys();
            if (!(value instanceof Map)) {
                throw violation(pstate, where, "a fixed-keys map", value);
            }
            IPersistentMap out = clojure.lang.PersistentArrayMap.EMPTY;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Object k = e.getKey();
                SchemaIR ks = k instanceof String ? keys.get(k) : k instanceof clojure.lang.Keyword
                        ? keys.get(((clojure.lang.Keyword) k).getName()) : null;
                if (ks == null) {
                    throw new SchemaViolation("PState " + pstate + ": unknown fixed key " + RT.printString(k) + " in "
                            + where + " (declared keys: " + keys.keySet() + ")");
                }
                out = out.assoc(k, check(pstate, ks, e.getValue(), "key " + RT.printString(k) + " of " + where, false));
            }
            return out;
        }
        if (schema instanceof SchemaIR.ListSchema) {
            if (!(value instanceof List)) {
                throw violation(pstate, where, "a list", value);
            }
            SchemaIR el = ((SchemaIR.ListSchema) schema).element();
            int i = 0;
            for (Object o : (List<?>) value) {
                check(pstate, el, o, "element " + i++ + " of " + where, false);
            }
            return value;
        }
        if (schema instanceof SchemaIR.SetSchema) {
            SchemaIR.SetSchema ss = (SchemaIR.SetSchema) schema;
            if (!(value instanceof Set)) {
                throw violation(pstate, where, "a set", value);
            }
            for (Object o : (Set<?>) value) {
                check(pstate, ss.element(), o, "an element of " + where, false);
            }
            if (ss.subindex() != null && !(value instanceof PersistentTreeSet)) {
                IPersistentSet out = PersistentTreeSet.create(KeyOrder.INSTANCE, null);
                for (Object o : (Set<?>) value) {
                    out = (IPersistentSet) out.cons(o);
                }
                return out;
            }
            return value;
        }
        throw new SchemaViolation("PState " + pstate + ": unknown schema " + schema);
    }

    private static boolean isBoxed(Class<?> primitive, Object value) {
        return primitive == long.class && value instanceof Long || primitive == int.class && value instanceof Integer
                || primitive == double.class && value instanceof Double || primitive == boolean.class && value instanceof Boolean;
    }

    private static SchemaViolation violation(String pstate, String where, String expected, Object value) {
        return new SchemaViolation("PState " + pstate + ": " + where + " must be " + expected + ", got a "
                + value.getClass().getName() + " (" + RT.printString(value) + ")");
    }
}
