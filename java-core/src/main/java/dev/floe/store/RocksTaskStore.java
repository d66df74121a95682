package dev.floe.store;

import dev.floe.ir.ModuleIR;
import dev.floe.runtime.Codec;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's PStates in one RocksDB: a column family per PState, so all of a task's PState writes
 * of a commit go in one atomic write batch ({@link #commit}). Opened on a directory; reopening it
 * finds what was committed.
 */
public final class RocksTaskStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** Tunes a PState's column family (Rama's RocksDBOptionsBuilder). */
    @FunctionalInterface
    public interface OptionsHook {
        /** Adjusts the options of the column family of {@code pstate}. */
        void setOptions(String pstate, ColumnFamilyOptions options);
    }

    private final Path dir;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final LRUCache cache;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
    private final Map<String, RocksStructures> structures = new HashMap<>();
    private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
    /** The PState partitions handed out (reloaded after {@link #applyPrepared}). */
    private final List<RocksPState> opened = new ArrayList<>();
    private final Codec codec;
    private final OptionsHook hook;
    private final boolean sync;
    private final WriteOptions writeOptions;

    /**
     * Opens (or creates) the store of a task.
     *
     * @param sync whether each commit is fsynced before it returns (durable against a machine crash;
     *     without it a commit survives a process crash but may be lost on power loss)
     */
    public RocksTaskStore(Path dir, Codec codec, boolean sync, OptionsHook hook) {
        this.dir = dir;
        this.codec = codec;
        this.sync = sync;
        this.hook = hook;
        this.cache = new LRUCache(32L << 20);
        try {
            Files.createDirectories(dir);
            this.dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            List<byte[]> existing = new File(dir.resolve("CURRENT").toString()).exists()
                    ? RocksDB.listColumnFamilies(new org.rocksdb.Options(), dir.toString())
                    : List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : existing) {
                descriptors.add(new ColumnFamilyDescriptor(name, options(new String(name, StandardCharsets.UTF_8))));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            for (int i = 0; i < existing.size(); i++) {
                families.put(new String(existing.get(i), StandardCharsets.UTF_8), handles.get(i));
            }
            this.writeOptions = new WriteOptions().setSync(sync);
        } catch (RocksDBException | java.io.IOException e) {
            throw new StoreException("cannot open the PState store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private ColumnFamilyOptions options(String pstate) {
        ColumnFamilyOptions o = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(new BloomFilter(10)));
        if (hook != null && !pstate.equals("default")) {
            hook.setOptions(pstate, o);
        }
        cfOptions.add(o);
        return o;
    }

    /** The column family of a PState, created on first use. */
    synchronized ColumnFamilyHandle family(String pstate) {
        ColumnFamilyHandle h = families.get(pstate);
        if (h == null) {
            try {
                h = db.createColumnFamily(new ColumnFamilyDescriptor(pstate.getBytes(StandardCharsets.UTF_8), options(pstate)));
            } catch (RocksDBException e) {
                throw new StoreException("cannot create the store of PState " + pstate + " in " + dir, e);
            }
            families.put(pstate, h);
        }
        return h;
    }

    /** A partition of a PState in this store. */
    public synchronized RocksPState pstate(ModuleIR.PStateDecl decl) {
        // one RocksStructures per PState, so the views of two instances of a module (an update)
        // are recognised as the same stored data
        RocksStructures st = structures.computeIfAbsent(decl.name(),
                n -> new RocksStructures(db, family(n), codec, n));
        RocksPState p = new RocksPState(this, st, decl);
        opened.add(p);
        return p;
    }

    /** Commits the changes of these partitions in one atomic write. */
    public void commit(Collection<? extends PStatePartition> partitions) {
        commit(partitions, Map.of());
    }

    /**
     * Commits the changes of these partitions and these metadata values (stream checkpoints,
     * microbatch markers; a null value deletes) in one atomic write: after a crash either all of
     * it is there or none.
     */
    private long lastCommitWrites;

    public synchronized void commit(Collection<? extends PStatePartition> partitions, Map<String, Object> meta) {
        try (WriteBatch wb = new WriteBatch()) {
            List<RocksPState> touched = new ArrayList<>();
            for (PStatePartition p : partitions) {
                if (p instanceof RocksPState && ((RocksPState) p).store == this) {
                    RocksPState r = (RocksPState) p;
                    r.flushInto(wb);
                    touched.add(r);
                } else {
                    p.commit();
                }
            }
            putMeta(wb, meta);
            lastCommitWrites = wb.count();
            if (wb.count() > 0) {
                db.write(writeOptions, wb);
            }
            for (RocksPState r : touched) {
                r.committed();
            }
        } catch (RocksDBException e) {
            throw new StoreException("commit to " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private void putMeta(WriteBatch wb, Map<String, Object> meta) throws RocksDBException {
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (e.getValue() == null) {
                wb.delete(k);
            } else {
                wb.put(k, codec.encode(e.getValue()));
            }
        }
    }

    /**
     * The bytes of the write batch {@link #commit(Collection, Map)} would write for these
     * partitions and metadata; nothing is written and the partitions stay as they are (their
     * working versions still to commit or roll back).
     */
    public synchronized byte[] prepare(Collection<? extends PStatePartition> partitions, Map<String, Object> meta) {
        try (WriteBatch wb = new WriteBatch()) {
            for (PStatePartition p : partitions) {
                if (!(p instanceof RocksPState) || ((RocksPState) p).store != this) {
                    throw new IllegalArgumentException("PState " + p.name() + " is not stored in " + dir);
                }
                ((RocksPState) p).flushInto(wb);
            }
            putMeta(wb, meta);
            return wb.data();
        } catch (RocksDBException e) {
            throw new StoreException("preparing a commit to " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a batch {@link #prepare} made, with more metadata, in one atomic write; then every
     * PState of this store drops its working version and reads its committed data again.
     */
    public synchronized void applyPrepared(byte[] prepared, Map<String, Object> meta) {
        try (WriteBatch wb = new WriteBatch(prepared)) {
            putMeta(wb, meta);
            lastCommitWrites = wb.count();
            db.write(writeOptions, wb);
        } catch (RocksDBException e) {
            throw new StoreException("applying a prepared commit to " + dir + " failed: " + e.getMessage(), e);
        }
        for (RocksPState p : opened) {
            p.reload();
        }
    }

    /** How many writes (puts, deletes, range deletes) the last commit made: what a change cost. */
    public synchronized long lastCommitWrites() {
        return lastCommitWrites;
    }

    /** The number of RocksDB keys a PState holds (reads them all; for tests and tools). */
    synchronized long countKeys(String pstate) {
        long n = 0;
        try (org.rocksdb.RocksIterator it = db.newIterator(family(pstate))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    /** A metadata value written by {@link #commit(Collection, Map)}, or null. */
    public Object meta(String key) {
        try {
            byte[] v = db.get(key.getBytes(StandardCharsets.UTF_8));
            return v == null ? null : codec.decode(v);
        } catch (RocksDBException e) {
            throw new StoreException("read of " + key + " from " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops a PState's data (the module update deleted it). */
    public synchronized void dropPState(String pstate) {
        ColumnFamilyHandle h = families.remove(pstate);
        structures.remove(pstate);
        if (h != null) {
            try {
                db.dropColumnFamily(h);
            } catch (RocksDBException e) {
                throw new StoreException("cannot drop the store of PState " + pstate + " in " + dir, e);
            }
            h.close();
        }
    }

    /** Whether commits are fsynced. */
    public boolean syncs() {
        return sync;
    }

    @Override
    public synchronized void close() {
        for (ColumnFamilyHandle h : families.values()) {
            h.close();
        }
        db.close();
        for (ColumnFamilyOptions o : cfOptions) {
            o.close();
        }
        dbOptions.close();
        writeOptions.close();
        cache.close();
    }
}
