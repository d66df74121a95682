package dev.floe.ir;

import java.io.Serializable;

/**
 * Where a piece of IR was written (a source file and line of user code), for error messages.
 * Origins never take part in equality: the same dataflow written in Java and in Clojure is equal
 * IR.
 */
public final class Origin implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No known origin. */
    public static final Origin UNKNOWN = new Origin("");

    private final String where;

    private Origin(String where) {
        this.where = where;
    }

    /** An origin such as {@code MyModule.java:42}. */
    public static Origin of(String where) {
        return where == null || where.isEmpty() ? UNKNOWN : new Origin(where);
    }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource FLOE_CORE = Origin.class.getProtectionDomain().getCodeSource();

    /**
     * The first caller frame that is user code: not from the JDK, not from Clojure's runtime and
     * not from Floe's own jar (user code includes Floe's tests and examples, which live elsewhere).
     */
    public static Origin caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> isUserCode(f.getDeclaringClass()))
                .findFirst()
                .map(f -> of(f.getFileName() + ":" + f.getLineNumber()))
                .orElse(UNKNOWN));
    }

    private static boolean isUserCode(Class<?> c) {
        java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return false;
        }
        if (FLOE_CORE != null && cs.getLocation().equals(FLOE_CORE.getLocation())) {
            return false;
        }
        String n = c.getName();
        return !n.startsWith("clojure.") && !n.startsWith("org.junit.") && !n.startsWith("net.jqwik.")
                && !n.startsWith("org.apache.maven.") && !n.startsWith("dev.floe.specter.");
    }

    public String where() {
        return where;
    }

    public boolean isKnown() {
        return !where.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return where.isEmpty() ? "?" : where;
    }
}
