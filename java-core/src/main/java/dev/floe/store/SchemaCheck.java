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

    static {
        // Clojure's runtime before its sorted maps: see ClojureRuntime
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

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

    /** Checks one value at a location (how stored structures check their changed entries). */
    @FunctionalInterface
    public interface Checker {
        /**
         * The value checked (perhaps converted), or a {@link SchemaViolation}; {@code previous} is
         * the checked value at the same location it was derived from, or null.
         */
        Object check(SchemaIR schema, Object value, Object where, Object previous);
    }

    /** {@code value} checked against {@code schema}, with subindexed maps and sets sorted and subindexed lists vectors. */
    public static Object check(String pstate, SchemaIR schema, Object value, boolean topLevel) {
        return check(pstate, schema, value, topLevel ? "the whole value" : "value", topLevel, null);
    }

    /**
     * {@code value} checked against {@code schema}, where {@code previous} is an already checked
     * value it was derived from (or null): parts identical to the previous value's parts at the
     * same keys are not checked again, so a write that changes one entry of a large map costs a
     * lookup per entry, not a re-check and a rebuild of the whole structure.
     */
    public static Object checkUpdate(String pstate, SchemaIR schema, Object previous, Object value) {
        return check(pstate, schema, value, "the whole value", true, previous);
    }

    private static Object check(String pstate, SchemaIR schema, Object value, Object where, boolean sortedMap,
            Object previous) {
        if (schema instanceof SchemaIR.Migrated) {
            return check(pstate, ((SchemaIR.Migrated) schema).schema(), value, where, sortedMap, previous);
        }
        if (value == null) {
            return null;
        }
        if (value == previous) {
            return value;
        }
        if (value instanceof StoredStructure && ((StoredStructure) value).hasSchema(schema)) {
            // a stored structure at a location of its own schema: only its changes need checking
            // (the rest was checked when written)
            return ((StoredStructure) value).checkChanges((s, v, w, p) -> check(pstate, s, v, w, false, p), where, previous);
        }
        if (schema instanceof SchemaIR.ClassSchema) {
            Class<?> c = classOf(((SchemaIR.ClassSchema) schema).className());
            if (!c.isInstance(value) && !(c.isPrimitive() && isBoxed(c, value))) {
                if ((c == Long.class || c == long.class) && isNarrowIntegral(value)) {
                    // an int where the schema says Long (Clojure's count, Java's int arithmetic):
                    // stored as the Long it equals, rather than refused
                    return ((Number) value).longValue();
                }
                throw violation(pstate, where, "a " + c.getName(), value);
            }
            return value;
        }
        if (schema instanceof SchemaIR.MapSchema) {
            return checkMap(pstate, (SchemaIR.MapSchema) schema, value, where, sortedMap, previous);
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
                out = out.assoc(k, check(pstate, ks, e.getValue(), new Where("key ", k, where), false,
                        previous instanceof Map ? ((Map<?, ?>) previous).get(k) : null));
            }
            return out;
        }
        if (schema instanceof SchemaIR.ListSchema) {
            if (!(value instanceof List)) {
                throw violation(pstate, where, "a list", value);
            }
            SchemaIR el = ((SchemaIR.ListSchema) schema).element();
            int i = 0;
            List<Object> converted = null;
            for (Object o : (List<?>) value) {
                Object c = check(pstate, el, o, new Where("element ", i, where), false, null);
                if (c != o && converted == null) {
                    converted = new java.util.ArrayList<>((List<?>) value);
                }
                if (converted != null) {
                    converted.set(i, c);
                }
                i++;
            }
            if (converted != null) {
                return clojure.lang.PersistentVector.create(converted);
            }
            if (((SchemaIR.ListSchema) schema).subindex() != null && !(value instanceof clojure.lang.IPersistentVector)) {
                // a subindexed list is indexed by position: a vector, whichever list a transform built
                return clojure.lang.PersistentVector.create((List<?>) value);
            }
            return value;
        }
        if (schema instanceof SchemaIR.SetSchema) {
            SchemaIR.SetSchema ss = (SchemaIR.SetSchema) schema;
            if (!(value instanceof Set)) {
                throw violation(pstate, where, "a set", value);
            }
            boolean changed = false;
            if (value instanceof PersistentTreeSet && previous instanceof PersistentTreeSet && TreeDiff.AVAILABLE
                    && TreeDiff.treeOf((PersistentTreeSet) value) != null && TreeDiff.treeOf((PersistentTreeSet) previous) != null) {
                // a sorted set derived from the checked one: only the elements outside the subtrees
                // the two share can be new, so a write adding one element checks one element
                boolean[] converted = {false};
                TreeDiff.changed(TreeDiff.treeOf((PersistentTreeSet) previous), TreeDiff.treeOf((PersistentTreeSet) value),
                        (k, v) -> converted[0] |= check(pstate, ss.element(), k, new Where("an element", Where.NO_KEY, where),
                                false, null) != k);
                if (!converted[0]) {
                    return value;
                }
                changed = true;
            } else {
                for (Object o : (Set<?>) value) {
                    changed |= check(pstate, ss.element(), o, new Where("an element", Where.NO_KEY, where), false, null) != o;
                }
            }
            if (changed) {
                IPersistentSet out = ss.subindex() != null ? PersistentTreeSet.create(KeyOrder.INSTANCE, null)
                        : clojure.lang.PersistentHashSet.EMPTY;
                for (Object o : (Set<?>) value) {
                    out = (IPersistentSet) out.cons(check(pstate, ss.element(), o, where, false, null));
                }
                return out;
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

    /**
     * A map checked in one pass that builds nothing; a new map is built only when it must be (a
     * subindexed or top-level map that is not yet a key-ordered map, a java.util map, or a nested
     * value the check itself replaced).
     */
    private static Object checkMap(String pstate, SchemaIR.MapSchema ms, Object value, Object where,
            boolean sortedMap, Object previous) {
        if (!(value instanceof Map)) {
            throw violation(pstate, where, "a map", value);
        }
        boolean sorted = sortedMap || ms.subindex() != null;
        if (sorted && value instanceof PersistentTreeMap && previous instanceof PersistentTreeMap && TreeDiff.AVAILABLE) {
            return checkTreeUpdate(pstate, ms, (PersistentTreeMap) value, where, (PersistentTreeMap) previous);
        }
        Map<?, ?> prev = previous instanceof Map ? (Map<?, ?>) previous : null;
        boolean rebuild = sorted ? !(value instanceof PersistentTreeMap) : !(value instanceof IPersistentMap);
        Map<?, ?> m = (Map<?, ?>) value;
        Object[] checked = new Object[m.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object key = e.getKey();
            Object val = e.getValue();
            Object k = key;
            Object v = val;
            Object before = lookup(prev, key);
            if (before == null || before != val) {
                k = check(pstate, ms.key(), key, new Where("a key", Where.NO_KEY, where), false, null);
                v = check(pstate, ms.value(), val, new Where("the value at key ", key, where), false,
                        before);
            }
            rebuild |= k != key || v != val;
            checked[i++] = k;
            checked[i++] = v;
        }
        if (!rebuild) {
            return value;
        }
        IPersistentMap out = sorted ? PersistentTreeMap.create(KeyOrder.INSTANCE, null)
                : clojure.lang.PersistentArrayMap.EMPTY;
        for (int j = 0; j < i; j += 2) {
            out = out.assoc(checked[j], checked[j + 1]);
        }
        return out;
    }

    /**
     * A sorted map checked against the checked version it was derived from: only the entries
     * outside the subtrees the two share are looked at ({@link TreeDiff}), and of those only the
     * ones whose value is not the previous value at that key; a value the check replaces is
     * assoc'ed in.
     */
    private static Object checkTreeUpdate(String pstate, SchemaIR.MapSchema ms, PersistentTreeMap value, Object where,
            PersistentTreeMap previous) {
        IPersistentMap[] result = {value};
        TreeDiff.changed(previous, value, (key, val) -> {
            Object before = lookup(previous, key);
            if (before != null && before == val) {
                return;
            }
            Object k = check(pstate, ms.key(), key, new Where("a key", Where.NO_KEY, where), false, null);
            Object v = check(pstate, ms.value(), val, new Where("the value at key ", key, where), false, before);
            if (k != key || v != val) {
                result[0] = result[0].assoc(k, v);
            }
        });
        return result[0];
    }

    /** The value at {@code key} in an earlier checked map, or null (also when the map cannot compare the key). */
    private static Object lookup(Map<?, ?> prev, Object key) {
        if (prev == null) {
            return null;
        }
        try {
            return prev.get(key);
        } catch (ClassCastException e) {
            return null;
        }
    }

    /**
     * Where in a PState value a check is, as words for an error message; built only when a check
     * fails, so a write does not pay for printing keys.
     */
    private static final class Where {
        static final Object NO_KEY = new Object();
        private final String what;
        private final Object key;
        private final Object parent;

        Where(String what, Object key, Object parent) {
            this.what = what;
            this.key = key;
            this.parent = parent;
        }

        @Override
        public String toString() {
            return what + (key == NO_KEY ? "" : RT.printString(key)) + " of " + parent;
        }
    }

    private static boolean isNarrowIntegral(Object value) {
        return value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static boolean isBoxed(Class<?> primitive, Object value) {
        return primitive == long.class && value instanceof Long || primitive == int.class && value instanceof Integer
                || primitive == double.class && value instanceof Double || primitive == boolean.class && value instanceof Boolean;
    }

    private static SchemaViolation violation(String pstate, Object where, String expected, Object value) {
        return new SchemaViolation("PState " + pstate + ": " + where + " must be " + expected + ", got a "
                + value.getClass().getName() + " (" + RT.printString(value) + ")");
    }
}
