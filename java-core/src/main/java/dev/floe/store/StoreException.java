package dev.floe.store;

/** A storage failure (an I/O error, a corrupt or unreadable store), naming what failed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
