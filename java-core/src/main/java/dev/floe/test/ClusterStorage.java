package dev.floe.test;

import dev.floe.ir.ModuleIR;
import dev.floe.runtime.Codec;
import dev.floe.runtime.DurableStore;
import dev.floe.runtime.ModuleFiles;
import dev.floe.store.FileDepotLogContext;
import dev.floe.store.FsyncPolicy;
import dev.floe.store.RocksTaskStore;
import dev.floe.store.StoreException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An in-process cluster's data directory: {@code modules/<module>/} holds each module's
 * {@link DurableStore} and {@code module.bin}, the module's code (its IR, Java-serialized) and
 * launch configuration, so a cluster opened on the directory again relaunches it. A lock file
 * keeps two clusters from opening one directory.
 */
final class ClusterStorage implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(dev.floe.runtime.ModuleRuntime.class.getName());
    private static final String RECORD = "module.bin";
    /**
     * System property: the size at which depot log segments roll (default
     * {@link FileDepotLogContext#SEGMENT_BYTES_MAX_DEFAULT}); the crash test makes it small so that
     * segments roll, and are sealed, under load.
     */
    static final String SEGMENT_BYTES_PROPERTY = "floe.depot.segmentBytesMax";

    private final Path dir;
    private final boolean temporary;
    private final Codec codec;
    private final FileDepotLogContext logContext;
    private final boolean syncCommits;
    private final RocksTaskStore.OptionsHook hook;
    private final Map<String, DurableStore> stores = new LinkedHashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** What a module's {@code module.bin} holds. */
    private record Stored(long seq, byte[] ir, int numTasks, int numThreads, int numWorkers) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A module recorded in the directory: its code (null when it cannot be loaded, with why). */
    record Recorded(String name, ModuleIR ir, LaunchConfig config, String loadError, long seq) {}

    ClusterStorage(Path dir, Codec codec, FsyncPolicy depotFsync, boolean syncCommits, RocksTaskStore.OptionsHook hook) {
        this.temporary = dir == null;
        try {
            this.dir = dir == null ? Files.createTempDirectory("floe-cluster") : dir;
            Files.createDirectories(this.dir.resolve("modules"));
            this.lockChannel = FileChannel.open(this.dir.resolve("cluster.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new IllegalStateException("another cluster has " + this.dir + " open");
            }
            this.lock = l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the cluster directory " + dir, e);
        }
        this.codec = codec;
        this.logContext = new FileDepotLogContext().withFsyncPolicy(depotFsync)
                .withSegmentBytesMax(Integer.getInteger(SEGMENT_BYTES_PROPERTY, FileDepotLogContext.SEGMENT_BYTES_MAX_DEFAULT));
        this.syncCommits = syncCommits;
        this.hook = hook;
    }

    Path directory() {
        return dir;
    }

    private Path moduleDir(String name) {
        return dir.resolve("modules").resolve(ModuleFiles.fileName(name));
    }

    /** The store of a module (made on first use), set to run this code. */
    synchronized DurableStore module(ModuleIR ir) {
        DurableStore s = stores.computeIfAbsent(ir.name(),
                n -> new DurableStore(moduleDir(n), codec, logContext, syncCommits, hook));
        s.setModule(ir);
        return s;
    }

    /** The modules recorded in the directory, in launch order. */
    synchronized List<Recorded> recorded() {
        List<Recorded> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("modules"))) {
            for (Path m : s.toList()) {
                Path rec = m.resolve(RECORD);
                if (!Files.exists(rec)) {
                    continue;
                }
                String name = ModuleFiles.name(m.getFileName().toString());
                Stored st;
                try {
                    st = (Stored) read(Files.readAllBytes(rec));
                } catch (IOException | ClassNotFoundException | ClassCastException e) {
                    throw new StoreException("the record of module " + name + " (" + rec + ") is unreadable: " + e, e);
                }
                LaunchConfig config = new LaunchConfig(st.numTasks(), st.numThreads()).numWorkers(st.numWorkers());
                try {
                    out.add(new Recorded(name, (ModuleIR) read(st.ir()), config, null, st.seq()));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    out.add(new Recorded(name, null, config, e.toString(), st.seq()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the modules in " + dir, e);
        }
        out.sort(Comparator.comparingLong(Recorded::seq));
        return out;
    }

    /** Records a launched module's code and configuration. */
    synchronized void record(ModuleIR ir, LaunchConfig config) {
        long seq = 0;
        for (Recorded r : recorded()) {
            if (!r.name().equals(ir.name())) {
                seq = Math.max(seq, r.seq() + 1);
            }
        }
        write(ir, config, seq);
    }

    /** Records an update's new code, and drops the data of the objects it deleted. */
    synchronized void updated(ModuleIR old, ModuleIR ir, LaunchConfig config, Set<String> objectsToDelete) {
        long seq = 0;
        for (Recorded r : recorded()) {
            if (r.name().equals(ir.name())) {
                seq = r.seq();
            }
        }
        write(ir, config, seq);
        List<String> pstates = new ArrayList<>();
        List<String> depots = new ArrayList<>();
        for (String o : objectsToDelete) {
            if (declares(ir, o)) {
                continue;
            }
            if (o.startsWith("$$")) {
                pstates.add(o);
            } else if (o.startsWith("*")) {
                depots.add(o);
            }
        }
        stores.get(ir.name()).drop(pstates, depots);
    }

    private static boolean declares(ModuleIR ir, String object) {
        for (ModuleIR.DepotDecl d : ir.depots()) {
            if (d.name().equals(object)) {
                return true;
            }
        }
        for (ModuleIR.EtlTopology t : ir.etls()) {
            for (ModuleIR.PStateDecl p : t.pstates()) {
                if (p.name().equals(object)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Closes a destroyed module's store and deletes its data. */
    synchronized void destroy(String name) {
        DurableStore s = stores.remove(name);
        if (s != null) {
            s.close();
        }
        ModuleFiles.deleteTree(moduleDir(name));
    }

    private void write(ModuleIR ir, LaunchConfig config, long seq) {
        Path m = moduleDir(ir.name());
        try {
            Files.createDirectories(m);
            byte[] bytes = bytes(new Stored(seq, bytes(ir), config.getNumTasks(), config.getNumThreads(),
                    config.getNumWorkers()));
            Path tmp = m.resolve(RECORD + ".tmp");
            Files.write(tmp, bytes);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, m.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record module " + ir.name() + " in " + m, e);
        } catch (RuntimeException e) {
            // the module runs, but a restart will not relaunch it by itself
            LOG.warning("module " + ir.name() + " runs but its code cannot be recorded in "
                    + m + " (" + e + "): a cluster reopening the directory will not relaunch it by itself");
        }
    }

    private static byte[] bytes(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (java.io.NotSerializableException e) {
            throw new IllegalArgumentException("not serializable: " + e.getMessage(), e);
        }
        return b.toByteArray();
    }

    /**
     * Java-deserializes module code, resolving classes through the thread's context class loader (a
     * REPL's loader), then the default, then the classes Clojure compiled in this JVM.
     */
    private static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (ObjectInputStream in = new ObjectInputStream((InputStream) new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (loader != null) {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        // fall through
                    }
                }
                try {
                    return super.resolveClass(desc);
                } catch (ClassNotFoundException e) {
                    try {
                        // functions of a Clojure module compiled at run time live in Clojure's dynamic loader
                        return clojure.lang.RT.classForName(desc.getName(), false,
                                loader != null ? loader : ClusterStorage.class.getClassLoader());
                    } catch (RuntimeException | LinkageError e2) { // RT rethrows ClassNotFoundException unchecked
                        throw e;
                    }
                }
            }
        }) {
            return in.readObject();
        }
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (DurableStore s : stores.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        stores.clear();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            first = first == null ? new UncheckedIOException(e) : first;
        }
        if (temporary) {
            ModuleFiles.deleteTree(dir);
        }
        if (first != null) {
            throw first;
        }
    }
}
