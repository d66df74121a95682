package dev.floe.crash;

import dev.floe.Helpers;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.codec.FloeCodec;
import dev.floe.crash.CrashModule.Rec;
import dev.floe.exec.KeyHash;
import dev.floe.runtime.ModuleFiles;
import dev.floe.store.FileDepotLog;
import dev.floe.store.FileDepotLogContext;
import dev.floe.store.FsyncPolicy;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test of the storage layer: a child JVM ({@link CrashChild}) runs {@link CrashModule}
 * on a durable cluster directory under load and is killed with SIGKILL at seeded moments — while
 * it opens and recovers, just after it is ready, and under load — for several rounds on the same
 * directory, each with a seeded depot fsync policy and commit syncing, small depot segments (so
 * they roll under load), and in about a third of the rounds a torn frame left at the end of a
 * partition's newest segment (a write the kill cut short). After every kill the depot logs (a copy of them, so the child's own recovery is what
 * the next round exercises) must hold every acknowledged append exactly once, intact, on the
 * partition of its key, with the previous round's records as a prefix. At the end a cluster opened
 * on the directory must recover to: microbatch PStates equal to the model of every record in the
 * depot (each id applied exactly once), and stream PStates holding the effects of every record in
 * the depot (at least once) and nothing else.
 *
 * <p>The seed is printed and in every failure message; rerun one with {@code -Dfloe.crash.seed=N}
 * (the kill moments follow from it; the timing of the child does not). {@code -Dfloe.crash.dir=D}
 * keeps the cluster directory, the snapshots and the children's stderr under {@code D}.
 */
class CrashRecoveryTest {
    /** How many times the child is started and killed. */
    static final int ROUNDS = 10;
    /** Ids of round r start at (r + 1) times this. */
    static final long ID_RANGE = 1_000_000_000L;

    enum Kill {
        /** While the child opens the cluster: RocksDB and depot recovery, module relaunch, stream replay. */
        STARTUP,
        /** Within 150 ms of the child being ready: replayed stream records, the re-run of a microbatch. */
        EARLY,
        /** 300-1500 ms after the first acknowledged append. */
        LOAD
    }

    /**
     * A round's kill (what it waits for, and how long after), the child's storage settings, and the
     * partition whose newest segment gets a torn frame after the kill (-1: none).
     */
    record Plan(Kill kind, double startupFraction, long delayMillis, FsyncPolicy fsync, boolean syncCommits,
            int tearPartition) {}

    /** Small depot segments, so that they roll (and rolls get killed) under load. */
    static final int SEGMENT_BYTES = 16 << 10;

    private long seed;
    /** Segments in the depot's partitions at the last read. */
    private int segments;
    private final StringBuilder history = new StringBuilder();

    @Test
    void ackedAppendsSurviveSigkillExactlyOnce(@TempDir java.nio.file.Path tempDir) throws Exception {
        java.nio.file.Path tmp = tempDir;
        Long given = Long.getLong("floe.crash.seed");
        seed = given != null ? given : new SecureRandom().nextLong();
        log("seed " + seed + " (rerun with -Dfloe.crash.seed=" + seed + ")");
        Random rnd = new Random(seed);
        List<Plan> plans = plan(rnd);
        String keep = System.getProperty("floe.crash.dir");
        if (keep != null) {
            // keep everything for a post-mortem: the cluster directory, the children's stderr, the snapshots
            tmp = Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of(keep)), "run-");
            log("working in " + tmp);
        }
        java.nio.file.Path dir = tmp.resolve("cluster");
        Files.createDirectories(dir);
        classPath = privateClassPath(tmp.resolve("classpath"));

        Set<Long> acked = new HashSet<>();
        List<List<Rec>> previous = null;
        long openMillis = 1500; // the last measured open, to aim startup kills
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            Plan p = plans.get(round);
            long firstId = (round + 1) * ID_RANGE;
            java.nio.file.Path err = tmp.resolve("child-" + round + ".err");
            Child c = Child.start(dir, firstId, err, p);
            String landed;
            try {
                switch (p.kind()) {
                    case STARTUP -> {
                        await(c.starting, c, round, "to start");
                        long delay = (long) (p.startupFraction() * openMillis);
                        Thread.sleep(delay);
                        landed = "kill " + delay + " ms after start";
                    }
                    case EARLY -> {
                        await(c.ready, c, round, "to open the cluster");
                        Thread.sleep(p.delayMillis());
                        landed = "kill " + p.delayMillis() + " ms after ready";
                    }
                    default -> {
                        await(c.firstAck, c, round, "to acknowledge an append");
                        Thread.sleep(p.delayMillis());
                        landed = "kill " + p.delayMillis() + " ms after the first ack";
                    }
                }
            } finally {
                c.kill();
            }
            if (c.openMillis >= 0) {
                openMillis = c.openMillis;
            }
            acked.addAll(c.acked);
            if (p.tearPartition() >= 0) {
                landed += tear(dir, p.tearPartition(), new Random(seed * 31 + round));
            }
            List<List<Rec>> snapshot = snapshotDepot(dir, tmp.resolve("snapshot-" + round), round);
            String line = "round " + round + " " + p.kind() + " (" + p.fsync() + (p.syncCommits() ? ", synced commits" : "")
                    + "): " + landed + " (" + (c.readySeen ? "open took "
                    + c.openMillis + " ms" : "before ready") + "), " + c.acked.size() + " acked, depot holds "
                    + size(snapshot) + " records in " + segments + " segments";
            log(line);
            checkDepot(round, snapshot, previous, acked, err);
            previous = snapshot;
        }
        log("kill rounds took " + (System.nanoTime() - start) / 1_000_000 + " ms; " + acked.size() + " acked in all");
        assertTrue(!acked.isEmpty(), failure("no append was ever acknowledged", null));
        checkRecovered(dir, previous, acked);
        log("all checks passed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** The rounds' kills, all drawn from the seed: at least one of each kind, mostly under load. */
    static List<Plan> plan(Random rnd) {
        List<Kill> kinds = new ArrayList<>(List.of(Kill.STARTUP, Kill.EARLY, Kill.LOAD, Kill.LOAD));
        while (kinds.size() < ROUNDS) {
            kinds.add(rnd.nextInt(3) == 0 ? Kill.STARTUP : Kill.LOAD);
        }
        java.util.Collections.shuffle(kinds, rnd);
        List<Plan> out = new ArrayList<>();
        for (Kill k : kinds) {
            double fraction = rnd.nextDouble() * 1.1;
            long delay = k == Kill.EARLY ? rnd.nextInt(150) : 300 + rnd.nextInt(1200);
            FsyncPolicy fsync = FsyncPolicy.values()[rnd.nextInt(FsyncPolicy.values().length)];
            boolean syncCommits = rnd.nextBoolean();
            int tear = rnd.nextInt(3) == 0 ? rnd.nextInt(CrashModule.TASKS) : -1;
            out.add(new Plan(k, fraction, delay, fsync, syncCommits, tear));
        }
        return out;
    }

    // ------------------------------------------------------------------------------ the child

    /** The children's class path. */
    private static String classPath;

    /**
     * This JVM's class path with its directories and Floe's own jars copied (other jars are kept):
     * a build running meanwhile in the same checkout rewrites {@code target/classes} and the
     * installed Floe jars under the children's feet.
     */
    private static String privateClassPath(java.nio.file.Path into) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        Files.createDirectories(into);
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            java.nio.file.Path src = java.nio.file.Path.of(entry);
            java.nio.file.Path to = into.resolve(i++ + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                copyTree(src, to);
            } else if (entry.replace('\\', '/').contains("/dev/floe/") && Files.isRegularFile(src)) {
                Files.copy(src, to);
            } else {
                out.add(entry);
                continue;
            }
            out.add(to.toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static void copyTree(java.nio.file.Path src, java.nio.file.Path to) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(src)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Path t = to.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    /** A running child and what it printed. */
    static final class Child {
        final Process process;
        final CountDownLatch starting = new CountDownLatch(1);
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch firstAck = new CountDownLatch(1);
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        final Thread reader;
        volatile boolean readySeen;
        volatile long openMillis = -1;
        final java.nio.file.Path err;

        private Child(Process process, java.nio.file.Path err) {
            this.process = process;
            this.err = err;
            this.reader = new Thread(this::read, "crash child reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(java.nio.file.Path dir, long firstId, java.nio.file.Path err, Plan plan) throws IOException {
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dfloe.depot.segmentBytesMax=" + SEGMENT_BYTES,
                    "-cp", classPath, CrashChild.class.getName(), dir.toString(),
                    Long.toString(firstId), "120000", plan.fsync().name(), Boolean.toString(plan.syncCommits()));
            pb.redirectError(err.toFile());
            return new Child(pb.start(), err);
        }

        /** Reads whole lines only: a kill can cut the last line short, and a cut "acked 12345" is not an ack of 12. */
        private void read() {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                StringBuilder line = new StringBuilder();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        char ch = (char) (buf[i] & 0xff);
                        if (ch == '\n') {
                            handle(line.toString());
                            line.setLength(0);
                        } else {
                            line.append(ch);
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe broke with the kill: the lines read so far are what was said
            }
        }

        private void handle(String line) {
            if (line.startsWith("acked ")) {
                acked.add(Long.parseLong(line.substring(6)));
                firstAck.countDown();
            } else if (line.startsWith("ready ")) {
                openMillis = Long.parseLong(line.substring(6));
                readySeen = true;
                ready.countDown();
            } else if (line.equals("starting")) {
                starting.countDown();
            }
        }

        /** SIGKILL on Linux; returns when the process is gone and its output read to the end. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            reader.join(10_000);
        }

        String stderrTail() {
            try {
                List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no stderr: " + e + ")";
            }
        }
    }

    private void await(CountDownLatch latch, Child c, int round, String what) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            boolean alive = c.process.isAlive();
            throw new AssertionError(failure("round " + round + ": the child did not get " + what + " within 30 s ("
                    + (alive ? "still running" : "exited with " + c.process.exitValue()) + "); its stderr ends:\n"
                    + c.stderrTail(), null));
        }
    }

    // ------------------------------------------------------------------------------ the depot

    /**
     * A write the kill cut short: the header of a frame announcing more payload than follows,
     * appended to the newest segment of a partition. Opening the log must cut it, and nothing it
     * held was acknowledged or processed (its append never returned).
     */
    private static String tear(java.nio.file.Path clusterDir, int partition, Random r) throws IOException {
        java.nio.file.Path pd = depotDir(clusterDir).resolve(Integer.toString(partition));
        if (!Files.isDirectory(pd)) {
            return "";
        }
        java.nio.file.Path newest;
        try (Stream<java.nio.file.Path> files = Files.list(pd)) {
            newest = files.filter(f -> f.getFileName().toString().endsWith(".log")).max(java.util.Comparator.naturalOrder())
                    .orElse(null);
        }
        if (newest == null) {
            return "";
        }
        int length = 20 + r.nextInt(40);
        byte[] torn = new byte[8 + r.nextInt(length)];
        r.nextBytes(torn);
        java.nio.ByteBuffer.wrap(torn).putInt(0, length);
        Files.write(newest, torn, java.nio.file.StandardOpenOption.APPEND);
        return ", then a torn frame of " + torn.length + " bytes at the end of partition " + partition;
    }

    private static java.nio.file.Path depotDir(java.nio.file.Path clusterDir) {
        return clusterDir.resolve("modules").resolve(ModuleFiles.fileName(CrashModule.NAME)).resolve("depots")
                .resolve(ModuleFiles.fileName(CrashModule.DEPOT));
    }

    /**
     * The depot's records, partition by partition, read from a copy of its files (opening a log
     * repairs a torn end: the copy leaves that to the next child). Empty partitions when the
     * depot was never created.
     */
    private List<List<Rec>> snapshotDepot(java.nio.file.Path clusterDir, java.nio.file.Path copy, int round) {
        java.nio.file.Path src = depotDir(clusterDir);
        try {
            if (Files.isDirectory(src)) {
                copyTree(src, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readDepot(copy, round);
    }

    private List<List<Rec>> readDepot(java.nio.file.Path depot, int round) {
        List<List<Rec>> out = new ArrayList<>();
        FloeCodec codec = new FloeCodec();
        segments = 0;
        for (int p = 0; p < CrashModule.TASKS; p++) {
            java.nio.file.Path pd = depot.resolve(Integer.toString(p));
            List<Rec> records = new ArrayList<>();
            if (Files.isDirectory(pd)) {
                try (FileDepotLog log = FileDepotLog.open(pd, codec, new FileDepotLogContext().withSegmentBytesMax(SEGMENT_BYTES))) {
                    segments += log.segmentFiles().size();
                    if (log.recovery().truncated()) {
                        log("  round " + round + ": partition " + p + " had a torn end: " + log.recovery());
                    }
                    if (log.startOffset() != 0) {
                        throw new AssertionError(failure("round " + round + ": partition " + p + " starts at "
                                + log.startOffset() + ", but nothing trims it", null));
                    }
                    for (long from = 0; from < log.endOffset(); from += 5000) {
                        for (Object o : log.read(from, Math.min(log.endOffset(), from + 5000))) {
                            if (!(o instanceof Rec)) {
                                throw new AssertionError(failure("round " + round + ": partition " + p
                                        + " holds a record that is not a Rec: " + o, null));
                            }
                            records.add((Rec) o);
                        }
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError(failure("round " + round + ": the depot log of partition " + p
                            + " cannot be opened or read: " + e, null), e);
                }
            }
            out.add(records);
        }
        return out;
    }

    private static long size(List<List<Rec>> depot) {
        long n = 0;
        for (List<Rec> p : depot) {
            n += p.size();
        }
        return n;
    }

    /**
     * Every record intact (its key and amount are its id's) and on its key's partition, no id
     * twice, the previous snapshot a prefix of this one in every partition (offsets are stable),
     * and every acknowledged append present.
     */
    private void checkDepot(int round, List<List<Rec>> now, List<List<Rec>> before, Set<Long> acked,
            java.nio.file.Path err) {
        List<String> problems = new ArrayList<>();
        Map<Long, String> where = new HashMap<>();
        for (int p = 0; p < now.size(); p++) {
            List<Rec> recs = now.get(p);
            for (int off = 0; off < recs.size(); off++) {
                Rec r = recs.get(off);
                String at = "partition " + p + " offset " + off;
                if (!r.equals(CrashModule.of(r.id()))) {
                    problem(problems, "damaged record at " + at + ": " + r + ", expected " + CrashModule.of(r.id()));
                }
                if (KeyHash.partition(r.key(), CrashModule.TASKS) != p) {
                    problem(problems, "record " + r + " at " + at + " is not on its key's partition "
                            + KeyHash.partition(r.key(), CrashModule.TASKS));
                }
                String other = where.put(r.id(), at);
                if (other != null) {
                    problem(problems, "id " + r.id() + " is in the depot twice: at " + other + " and " + at);
                }
            }
            if (before != null) {
                List<Rec> old = before.get(p);
                if (recs.size() < old.size()) {
                    problem(problems, "partition " + p + " shrank from " + old.size() + " to " + recs.size()
                            + " records; lost from offset " + recs.size() + ": " + head(old.subList(recs.size(), old.size())));
                } else {
                    for (int off = 0; off < old.size(); off++) {
                        if (!old.get(off).equals(recs.get(off))) {
                            problem(problems, "partition " + p + " offset " + off + " changed from " + old.get(off)
                                    + " to " + recs.get(off));
                            break;
                        }
                    }
                }
            }
        }
        List<Long> lost = new ArrayList<>();
        for (long id : new TreeSet<>(acked)) {
            if (!where.containsKey(id)) {
                lost.add(id);
            }
        }
        if (!lost.isEmpty()) {
            problem(problems, lost.size() + " acknowledged appends are not in the depot, e.g. " + head(lost)
                    + " (expected on partition " + KeyHash.partition(CrashModule.of(lost.get(0)).key(), CrashModule.TASKS)
                    + ")");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(failure("after the kill of round " + round + ", the depot is wrong:\n  "
                    + String.join("\n  ", problems), err));
        }
    }

    // ------------------------------------------------------------------------------ recovery

    /**
     * Opens a cluster on the directory in this JVM, waits for the recovered module to catch up,
     * and checks its PStates against models of the depot's records.
     */
    private void checkRecovered(java.nio.file.Path dir, List<List<Rec>> depot, Set<Long> acked) throws InterruptedException {
        Map<Long, Rec> records = new TreeMap<>();
        for (List<Rec> p : depot) {
            for (Rec r : p) {
                records.put(r.id(), r);
            }
        }
        Map<String, Long> keyCount = new TreeMap<>();
        Map<String, Long> keySum = new TreeMap<>();
        Map<String, Set<Long>> keyIds = new TreeMap<>();
        // a record's ordinal among its key's records: its key's records are in one partition, in order
        Map<Long, Long> ordinals = new TreeMap<>();
        for (List<Rec> p : depot) {
            Map<String, Long> seen = new HashMap<>();
            for (Rec r : p) {
                ordinals.put(r.id(), seen.merge(r.key(), 1L, Long::sum) - 1);
            }
        }
        for (Rec r : records.values()) {
            keyCount.merge(r.key(), 1L, Long::sum);
            keySum.merge(r.key(), r.amount(), Long::sum);
            keyIds.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.id());
        }
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        try (InProcessCluster cluster = InProcessCluster.options().directory(dir).clientTimeoutMillis(60_000).create()) {
            if (!cluster.getDeployedModuleNames().contains(CrashModule.NAME)) {
                problem(problems, "the module was not relaunched from the directory");
                cluster.launchModule(new CrashModule(), new LaunchConfig(CrashModule.TASKS, CrashModule.THREADS));
            }
            long opened = System.nanoTime();
            try {
                cluster.waitForMicrobatchProcessedCount(CrashModule.NAME, CrashModule.MICROBATCH, records.size(), 60_000);
            } catch (RuntimeException e) {
                problem(problems, "the microbatch topology did not process the depot's " + records.size()
                        + " records within 60 s: " + e);
            }
            long caughtUp = System.nanoTime();

            // microbatch: exactly the model of the depot's records, each id applied once
            Map<Long, Long> mbIds = readMap(cluster, "$$mbIdCount");
            compareCounts("$$mbIdCount", mbIds, records.keySet(), true, problems);
            compareMaps("$$mbKeyCount", readMap(cluster, "$$mbKeyCount"), keyCount, problems);
            compareMaps("$$mbKeySum", readMap(cluster, "$$mbKeySum"), keySum, problems);
            // reads across tasks: a microbatch run again after a kill must read what its first run read
            compareMaps("$$mbIdOrdinal", readMap(cluster, "$$mbIdOrdinal"), ordinals, problems);

            // stream: every record in the depot (replayed from its checkpoint if need be), nothing else;
            // replays finish asynchronously after the open, so wait for them
            Map<Long, Long> streamIds = readMap(cluster, "$$streamIdCount");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!streamIds.keySet().containsAll(records.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                streamIds = readMap(cluster, "$$streamIdCount");
            }
            compareCounts("$$streamIdCount", streamIds, records.keySet(), false, problems);
            PState keyIdsPState = cluster.clusterPState(CrashModule.NAME, "$$streamKeyIds");
            Map<String, Set<Long>> streamKeyIds = new TreeMap<>();
            for (String key : this.<String>keysOf(cluster, "$$streamKeyIds")) {
                streamKeyIds.put(key, new TreeSet<>(keyIdsPState.<Long>select(Path.key(key).all())));
            }
            compareMaps("$$streamKeyIds", streamKeyIds, keyIds, problems);
            Map<Long, Long> streamFinal = streamIds;
            long ackedMissing = acked.stream().filter(id -> !streamFinal.containsKey(id)).count();
            if (ackedMissing > 0) {
                problem(problems, ackedMissing + " acknowledged ids have no effect in $$streamIdCount");
            }
            long replayed = streamIds.values().stream().filter(n -> n > 1).count();
            log("recovery: opened in " + (opened - t0) / 1_000_000 + " ms, microbatch caught up in "
                    + (caughtUp - opened) / 1_000_000 + " ms; " + records.size() + " records in the depot, "
                    + acked.size() + " acked, " + replayed + " processed more than once by the stream topology");
        }
        // the recovered cluster changed nothing in the depot
        List<List<Rec>> after = readDepot(depotDir(dir), -1);
        for (int p = 0; p < depot.size(); p++) {
            if (!after.get(p).equals(depot.get(p))) {
                problem(problems, "partition " + p + " of the depot changed when the recovered cluster ran: "
                        + depot.get(p).size() + " records before, " + after.get(p).size() + " after");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(failure("after recovery:\n  " + String.join("\n  ", problems), null));
        }
    }

    /** Every entry of a PState, from every partition. */
    private static <K, V> Map<K, V> readMap(InProcessCluster cluster, String pstate) {
        PState p = cluster.clusterPState(CrashModule.NAME, pstate);
        Map<K, V> out = new TreeMap<>();
        for (String partitionKey : Helpers.genHashingIndexKeys(CrashModule.TASKS)) {
            for (List<Object> entry : p.<List<Object>>select(partitionKey, Path.all())) {
                @SuppressWarnings("unchecked")
                K k = (K) entry.get(0);
                @SuppressWarnings("unchecked")
                V v = (V) entry.get(1);
                out.put(k, v);
            }
        }
        return out;
    }

    private <K> List<K> keysOf(InProcessCluster cluster, String pstate) {
        PState p = cluster.clusterPState(CrashModule.NAME, pstate);
        List<K> out = new ArrayList<>();
        for (String partitionKey : Helpers.genHashingIndexKeys(CrashModule.TASKS)) {
            out.addAll(p.<K>select(partitionKey, Path.mapKeys()));
        }
        return out;
    }

    /**
     * Per-id counts against the depot's ids: every id present (with a count of exactly 1 when
     * {@code exact}, at least 1 otherwise), and no id the depot does not hold.
     */
    private static void compareCounts(String pstate, Map<Long, Long> counts, Set<Long> ids, boolean exact,
            List<String> problems) {
        List<Long> missing = new ArrayList<>();
        for (long id : ids) {
            if (!counts.containsKey(id)) {
                missing.add(id);
            }
        }
        List<String> wrong = new ArrayList<>();
        List<Long> phantom = new ArrayList<>();
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            if (!ids.contains(e.getKey())) {
                phantom.add(e.getKey());
            } else if (e.getValue() == null || e.getValue() < 1 || (exact && e.getValue() != 1)) {
                wrong.add(e.getKey() + "=" + e.getValue());
            }
        }
        if (!missing.isEmpty()) {
            problem(problems, pstate + ": " + missing.size() + " of the depot's " + ids.size() + " ids are missing, e.g. "
                    + head(missing));
        }
        if (!wrong.isEmpty()) {
            problem(problems, pstate + ": " + wrong.size() + " ids have a count other than " + (exact ? "1" : ">= 1")
                    + ", e.g. " + head(wrong));
        }
        if (!phantom.isEmpty()) {
            problem(problems, pstate + ": " + phantom.size() + " ids are not in the depot, e.g. " + head(phantom));
        }
    }

    private static <K, V> void compareMaps(String pstate, Map<K, V> actual, Map<K, V> expected, List<String> problems) {
        if (actual.equals(expected)) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        Set<K> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (K k : keys) {
            V a = actual.get(k);
            V e = expected.get(k);
            if (a == null ? e != null : !a.equals(e)) {
                diffs.add(k + ": expected " + abbreviate(e) + ", got " + abbreviate(a));
            }
        }
        problem(problems, pstate + " differs from the model in " + diffs.size() + " keys: " + head(diffs));
    }

    private static String abbreviate(Object v) {
        if (v instanceof Set<?> s && !s.equals(Set.of())) {
            return s.size() + " ids";
        }
        return String.valueOf(v);
    }

    // ------------------------------------------------------------------------------ reporting

    private static void problem(List<String> problems, String p) {
        problems.add(p);
    }

    private static String head(Collection<?> c) {
        List<Object> l = new ArrayList<>(c);
        return l.size() <= 10 ? l.toString() : l.subList(0, 10) + " … (" + l.size() + ")";
    }

    private String failure(String what, java.nio.file.Path err) {
        StringBuilder b = new StringBuilder("crash test, seed " + seed + " (rerun with -Dfloe.crash.seed=" + seed
                + "): " + what + "\nrounds:\n" + history);
        if (err != null) {
            try {
                List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                b.append("\nthe killed child's stderr ends:\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (IOException e) {
                // no stderr to show
            }
        }
        return b.toString();
    }

    private void log(String line) {
        System.out.println("[crash] " + line);
        history.append("  ").append(line).append('\n');
    }
}
