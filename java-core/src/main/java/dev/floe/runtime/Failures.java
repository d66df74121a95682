package dev.floe.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Rethrowing the failure behind a future's wrapper. */
final class Failures {
    private Failures() {}

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
