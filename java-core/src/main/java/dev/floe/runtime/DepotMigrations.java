package dev.floe.runtime;

import dev.floe.Depot;
import dev.floe.exec.FnCall;
import dev.floe.ir.FnRef;
import dev.floe.ir.ModuleIR;
import dev.floe.store.DepotLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Depot migrations: a depot declared with {@code migration(id, fn)} reads every record appended
 * before the update that brought {@code id} (offsets below the partition's boundary) as
 * {@code fn(record)}, and skips those {@code fn} maps to {@link Depot#TOMBSTONE}; records
 * appended later are read as they are. Each task keeps, per migrated depot partition, the
 * migration id and its boundary (the partition's end offset at that update), in memory and in
 * the store's metadata (so a restart keeps it). The same id on a later update keeps the boundary;
 * a new id takes the end offsets at that update; a depot whose code drops the migration forgets it.
 */
final class DepotMigrations {
    private DepotMigrations() {}

    /** A migration applied to one depot partition: records at offsets below {@code boundary} are migrated. */
    record State(String migrationId, FnRef fn, long boundary) {}

    static String metaKey(String depot) {
        return "depot/" + depot + "/migration";
    }

    /**
     * Sets up the migrations of a task's depot partitions (on the task's thread, once its depot
     * logs exist). {@code previous} is what the instance this one updates applied (null at launch);
     * at launch, and on a durable store, the store's metadata says what an earlier run applied.
     */
    static void init(TaskState t, Map<String, State> previous) {
        ModuleRuntime m = t.module;
        Map<String, Object> meta = new HashMap<>();
        for (Map.Entry<String, DepotLog> e : t.depotLogs.entrySet()) {
            String depot = e.getKey();
            ModuleIR.DepotDecl decl = m.depots.get(depot);
            ModuleIR.DepotMigration migration = decl == null ? null : decl.migration();
            Object stored = m.store.meta(t.id, metaKey(depot));
            String prevId = null;
            long prevBoundary = 0;
            State carried = previous == null ? null : previous.get(depot);
            if (carried != null) {
                prevId = carried.migrationId();
                prevBoundary = carried.boundary();
            } else if (stored instanceof List<?> l && l.size() == 2) {
                prevId = (String) l.get(0);
                prevBoundary = ((Number) l.get(1)).longValue();
            }
            if (migration == null) {
                if (stored != null) {
                    meta.put(metaKey(depot), null);
                }
                continue;
            }
            // a new migration covers what the depot holds now: everything on an update, nothing on a
            // first launch; the same id keeps its boundary (across updates and restarts)
            long boundary = migration.migrationId().equals(prevId) ? prevBoundary : e.getValue().endOffset();
            t.depotMigrations.put(depot, new State(migration.migrationId(), migration.fn(), boundary));
            List<Object> value = List.of(migration.migrationId(), boundary);
            if (!value.equals(stored)) {
                meta.put(metaKey(depot), value);
            }
        }
        if (!meta.isEmpty() && m.store.durable()) {
            m.store.commit(t.id, List.of(), meta);
        }
    }

    /**
     * The records of a task's depot partition at offsets {@code [from, to)}, one per offset,
     * migrated where the depot's migration covers them: a removed record reads as
     * {@link Depot#TOMBSTONE} (see {@link #removed}), so offsets keep their numbering.
     */
    static List<Object> read(TaskState t, String depot, DepotLog log, long from, long to) {
        List<Object> records = log.read(from, to);
        State s = t.depotMigrations.get(depot);
        if (s == null || from >= s.boundary()) {
            return records;
        }
        List<Object> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Object r = records.get(i);
            out.add(from + i < s.boundary() ? FnCall.apply(s.fn().impl(), r) : r);
        }
        return out;
    }

    /** Whether a record {@link #read} gave was removed by a migration. */
    static boolean removed(Object record) {
        return record == Depot.TOMBSTONE;
    }

    /** The records of {@link #read} that were not removed, in order. */
    static List<Object> present(List<Object> records) {
        if (!records.contains(Depot.TOMBSTONE)) {
            return records;
        }
        List<Object> out = new ArrayList<>(records.size());
        for (Object r : records) {
            if (!removed(r)) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
