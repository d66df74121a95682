package dev.floe;

/**
 * A definition error found before anything runs: an unbound variable, a variable bound on only
 * some branches, a step used where it is not allowed, a wrong number of outputs. The message
 * names the module (when known), the topology, the step, where the step was written, and the
 * variable.
 */
public class FloeCompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FloeCompileException(String message) {
        super(message);
    }
}
