package dev.floe.specter.impl;

import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.PersistentArrayMap;
import clojure.lang.RT;
import dev.floe.specter.Next;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Navigators over keys and sub-maps of maps. */
public final class MapNavs {
    private MapNavs() {}

    static final Object NONE = Specter.NONE;

    static void checkMap(BaseNav nav, Object s) {
        if (s != null && !(s instanceof Map)) {
            throw nav.incompatible(s, "a map");
        }
    }

    /** The key itself when present; a transform renames the key (NONE removes the entry). */
    public static final class MapKey extends BaseNav {
        private final Object key;

        public MapKey(Object key) {
            this.key = key;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkMap(this, s);
            return Colls.containsKey(s, key) ? next.invoke(vals, key) : NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkMap(this, s);
            if (!Colls.containsKey(s, key)) {
                return s;
            }
            Object v = Colls.get(s, key);
            Object newKey = next.invoke(vals, key);
            Object without = Colls.dissoc(s, key);
            return newKey == NONE ? without : Colls.assoc(without, newKey, v);
        }

        @Override
        public String name() {
            return "(map-key " + RT.printString(key) + ")";
        }
    }

    /**
     * The sub-map of the given keys (missing keys are absent). A transform removes those keys and
     * merges in the returned map, so keys may also be added; the original map kind is kept.
     */
    public static final class SubMap extends BaseNav {
        private final Object[] keys;

        public SubMap(Collection<?> keys) {
            this.keys = keys.toArray();
        }

        private Object sub(Object s) {
            IPersistentMap out = PersistentArrayMap.EMPTY;
            for (Object k : keys) {
                if (Colls.containsKey(s, k)) {
                    out = out.assoc(k, Colls.get(s, k));
                }
            }
            return Colls.withMeta(s, out);
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkMap(this, s);
            return next.invoke(vals, sub(s));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkMap(this, s);
            Object r = next.invoke(vals, sub(s));
            if (s == null) {
                return r == NONE ? null : r;
            }
            Map<?, ?> newMap = r == NONE || r == null ? java.util.Collections.emptyMap() : asMap(r);
            Object out = s;
            // keys kept in the new sub-map are overwritten rather than removed first, so a record
            // stays a record (removing one of its fields would turn it into a plain map)
            for (Object k : keys) {
                if (!Colls.containsKey(newMap, k)) {
                    out = Colls.dissoc(out, k);
                }
            }
            for (Map.Entry<Object, Object> e : Colls.entries(newMap)) {
                out = Colls.assoc(out, e.getKey(), e.getValue());
            }
            return out;
        }

        private Map<?, ?> asMap(Object r) {
            if (!(r instanceof Map)) {
                throw new dev.floe.specter.PathException(name() + ": the new sub-map must be a map, got a "
                        + Colls.typeName(r));
            }
            return (Map<?, ?>) r;
        }

        @Override
        public String name() {
            return "(submap " + RT.printString(clojure.lang.PersistentVector.create(keys)) + ")";
        }
    }
}
