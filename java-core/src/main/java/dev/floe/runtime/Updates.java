package dev.floe.runtime;

import dev.floe.compiler.CompiledModule;
import dev.floe.exec.FnCall;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.store.DepotLog;
import dev.floe.store.PStatePartition;
import dev.floe.test.LaunchConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Module update: new code over the same data. The running instance is quiesced (its microbatch
 * topologies paused, in-flight stream event trees and query invocations finished), its depot and
 * PState partitions and microbatch progress are handed to an instance of the new code, with
 * migrated schema locations rewritten, and new topologies start where their source options say.
 */
final class Updates {
    private Updates() {}

    /** What one instance hands to the next: per task, its partitions; and the microbatch coordinators. */
    static final class Carry {
        final List<Map<String, DepotLog>> depots = new ArrayList<>();
        final List<Map<String, PStatePartition>> pstates = new ArrayList<>();
        final Map<String, Microbatches.Coordinator> coordinators = new HashMap<>();
        /** Per task, the depot migrations the old instance applied. */
        final List<Map<String, DepotMigrations.State>> depotMigrations = new ArrayList<>();
    }

    /** Refuses an update the data cannot follow, naming what is wrong. */
    static void check(ModuleIR old, ModuleIR next, LaunchConfig oldConfig, LaunchConfig config, Set<String> toDelete) {
        String where = "update of module " + old.name() + ": ";
        if (config.getNumTasks() != oldConfig.getNumTasks()) {
            throw new IllegalArgumentException(where + "the number of tasks is fixed at " + oldConfig.getNumTasks()
                    + ", got " + config.getNumTasks());
        }
        Map<String, ModuleIR.DepotDecl> newDepots = new HashMap<>();
        for (ModuleIR.DepotDecl d : next.depots()) {
            newDepots.put(d.name(), d);
        }
        for (ModuleIR.DepotDecl d : old.depots()) {
            ModuleIR.DepotDecl n = newDepots.get(d.name());
            if (n == null) {
                if (!toDelete.contains(d.name())) {
                    throw new IllegalArgumentException(where + "depot " + d.name() + " is gone from the new code; list it in "
                            + "UpdateOptions.objectsToDelete to drop its data");
                }
                continue;
            }
            if ((d.tickMillis() == null) != (n.tickMillis() == null)) {
                throw new IllegalArgumentException(where + "depot " + d.name() + " cannot change between a tick depot and a regular one");
            }
            if (d.global() != n.global()) {
                throw new IllegalArgumentException(where + "depot " + d.name() + " cannot change whether it is global");
            }
        }
        Map<String, ModuleIR.PStateDecl> newPStates = pstates(next);
        for (ModuleIR.PStateDecl p : pstates(old).values()) {
            ModuleIR.PStateDecl n = newPStates.get(p.name());
            if (n == null) {
                if (!toDelete.contains(p.name())) {
                    throw new IllegalArgumentException(where + "PState " + p.name() + " is gone from the new code; list it in "
                            + "UpdateOptions.objectsToDelete to drop its data");
                }
                continue;
            }
            if (p.global() != n.global()) {
                throw new IllegalArgumentException(where + "PState " + p.name() + " cannot change whether it is global");
            }
        }
        for (String d : toDelete) {
            if (newDepots.containsKey(d) || newPStates.containsKey(d)) {
                throw new IllegalArgumentException(where + d + " is listed to delete but the new code still declares it");
            }
        }
    }

    static Map<String, ModuleIR.PStateDecl> pstates(ModuleIR ir) {
        Map<String, ModuleIR.PStateDecl> out = new LinkedHashMap<>();
        for (ModuleIR.EtlTopology t : ir.etls()) {
            for (ModuleIR.PStateDecl p : t.pstates()) {
                out.put(p.name(), p);
            }
        }
        return out;
    }

    /** Waits until nothing runs in the module: microbatches paused, no stream tree or query in flight. */
    static void quiesce(ModuleRuntime m) {
        for (String topology : m.microbatchSources.keySet()) {
            m.cluster.await(m.pauseMicrobatch(topology));
        }
        while (true) {
            List<CompletableFuture<Integer>> counts = new ArrayList<>();
            for (int task = 0; task < m.numTasks; task++) {
                CompletableFuture<Integer> n = new CompletableFuture<>();
                counts.add(n);
                m.send(ModuleRuntime.CLIENT, task, "count work in flight", "", (t, x) -> n.complete(t.roots.size()
                        + t.queryRuns.size()));
            }
            int busy = 0;
            for (CompletableFuture<Integer> n : counts) {
                busy += m.cluster.await(n);
            }
            if (busy == 0) {
                return;
            }
            m.cluster.scheduler.pause(2);
        }
    }

    /** The partitions and progress of a quiesced instance, minus the objects deleted. */
    static Carry carry(ModuleRuntime m, Set<String> toDelete) {
        Carry c = new Carry();
        for (TaskState t : m.tasks) {
            Map<String, DepotLog> d = new HashMap<>(t.depotLogs);
            Map<String, PStatePartition> p = new HashMap<>(t.pstates);
            d.keySet().removeAll(toDelete);
            p.keySet().removeAll(toDelete);
            c.depots.add(d);
            c.pstates.add(p);
            c.depotMigrations.add(new HashMap<>(t.depotMigrations));
        }
        c.coordinators.putAll(m.tasks[0].coordinators);
        return c;
    }

    /**
     * Checks, before the old instance stops, that every carried PState value fits the new schema
     * once migrated; a value that does not (a narrowing change without a migration) fails the
     * update with the PState, key and types named, and the old instance keeps running.
     */
    static void precheck(Carry carry, ModuleIR next) {
        Map<String, ModuleIR.PStateDecl> decls = pstates(next);
        for (Map<String, PStatePartition> task : carry.pstates) {
            for (Map.Entry<String, PStatePartition> e : task.entrySet()) {
                ModuleIR.PStateDecl d = decls.get(e.getKey());
                if (d != null) {
                    dev.floe.store.SchemaCheck.check(e.getKey(), d.schema(), migrate(d.schema(), e.getValue().committedValue()),
                            true);
                }
            }
        }
    }

    /** A store that hands the carried partitions to the new instance (migrated to the new schema) and makes the rest. */
    static ModuleRuntime.StoreFactory store(Carry carry, ModuleRuntime.StoreFactory fresh) {
        return new ModuleRuntime.StoreFactory() {
            @Override
            public PStatePartition pstate(ModuleIR.PStateDecl decl, int task) {
                PStatePartition old = carry.pstates.get(task).get(decl.name());
                PStatePartition p = fresh.pstate(decl, task);
                if (old != null) {
                    p.setValue(migrate(decl.schema(), old.committedValue()));
                    p.commit();
                }
                return p;
            }

            @Override
            public DepotLog depot(ModuleIR.DepotDecl decl, int task) {
                DepotLog old = carry.depots.get(task).get(decl.name());
                return old != null ? old : fresh.depot(decl, task);
            }

            @Override
            public void commit(int task, java.util.Collection<PStatePartition> touched, Map<String, Object> meta) {
                fresh.commit(task, touched, meta);
            }

            @Override
            public Object meta(int task, String key) {
                return fresh.meta(task, key);
            }

            @Override
            public boolean durable() {
                return fresh.durable();
            }

            @Override
            public byte[] prepare(int task, java.util.Collection<PStatePartition> touched, Map<String, Object> meta) {
                return fresh.prepare(task, touched, meta);
            }

            @Override
            public void applyPrepared(int task, byte[] prepared, Map<String, Object> meta) {
                fresh.applyPrepared(task, prepared, meta);
            }
        };
    }

    /**
     * A value rewritten for a schema with migrated locations: each migrated location's value
     * goes through its migration function (which is idempotent, so already-migrated values are
     * fine). Done at once here, which is what the background migration of a durable store
     * converges to.
     */
    static Object migrate(SchemaIR schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema instanceof SchemaIR.Migrated) {
            SchemaIR.Migrated m = (SchemaIR.Migrated) schema;
            Object migrated = FnCall.apply(m.fn().impl(), value);
            if (!m.removedKeys().isEmpty() && migrated instanceof Map) {
                // fixed keys the new schema removed: dropped, by name or keyword
                clojure.lang.IPersistentMap pm = migrated instanceof clojure.lang.IPersistentMap
                        ? (clojure.lang.IPersistentMap) migrated : clojure.lang.PersistentHashMap.create((Map<?, ?>) migrated);
                for (String k : m.removedKeys()) {
                    pm = pm.without(k).without(clojure.lang.Keyword.intern(k));
                }
                migrated = pm;
            }
            return migrate(m.schema(), migrated);
        }
        if (schema instanceof SchemaIR.MapSchema && value instanceof clojure.lang.IPersistentMap) {
            SchemaIR vs = ((SchemaIR.MapSchema) schema).value();
            if (!hasMigration(vs)) {
                return value;
            }
            clojure.lang.IPersistentMap out = (clojure.lang.IPersistentMap) value;
            for (Object o : (Iterable<?>) value) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                Object v = migrate(vs, e.getValue());
                if (v != e.getValue()) {
                    out = out.assoc(e.getKey(), v);
                }
            }
            return out;
        }
        if (schema instanceof SchemaIR.FixedKeys && value instanceof clojure.lang.IPersistentMap) {
            clojure.lang.IPersistentMap out = (clojure.lang.IPersistentMap) value;
            for (Map.Entry<String, SchemaIR> k : ((SchemaIR.FixedKeys) schema).keys().entrySet()) {
                if (hasMigration(k.getValue())) {
                    for (Object key : new Object[] {k.getKey(), clojure.lang.Keyword.intern(k.getKey())}) {
                        Object v = out.valAt(key);
                        if (v != null) {
                            out = out.assoc(key, migrate(k.getValue(), v));
                        }
                    }
                }
            }
            return out;
        }
        return value;
    }

    private static boolean hasMigration(SchemaIR s) {
        if (s instanceof SchemaIR.Migrated) {
            return true;
        }
        if (s instanceof SchemaIR.MapSchema) {
            return hasMigration(((SchemaIR.MapSchema) s).value());
        }
        if (s instanceof SchemaIR.FixedKeys) {
            for (SchemaIR v : ((SchemaIR.FixedKeys) s).keys().values()) {
                if (hasMigration(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Microbatch progress for the new instance: a topology that existed keeps its committed
     * offsets, count and ids; a new topology (or a new depot of one) starts at the beginning or
     * the end of each partition as its source options say.
     */
    static void initCoordinators(ModuleRuntime m, TaskState t0, Carry carry) {
        for (Microbatches.Coordinator c : t0.coordinators.values()) {
            Microbatches.Coordinator old = carry.coordinators.get(c.topology);
            if (old != null) {
                c.processed = old.processed;
                c.nextId = old.nextId;
            }
            for (Map.Entry<String, long[]> d : c.committed.entrySet()) {
                long[] kept = old == null ? null : old.committed.get(d.getKey());
                if (kept != null) {
                    System.arraycopy(kept, 0, d.getValue(), 0, d.getValue().length);
                } else if (!startsFromBeginning(m, c.topology, d.getKey())) {
                    for (int p = 0; p < d.getValue().length; p++) {
                        DepotLog log = carry.depots.get(p).get(d.getKey());
                        d.getValue()[p] = log == null ? 0 : log.endOffset();
                    }
                }
            }
        }
    }

    private static boolean startsFromBeginning(ModuleRuntime m, String topology, String depot) {
        for (CompiledModule.Source s : m.compiled[0].sources()) {
            if (s.topology().name().equals(topology) && s.decl().depot().equals(depot)) {
                return s.decl().options().startFrom() == ModuleIR.SourceOptions.StartFrom.BEGINNING;
            }
        }
        return false;
    }

    /**
     * New microbatch topologies look for records at once (those starting from the beginning have
     * the records their depots already hold), rather than at the next append.
     */
    static void startNewMicrobatches(ModuleRuntime m, ModuleIR old) {
        Set<String> oldTopologies = new HashSet<>();
        for (ModuleIR.EtlTopology t : old.etls()) {
            oldTopologies.add(t.name());
        }
        for (String topology : m.microbatchSources.keySet()) {
            if (!oldTopologies.contains(topology)) {
                m.send(ModuleRuntime.CLIENT, 0, "start " + topology, topology, Microbatches::nudge);
            }
        }
    }

    /** New stream topologies that start from the beginning process the records their depots already hold. */
    static void replayNewStreams(ModuleRuntime m, ModuleIR old) {
        Set<String> oldTopologies = new HashSet<>();
        for (ModuleIR.EtlTopology t : old.etls()) {
            oldTopologies.add(t.name());
        }
        List<CompiledModule.Source> sources = m.compiled[0].sources();
        for (int i = 0; i < sources.size(); i++) {
            CompiledModule.Source s = sources.get(i);
            if (s.topology().kind() != ModuleIR.EtlTopology.Kind.STREAM || oldTopologies.contains(s.topology().name())
                    || s.decl().options().startFrom() != ModuleIR.SourceOptions.StartFrom.BEGINNING) {
                continue;
            }
            int source = i;
            for (TaskState t : m.tasks) {
                DepotLog log = t.depotLogs.get(s.decl().depot());
                if (log == null) {
                    continue;
                }
                m.send(ModuleRuntime.CLIENT, t.id, "replay " + s.decl().depot() + " for " + s.topology().name(), "", (ts, x) -> {
                    List<Object> records = DepotMigrations.read(ts, s.decl().depot(), log, log.startOffset(), log.endOffset());
                    for (int r = 0; r < records.size(); r++) {
                        if (DepotMigrations.removed(records.get(r))) {
                            continue;
                        }
                        Streams.startRoot(ts, source, s.decl().depot(), log.startOffset() + r, records.get(r), 0, null);
                    }
                });
            }
        }
    }
}
