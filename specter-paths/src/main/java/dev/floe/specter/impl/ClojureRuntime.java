package dev.floe.specter.impl;

/**
 * Loads Clojure's runtime before any engine class touches a persistent collection constant:
 * {@code PersistentTreeMap.EMPTY} and friends need {@code clojure.lang.RT} initialised first, and
 * a JVM whose first Clojure contact is such a constant otherwise fails to initialise them.
 */
public final class ClojureRuntime {
    private ClojureRuntime() {}

    static {
        clojure.java.api.Clojure.var("clojure.core", "identity");
    }

    /** Ensures the runtime is loaded (the work happens once, in this class's initialiser). */
    public static void ensureLoaded() {
        // class initialisation does the work
    }
}
