package dev.floe.integration;

import java.util.HashMap;
import java.util.Map;

/** The registry behind the managed resources: one instance per key, reference counted. */
final class ManagedResources {
    private ManagedResources() {}

    private static final Map<String, Object[]> RESOURCES = new HashMap<>();

    static synchronized Object acquire(String key, dev.floe.ops.FloeFunction0<?> factory) {
        Object[] entry = RESOURCES.get(key);
        if (entry == null) {
            entry = new Object[] {factory.invoke(), 0};
            RESOURCES.put(key, entry);
        }
        entry[1] = (Integer) entry[1] + 1;
        return entry[0];
    }

    static void release(String key) throws java.io.IOException {
        Object resource = null;
        synchronized (ManagedResources.class) {
            Object[] entry = RESOURCES.get(key);
            if (entry == null) {
                return;
            }
            int refs = (Integer) entry[1] - 1;
            if (refs == 0) {
                RESOURCES.remove(key);
                resource = entry[0];
            } else {
                entry[1] = refs;
            }
        }
        if (resource instanceof AutoCloseable) {
            try {
                ((AutoCloseable) resource).close();
            } catch (java.io.IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.IOException("closing managed resource " + key + " failed", e);
            }
        }
    }
}
