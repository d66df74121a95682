package dev.floe.runtime;

import dev.floe.ir.ModuleIR;
import dev.floe.store.DepotLog;
import dev.floe.store.FileDepotLog;
import dev.floe.store.FileDepotLogContext;
import dev.floe.store.PStatePartition;
import dev.floe.store.RocksTaskStore;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The durable storage of one module, in a directory: each task's PStates in a RocksDB of its own
 * ({@code tasks/<task>}), with the task's stream checkpoints and microbatch markers in the same
 * atomic commits, and each depot partition in a checksummed segment log
 * ({@code depots/<depot>/<partition>}). Instances of the module (launch, updates, a relaunch after
 * a restart) share it; it is closed with the module or the cluster.
 */
public final class DurableStore implements ModuleRuntime.StoreFactory, AutoCloseable {
    /** Rama's depot option: the most records a depot partition keeps before the oldest are trimmed. */
    public static final String MAX_ENTRIES_OPTION = "depot.max.entries.per.partition";

    private final Path dir;
    private final Codec codec;
    private final FileDepotLogContext logContext;
    private final boolean syncCommits;
    private final RocksTaskStore.OptionsHook hook;
    private final Map<Integer, RocksTaskStore> tasks = new HashMap<>();
    private final Map<String, FileDepotLog> logs = new HashMap<>();
    private boolean closed;
    /** The module's current code (its launch options say how depots trim). */
    private volatile ModuleIR module;

    /**
     * @param syncCommits whether PState commits are fsynced (survive a machine crash, not only a
     *     process crash)
     */
    public DurableStore(Path dir, Codec codec, FileDepotLogContext logContext, boolean syncCommits,
            RocksTaskStore.OptionsHook hook) {
        this.dir = dir;
        this.codec = codec;
        this.logContext = logContext;
        this.syncCommits = syncCommits;
        this.hook = hook;
    }

    /** The module's code, set before each launch or update. */
    public void setModule(ModuleIR ir) {
        this.module = ir;
    }

    /** The module's directory. */
    public Path directory() {
        return dir;
    }

    private synchronized RocksTaskStore task(int task) {
        if (closed) {
            throw new IllegalStateException("the store in " + dir + " is closed");
        }
        return tasks.computeIfAbsent(task, t -> new RocksTaskStore(dir.resolve("tasks").resolve(Integer.toString(t)),
                codec, syncCommits, hook));
    }

    @Override
    public PStatePartition pstate(ModuleIR.PStateDecl decl, int task) {
        return task(task).pstate(decl);
    }

    @Override
    public synchronized DepotLog depot(ModuleIR.DepotDecl decl, int task) {
        if (closed) {
            throw new IllegalStateException("the store in " + dir + " is closed");
        }
        String key = decl.name() + "/" + task;
        FileDepotLog log = logs.get(key);
        if (log == null) {
            log = FileDepotLog.open(depotDir(decl.name()).resolve(Integer.toString(task)), codec, logContext);
            logs.put(key, log);
        }
        Long max = maxEntries(module, decl);
        return max == null ? log : new TrimmingLog(log, max);
    }

    private Path depotDir(String depot) {
        return dir.resolve("depots").resolve(ModuleFiles.fileName(depot));
    }

    /** The depot's {@value #MAX_ENTRIES_OPTION} launch option, else the module's, else none. */
    static Long maxEntries(ModuleIR ir, ModuleIR.DepotDecl decl) {
        if (ir == null) {
            return null;
        }
        Object v = ir.launchOptions().get("depot/" + decl.name() + "/" + MAX_ENTRIES_OPTION);
        if (v == null) {
            v = ir.launchOptions().get("module/" + MAX_ENTRIES_OPTION);
        }
        if (v != null && !(v instanceof Number && ((Number) v).longValue() > 0)) {
            throw new IllegalArgumentException("module " + ir.name() + ", depot " + decl.name() + ": " + MAX_ENTRIES_OPTION
                    + " must be a positive number, got " + v);
        }
        return v == null ? null : ((Number) v).longValue();
    }

    @Override
    public void commit(int task, Collection<PStatePartition> touched, Map<String, Object> meta) {
        task(task).commit(touched, meta);
    }

    @Override
    public Object meta(int task, String key) {
        return task(task).meta(key);
    }

    @Override
    public byte[] prepare(int task, Collection<PStatePartition> touched, Map<String, Object> meta) {
        return task(task).prepare(touched, meta);
    }

    @Override
    public void applyPrepared(int task, byte[] prepared, Map<String, Object> meta) {
        task(task).applyPrepared(prepared, meta);
    }

    @Override
    public boolean durable() {
        return true;
    }

    /** Drops the data of objects a module update deleted. */
    public synchronized void drop(Collection<String> pstates, Collection<String> depots) {
        for (int t : tasks.keySet()) {
            for (String p : pstates) {
                tasks.get(t).dropPState(p);
            }
        }
        for (String d : depots) {
            logs.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(d + "/")) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
            ModuleFiles.deleteTree(depotDir(d));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (FileDepotLog l : logs.values()) {
            try {
                l.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        for (RocksTaskStore s : tasks.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A depot partition that keeps at most {@code max} records, trimming the oldest after appends. */
    private static final class TrimmingLog implements DepotLog {
        private final FileDepotLog log;
        private final long max;
        /** Trims run once per this many appends (a trim drops whole segments, so it is coarse anyway). */
        private final long every;
        private long sinceTrim;

        TrimmingLog(FileDepotLog log, long max) {
            this.log = log;
            this.max = max;
            this.every = Math.max(1, max / 8);
        }

        @Override
        public long append(Object record) {
            long offset = log.append(record);
            if (++sinceTrim >= every && log.endOffset() - log.startOffset() > max) {
                sinceTrim = 0;
                log.trimTo(log.endOffset() - max);
            }
            return offset;
        }

        @Override
        public long startOffset() {
            return log.startOffset();
        }

        @Override
        public long endOffset() {
            return log.endOffset();
        }

        @Override
        public java.util.List<Object> read(long from, long to) {
            return log.read(from, to);
        }

        @Override
        public boolean syncPending() {
            return log.syncPending();
        }

        @Override
        public void sync() {
            log.sync();
        }
    }
}
