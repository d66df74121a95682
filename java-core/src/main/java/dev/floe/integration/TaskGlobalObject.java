package dev.floe.integration;

/**
 * A task global with a lifecycle: the object given to {@code declareObject} is copied to every
 * task, {@link #prepareForTask} runs on each copy when its worker starts, {@link #close} when the
 * worker stops (or the module is updated). State is in memory only and is rebuilt after restarts.
 */
public interface TaskGlobalObject extends java.io.Closeable {
    /** Prepares this task's copy. */
    void prepareForTask(int taskId, TaskGlobalContext context);

    @Override
    void close() throws java.io.IOException;
}
