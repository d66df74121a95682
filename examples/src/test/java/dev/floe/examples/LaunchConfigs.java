package dev.floe.examples;

import dev.floe.test.LaunchConfig;

import java.util.List;

/** The launch configurations every example test runs on: one task; tasks on two workers; four tasks. */
public final class LaunchConfigs {
    private LaunchConfigs() {}

    /** How many configurations {@link #get} knows. */
    public static final int COUNT = 3;

    /** A fresh configuration ({@code LaunchConfig} is mutable): 0 one task, 1 two tasks on two workers, 2 four tasks on two threads. */
    public static LaunchConfig get(int index) {
        return switch (index) {
            case 0 -> new LaunchConfig(1, 1);
            case 1 -> new LaunchConfig(2, 2).numWorkers(2);
            case 2 -> new LaunchConfig(4, 2);
            default -> throw new IllegalArgumentException("no launch configuration " + index);
        };
    }

    /** Every configuration, fresh. */
    public static List<LaunchConfig> all() {
        return List.of(get(0), get(1), get(2));
    }
}
