package dev.floe.backup;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupProviderTesterTest {
    /** An in-memory provider with pages of two keys. */
    static class MemoryProvider implements BackupProvider {
        final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
        boolean dropDeepKeys;

        @Override
        public CompletableFuture<InputStream> getObject(String key) {
            byte[] b = objects.get(key);
            return b == null ? CompletableFuture.failedFuture(new NoSuchElementException(key))
                    : CompletableFuture.completedFuture(new ByteArrayInputStream(b));
        }

        @Override
        public CompletableFuture<Void> putObject(String key, InputStream content, long length) {
            try {
                objects.put(key, content.readNBytes((int) length));
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<Void> deleteObject(String key) {
            objects.remove(key);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> hasKey(String key) {
            return CompletableFuture.completedFuture(objects.containsKey(key));
        }

        private CompletableFuture<KeysPage> page(List<String> keys, String pageKey) {
            int from = pageKey == null ? 0 : Integer.parseInt(pageKey);
            int to = Math.min(keys.size(), from + 2);
            return CompletableFuture.completedFuture(new KeysPage(keys.subList(from, to),
                    to < keys.size() ? String.valueOf(to) : null));
        }

        @Override
        public CompletableFuture<KeysPage> listKeysRecursive(String prefix, String pageKey) {
            List<String> keys = new ArrayList<>();
            for (String k : objects.keySet()) {
                if (k.startsWith(prefix) && !(dropDeepKeys && k.substring(prefix.length()).contains("/"))) {
                    keys.add(k);
                }
            }
            return page(keys, pageKey);
        }

        @Override
        public CompletableFuture<KeysPage> listKeysNonRecursive(String prefix, String pageKey) {
            List<String> keys = new ArrayList<>();
            for (String k : objects.keySet()) {
                if (k.startsWith(prefix)) {
                    String rest = k.substring(prefix.length());
                    String item = rest.contains("/") ? prefix + rest.substring(0, rest.indexOf('/') + 1) : k;
                    if (!keys.contains(item)) {
                        keys.add(item);
                    }
                }
            }
            return page(keys, pageKey);
        }

        @Override
        public void close() {
            objects.clear();
        }
    }

    @Test
    void aCorrectProviderPasses() {
        BackupProviderTester.testProvider(new MemoryProvider(), "backups/module-a");
    }

    @Test
    void aBrokenListingFails() {
        MemoryProvider broken = new MemoryProvider();
        broken.dropDeepKeys = true;
        AssertionError e = assertThrows(AssertionError.class, () -> BackupProviderTester.testProvider(broken, "b"));
        assertTrue(e.getMessage().contains("recursive listing"), e.getMessage());
    }
}
