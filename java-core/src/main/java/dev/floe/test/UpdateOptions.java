package dev.floe.test;

import java.util.LinkedHashSet;
import java.util.Set;

/** Options of {@link InProcessCluster#updateModule(dev.floe.FloeModule, UpdateOptions)}: which objects the update deletes. */
public final class UpdateOptions {
    private final Set<String> objectsToDelete = new LinkedHashSet<>();

    /** No objects to delete. */
    public UpdateOptions() {}

    /** New options. */
    public static UpdateOptions create() {
        return new UpdateOptions();
    }

    /** Depots and PStates ({@code "*depot"}, {@code "$$pstate"}) the new code no longer declares, whose data is dropped. */
    public UpdateOptions objectsToDelete(String... names) {
        objectsToDelete.addAll(Set.of(names));
        return this;
    }

    /** The objects to delete. */
    public Set<String> getObjectsToDelete() {
        return Set.copyOf(objectsToDelete);
    }
}
