package dev.floe.backup;

import java.util.List;

/** One page of a key listing and the key of the next page (null on the last page). */
public final class KeysPage {
    private final List<String> keys;
    private final String nextPageKey;

    public KeysPage(List<String> keys, String nextPageKey) {
        this.keys = List.copyOf(keys);
        this.nextPageKey = nextPageKey;
    }

    /** The keys of this page, in order. */
    public List<String> getKeys() {
        return keys;
    }

    /** The key of the next page, or null. */
    public String getNextPageKey() {
        return nextPageKey;
    }

    @Override
    public String toString() {
        return "KeysPage" + keys + (nextPageKey == null ? "" : " next=" + nextPageKey);
    }
}
