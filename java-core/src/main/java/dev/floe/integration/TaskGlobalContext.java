package dev.floe.integration;

import dev.floe.ModuleInstanceInfo;

import java.util.List;

/** What a task global learns about where it lives when it is prepared for a task. */
public interface TaskGlobalContext {
    /** The ids of the tasks sharing this task's thread (the smallest is the thread's id). */
    List<Integer> getTaskGroup();

    /** Information about the running module instance. */
    ModuleInstanceInfo getModuleInstanceInfo();
}
