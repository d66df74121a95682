package dev.floe.specter;

import clojure.lang.ExceptionInfo;
import clojure.lang.IPersistentMap;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import dev.floe.specter.impl.Colls;

/**
 * A path could not be applied: a navigator met a value it cannot navigate, a select-one found the
 * wrong number of values, a multi-transform branch did not end in a terminal. Messages name the
 * navigator and the type of the value it met; {@code ex-data} carries the details. Inputs are
 * never mutated, so a failed transform leaves the data it was given untouched.
 */
public class PathException extends ExceptionInfo {
    private static final long serialVersionUID = 1L;

    public PathException(String message) {
        super(message, PersistentArrayMap.EMPTY);
    }

    public PathException(String message, IPersistentMap data) {
        super(message, data == null ? PersistentArrayMap.EMPTY : data);
    }

    /** The error for a navigator applied to a value it cannot navigate. */
    public static PathException incompatible(Nav nav, Object value, String expected) {
        return new PathException(nav.name() + " cannot navigate a " + Colls.typeName(value) + " (expected "
                + expected + ")",
                PersistentHashMap.create(Keyword.intern("navigator"), nav.name(),
                        Keyword.intern("type"), Colls.typeName(value),
                        Keyword.intern("expected"), expected));
    }
}
