package dev.floe.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A depot partition held in memory: the test implementation of {@link DepotLog} (the storage
 * issue adds the durable, checksummed log behind the same interface).
 */
public final class MemoryDepotLog implements DepotLog {
    private final ArrayList<Object> records = new ArrayList<>();

    @Override
    public synchronized long append(Object record) {
        records.add(record);
        return records.size() - 1L;
    }

    @Override
    public long startOffset() {
        return 0;
    }

    @Override
    public synchronized long endOffset() {
        return records.size();
    }

    @Override
    public synchronized List<Object> read(long from, long to) {
        if (from < 0 || to > records.size() || from > to) {
            throw new IndexOutOfBoundsException("offsets [" + from + ", " + to + ") of a depot partition holding [0, "
                    + records.size() + ")");
        }
        return new ArrayList<>(records.subList((int) from, (int) to));
    }
}
