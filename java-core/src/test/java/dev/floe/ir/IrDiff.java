package dev.floe.ir;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Finds where two IR values differ, for readable property failures. */
final class IrDiff {
    private IrDiff() {}

    /** A description of the first difference between {@code a} and {@code b}, or null when equal. */
    static String firstDifference(Object a, Object b) {
        return diff("", a, b);
    }

    private static String diff(String at, Object a, Object b) {
        if (Objects.equals(a, b) && Objects.equals(b, a) && Objects.hashCode(a) == Objects.hashCode(b)) {
            return null;
        }
        if (a instanceof Record && b != null && a.getClass() == b.getClass()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                String d = diff(at + "." + rc.getName(), get(a, rc), get(b, rc));
                if (d != null) {
                    return d;
                }
            }
        } else if (a instanceof List && b instanceof List && ((List<?>) a).size() == ((List<?>) b).size()) {
            for (int i = 0; i < ((List<?>) a).size(); i++) {
                String d = diff(at + "[" + i + "]", ((List<?>) a).get(i), ((List<?>) b).get(i));
                if (d != null) {
                    return d;
                }
            }
        } else if (a instanceof Map && b instanceof Map && ((Map<?, ?>) a).size() == ((Map<?, ?>) b).size()) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
                String d = diff(at + "{" + e.getKey() + "}", e.getValue(), ((Map<?, ?>) b).get(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
        }
        return (at.isEmpty() ? "value" : at) + ": " + describe(a) + " vs " + describe(b)
                + " (equals " + Objects.equals(a, b) + "/" + Objects.equals(b, a) + ", hash "
                + Objects.hashCode(a) + "/" + Objects.hashCode(b) + ")";
    }

    private static String describe(Object o) {
        if (o instanceof Collection && !(o instanceof clojure.lang.IPersistentCollection)) {
            List<String> items = new ArrayList<>();
            for (Object x : (Collection<?>) o) {
                items.add(describe(x));
            }
            return o.getClass().getSimpleName() + items;
        }
        if (o instanceof clojure.lang.IPersistentCollection && o instanceof Collection) {
            List<String> items = new ArrayList<>();
            for (Object x : (Collection<?>) o) {
                items.add(describe(x));
            }
            return o.getClass().getSimpleName() + items;
        }
        return o == null ? "null" : o + ":" + o.getClass().getSimpleName();
    }

    private static Object get(Object r, RecordComponent rc) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
