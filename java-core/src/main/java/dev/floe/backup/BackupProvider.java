package dev.floe.backup;

import java.io.Closeable;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Storage for module backups (an object store, a file system), configured with the
 * {@code backup.provider} option. Keys are '/'-separated paths. Every method is asynchronous;
 * implementations must be thread-safe. {@link BackupProviderTester} checks an implementation.
 */
public interface BackupProvider extends Closeable {
    /** The object's content, or a future completed exceptionally when the key does not exist. */
    CompletableFuture<InputStream> getObject(String key);

    /** Stores (or replaces) an object of {@code length} bytes read from {@code content}. */
    CompletableFuture<Void> putObject(String key, InputStream content, long length);

    /** Deletes an object (no error when it does not exist). */
    CompletableFuture<Void> deleteObject(String key);

    /** Whether an object exists. */
    CompletableFuture<Boolean> hasKey(String key);

    /** Keys under a prefix at any depth, a page at a time; {@code pageKey} null for the first page. */
    CompletableFuture<KeysPage> listKeysRecursive(String prefix, String pageKey);

    /**
     * Keys directly under a prefix (deeper keys are reported once, as their next path segment
     * ending in '/'), a page at a time.
     */
    CompletableFuture<KeysPage> listKeysNonRecursive(String prefix, String pageKey);
}
