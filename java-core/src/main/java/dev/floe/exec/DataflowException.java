package dev.floe.exec;

/**
 * An exception thrown while running dataflow, naming the topology and the step (and where it was
 * written) in which it happened; the original exception is the cause.
 */
public final class DataflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StepInfo step;

    private DataflowException(StepInfo step, Throwable cause) {
        super("error in " + step + ": " + cause, cause);
        this.step = step;
    }

    DataflowException(StepInfo step, String message) {
        super("error in " + step + ": " + message);
        this.step = step;
    }

    static DataflowException wrap(StepInfo step, Throwable cause) {
        return new DataflowException(step, cause);
    }

    /** The step where it happened. */
    public String step() {
        return String.valueOf(step);
    }
}
