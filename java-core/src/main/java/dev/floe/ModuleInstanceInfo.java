package dev.floe;

import java.io.Serializable;
import java.util.List;

/** Information about a running module instance, available to dataflow through {@code Ops.MODULE_INSTANCE_INFO}. */
public final class ModuleInstanceInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The information of {@code Block.execute()}: one task on one thread. */
    public static final ModuleInstanceInfo LOCAL = new ModuleInstanceInfo("local", 1, List.of(0));

    private final String moduleInstanceId;
    private final int numTasks;
    private final List<Integer> taskThreadIds;

    public ModuleInstanceInfo(String moduleInstanceId, int numTasks, List<Integer> taskThreadIds) {
        this.moduleInstanceId = moduleInstanceId;
        this.numTasks = numTasks;
        this.taskThreadIds = List.copyOf(taskThreadIds);
    }

    /** An id unique to this instance of the module (it changes when the module is updated). */
    public String getModuleInstanceId() {
        return moduleInstanceId;
    }

    /** The number of tasks of the module. */
    public int getNumTasks() {
        return numTasks;
    }

    /** The id of every task thread: the lowest task id of each thread's task group. */
    public List<Integer> getTaskThreadIds() {
        return taskThreadIds;
    }

    @Override
    public String toString() {
        return "ModuleInstanceInfo(" + moduleInstanceId + ", tasks=" + numTasks + ")";
    }
}
