package dev.floe.integration;

/** A task global that is also called periodically on its task. */
public interface TaskGlobalObjectWithTick extends TaskGlobalObject {
    /** How often {@link #tick} runs, in milliseconds. */
    long getFrequencyMillis();

    /** Runs on the task's thread every {@link #getFrequencyMillis()}. */
    void tick();
}
