package dev.floe.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that a {@link BackupProvider} behaves as Floe's backups need: objects round-trip,
 * replace and delete, existence is reported, and both listings page through exactly the keys
 * under a prefix. Throws an AssertionError describing the first violation.
 */
public final class BackupProviderTester {
    private BackupProviderTester() {}

    /** Runs every check against {@code provider}, using keys under {@code root}. */
    public static void testProvider(BackupProvider provider, String root) {
        String base = root.endsWith("/") ? root : root + "/";
        try {
            put(provider, base + "a", "alpha");
            check("read back", "alpha".equals(get(provider, base + "a")));
            put(provider, base + "a", "beta");
            check("replace", "beta".equals(get(provider, base + "a")));
            check("hasKey", await(provider.hasKey(base + "a")));
            check("hasKey of a missing key", !await(provider.hasKey(base + "missing")));
            put(provider, base + "dir/x", "1");
            put(provider, base + "dir/sub/y", "2");
            Set<String> all = collect(provider, base, true);
            check("recursive listing " + all, all.equals(Set.of(base + "a", base + "dir/x", base + "dir/sub/y")));
            Set<String> top = collect(provider, base, false);
            check("non-recursive listing " + top, top.equals(Set.of(base + "a", base + "dir/")));
            await(provider.deleteObject(base + "a"));
            check("delete", !await(provider.hasKey(base + "a")));
            await(provider.deleteObject(base + "a"));
            for (String k : collect(provider, base, true)) {
                await(provider.deleteObject(k));
            }
            check("cleanup", collect(provider, base, true).isEmpty());
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new AssertionError("backup provider failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new AssertionError("backup provider check failed: " + what);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f)
            throws ExecutionException, InterruptedException, TimeoutException {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void put(BackupProvider p, String key, String value)
            throws ExecutionException, InterruptedException, TimeoutException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        await(p.putObject(key, new ByteArrayInputStream(b), b.length));
    }

    private static String get(BackupProvider p, String key)
            throws ExecutionException, InterruptedException, TimeoutException, IOException {
        try (InputStream in = await(p.getObject(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> collect(BackupProvider p, String prefix, boolean recursive)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> out = new TreeSet<>();
        List<String> pages = new ArrayList<>();
        String page = null;
        do {
            KeysPage kp = await(recursive ? p.listKeysRecursive(prefix, page) : p.listKeysNonRecursive(prefix, page));
            out.addAll(kp.getKeys());
            page = kp.getNextPageKey();
            if (page != null && pages.contains(page)) {
                throw new AssertionError("backup provider listing repeats page " + page);
            }
            pages.add(page);
        } while (page != null);
        return out;
    }
}
