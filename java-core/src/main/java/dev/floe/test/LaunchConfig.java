package dev.floe.test;

/**
 * How many tasks (partitions) a module runs with, on how many task threads and workers. Tasks
 * are a power of two; threads divide the tasks, and workers the threads.
 */
public final class LaunchConfig {
    private final int numTasks;
    private final int numThreads;
    private int numWorkers = 1;

    public LaunchConfig(int numTasks, int numThreads) {
        this.numTasks = numTasks;
        this.numThreads = numThreads;
    }

    /** Spreads the task threads over {@code n} workers (values crossing workers are serialized). */
    public LaunchConfig numWorkers(int n) {
        this.numWorkers = n;
        return this;
    }

    public int getNumTasks() {
        return numTasks;
    }

    public int getNumThreads() {
        return numThreads;
    }

    public int getNumWorkers() {
        return numWorkers;
    }

    /** Throws when the numbers do not make a valid configuration. */
    public void validate(String moduleName) {
        String where = "launch configuration of module " + moduleName + " (tasks " + numTasks + ", threads "
                + numThreads + ", workers " + numWorkers + "): ";
        if (numTasks < 1 || Integer.bitCount(numTasks) != 1) {
            throw new IllegalArgumentException(where + "the number of tasks must be a power of two");
        }
        if (numThreads < 1 || numThreads > numTasks) {
            throw new IllegalArgumentException(where + "the number of threads must be between 1 and the number of tasks");
        }
        if (numTasks % numThreads != 0) {
            throw new IllegalArgumentException(where + "the number of threads must divide the number of tasks");
        }
        if (numWorkers < 1 || numWorkers > numThreads) {
            throw new IllegalArgumentException(where + "the number of workers must be between 1 and the number of threads");
        }
        if (numThreads % numWorkers != 0) {
            throw new IllegalArgumentException(where + "the number of workers must divide the number of threads");
        }
    }

    @Override
    public String toString() {
        return "LaunchConfig(tasks=" + numTasks + ", threads=" + numThreads + ", workers=" + numWorkers + ")";
    }
}
