package dev.floe.ir;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema of a PState (or of a location inside one): a class, a map, a list, a set, a
 * fixed-keys record, or a location being migrated. Maps, lists and sets may be subindexed.
 */
public sealed interface SchemaIR extends Serializable {
    /** Subindexing of a map, list or set: null when not subindexed. */
    record Subindex(boolean trackSize) implements Serializable {}

    /** A value of a class ({@code Long}, {@code Object}, a user class …). */
    record ClassSchema(String className) implements SchemaIR {
        @Override
        public String toString() {
            return className;
        }
    }

    /** A map from keys of {@code key} to values of {@code value}. */
    record MapSchema(SchemaIR key, SchemaIR value, Subindex subindex) implements SchemaIR {
        @Override
        public String toString() {
            return "{" + key + " " + value + "}" + (subindex == null ? "" : " subindexed");
        }
    }

    /** A list of elements. */
    record ListSchema(SchemaIR element, Subindex subindex) implements SchemaIR {
        @Override
        public String toString() {
            return "[" + element + "]" + (subindex == null ? "" : " subindexed");
        }
    }

    /** A set of elements. */
    record SetSchema(SchemaIR element, Subindex subindex) implements SchemaIR {
        @Override
        public String toString() {
            return "#{" + element + "}" + (subindex == null ? "" : " subindexed");
        }
    }

    /** A record-like map with a schema per key; every key is optional. */
    record FixedKeys(Map<String, SchemaIR> keys) implements SchemaIR {
        public FixedKeys {
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        @Override
        public String toString() {
            return "fixedKeys" + keys;
        }
    }

    /**
     * A location being migrated to {@code schema} by {@code fn}, identified by {@code migrationId};
     * with the structural options: fixed keys the new schema adds or removes (removed keys are
     * dropped from migrated values), and whether the location becomes subindexed.
     */
    record Migrated(SchemaIR schema, String migrationId, FnRef fn, java.util.List<String> addedKeys,
            java.util.List<String> removedKeys, boolean toSubindexed) implements SchemaIR {
        public Migrated {
            addedKeys = java.util.List.copyOf(addedKeys);
            removedKeys = java.util.List.copyOf(removedKeys);
        }

        public Migrated(SchemaIR schema, String migrationId, FnRef fn) {
            this(schema, migrationId, fn, java.util.List.of(), java.util.List.of(), false);
        }

        @Override
        public String toString() {
            return "migrated(" + schema + " " + migrationId + ")";
        }
    }
}
