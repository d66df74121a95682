package dev.floe.integration;

import dev.floe.ops.FloeFunction0;

/**
 * A resource shared by the tasks of one task thread (a connection pool, a client): the first
 * holder creates it with the factory, the last {@link #close} closes it (if it is AutoCloseable).
 * Create one in a task global's {@code prepareForTask} and close it in its {@code close}.
 *
 * @param <T> the resource type
 */
public final class TaskThreadManagedResource<T> implements java.io.Closeable {
    private final String key;
    private final T resource;
    private boolean closed;

    @SuppressWarnings("unchecked")
    public TaskThreadManagedResource(String name, TaskGlobalContext context, FloeFunction0<T> factory) {
        this.key = context.getModuleInstanceInfo().getModuleInstanceId() + "/thread-" + java.util.Collections.min(context.getTaskGroup()) + "/" + name;
        this.resource = (T) ManagedResources.acquire(key, factory);
    }

    /** The shared resource. */
    public T getResource() {
        if (closed) {
            throw new IllegalStateException("managed resource " + key + " is closed");
        }
        return resource;
    }

    @Override
    public void close() throws java.io.IOException {
        if (!closed) {
            closed = true;
            ManagedResources.release(key);
        }
    }
}
