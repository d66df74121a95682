package dev.floe.runtime;

/** A client call or wait that did not finish in time. */
public final class FloeTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FloeTimeoutException(String message) {
        super(message);
    }
}
