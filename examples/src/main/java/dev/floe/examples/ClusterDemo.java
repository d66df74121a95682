package dev.floe.examples;

import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.AckLevel;
import dev.floe.examples.bank.BankTransferModule;
import dev.floe.examples.wordcount.WordCountModule;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The embedded default: an in-process cluster running {@link WordCountModule} over the text of
 * this repository's Markdown files, then its queries and a PState client answering; then
 * {@link BankTransferModule} moving money between accounts exactly once.
 */
public final class ClusterDemo {
    private ClusterDemo() {}

    /** The lines of every Markdown file under {@code root} (skipping build output), in path order. */
    static List<String> markdownLines(java.nio.file.Path root) {
        List<String> lines = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/")
                            && !f.toString().contains("/bench-results/"))
                    .sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Runs the demo; returns the count of {@code "floe"} (for tests). */
    public static long run(java.nio.file.Path root, PrintStream out) {
        List<String> lines = markdownLines(root);
        java.nio.file.Path data;
        try {
            data = Files.createTempDirectory("floe-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long floe;
        try {
            floe = runOn(data, lines, out);
            restart(data, out);
        } finally {
            deleteTree(data);
        }
        return floe;
    }

    private static long runOn(java.nio.file.Path data, List<String> lines, PrintStream out) {
        String module = WordCountModule.class.getName();
        try (InProcessCluster cluster = InProcessCluster.open(data)) {
            out.printf("cluster data (RocksDB PStates, depot logs) in %s%n", data);
            long t0 = System.nanoTime();
            cluster.launchModule(new WordCountModule(), new LaunchConfig(4, 2));
            out.printf("launched %s on 4 tasks / 2 task threads in %d ms%n", WordCountModule.class.getSimpleName(),
                    (System.nanoTime() - t0) / 1_000_000);

            Depot depot = cluster.clusterDepot(module, "*lines");
            // a reactive proxy on one count: the task holding it pushes a diff after each commit that changes it
            java.util.concurrent.atomic.AtomicLong diffs = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicReference<Object> lastDiff = new java.util.concurrent.atomic.AtomicReference<>();
            dev.floe.ProxyState<Long> floeCount = cluster.clusterPState(module, "$$counts").proxy(Path.key("floe"),
                    (Long now, dev.floe.diffs.Diff diff, Long before) -> {
                        diffs.incrementAndGet();
                        lastDiff.set(diff);
                    });
            long t1 = System.nanoTime();
            for (String line : lines) {
                depot.append(line); // AckLevel.ACK: returns once every word of the line is counted
            }
            long ms = Math.max(1, (System.nanoTime() - t1) / 1_000_000);
            long words = lines.stream().mapToLong(l -> WordCountModule.words(l).size()).sum();
            out.printf("appended %d lines (%d words) of this repository's Markdown with AckLevel.ACK in %d ms"
                    + " (%d lines/s, one at a time, each waiting for its words to be counted)%n",
                    lines.size(), words, ms, lines.size() * 1000L / ms);

            QueryTopologyClient<List<List<Object>>> top = cluster.clusterQuery(module, "topWords");
            out.println("query topWords (every task's counts, top 10 kept at the origin):");
            for (List<Object> pair : top.invoke()) {
                out.printf("  %-14s %5d%n", pair.get(0), (Long) pair.get(1));
            }
            QueryTopologyClient<Long> count = cluster.clusterQuery(module, "count");
            QueryTopologyClient<Long> distinct = cluster.clusterQuery(module, "distinctWords");
            PState counts = cluster.clusterPState(module, "$$counts");
            long floe = count.invoke("floe");
            out.printf("query count(\"floe\") = %d; PState client $$counts selectOne(key \"floe\") = %s;"
                    + " count(\"zyzzyva\") = %d%n", floe, counts.selectOne(Path.key("floe")), count.invoke("zyzzyva"));
            out.printf("query distinctWords = %d (sum of every task's map size)%n", distinct.invoke());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!java.util.Objects.equals(floeCount.get(), floe) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            out.printf("proxy on $$counts key \"floe\": holds %s after %d pushed diffs (the last: %s)%n",
                    floeCount.get(), diffs.get(), lastDiff.get());
            floeCount.close();
            bank(cluster, out);
            return floe;
        }
    }

    /** Opens a cluster again on the data of the closed one, as after a restart, and queries it. */
    private static void restart(java.nio.file.Path data, PrintStream out) {
        long t0 = System.nanoTime();
        try (InProcessCluster cluster = InProcessCluster.open(data)) {
            out.printf("closed the cluster and opened it again on %s in %d ms: relaunched %s from their data%n", data,
                    (System.nanoTime() - t0) / 1_000_000, new java.util.TreeSet<>(cluster.getDeployedModuleNames()));
            QueryTopologyClient<Long> count = cluster.clusterQuery(WordCountModule.class.getName(), "count");
            QueryTopologyClient<Long> total = cluster.clusterQuery(BankTransferModule.class.getName(), "totalFunds");
            out.printf("after the restart: query count(\"floe\") = %d; query totalFunds = %d%n", count.invoke("floe"),
                    total.invoke());
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bank example on the same cluster: deposits and transfers through a microbatch topology, exactly once. */
    static void bank(InProcessCluster cluster, PrintStream out) {
        String module = BankTransferModule.class.getName();
        cluster.launchModule(new BankTransferModule(), new LaunchConfig(4, 2));
        Depot ops = cluster.clusterDepot(module, "*bankOps");
        List<String> accounts = List.of("alice", "bob", "carol", "dan");
        for (String a : accounts) {
            ops.append(new BankTransferModule.Deposit(a, 1_000));
        }
        // the first attempt of microbatch 1 fails after its writes: it is rolled back on every task and runs again
        BankTransferModule.FAIL_AFTER_CREDITS.add(1L);
        java.util.Random random = new java.util.Random(7);
        long id = 0;
        for (int i = 0; i < 2_000; i++) {
            String from = accounts.get(random.nextInt(4));
            String to = accounts.get(random.nextInt(4));
            ops.append(new BankTransferModule.Transfer(++id, from, to, 1 + random.nextInt(300)), AckLevel.APPEND_ACK);
        }
        cluster.waitForMicrobatchProcessedCount(module, "bank", accounts.size() + 2_000);
        boolean failed = !BankTransferModule.FAIL_AFTER_CREDITS.remove(1L);
        QueryTopologyClient<Long> balance = cluster.clusterQuery(module, "balance");
        QueryTopologyClient<Long> total = cluster.clusterQuery(module, "totalFunds");
        out.printf("launched %s: 4 deposits and 2000 random transfers through the microbatch topology%s%n",
                BankTransferModule.class.getSimpleName(), failed
                        ? " (the first attempt of microbatch 1 failed after writing, was rolled back everywhere and ran again)"
                        : "");
        StringBuilder b = new StringBuilder();
        for (String a : accounts) {
            b.append(String.format("%s=%d ", a, balance.invoke(a)));
        }
        out.printf("query balance: %s; query totalFunds = %d (money is conserved: 4000)%n", b.toString().trim(),
                total.invoke());
    }
}
