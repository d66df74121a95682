package dev.floe.store;

/**
 * A write that does not match a PState's schema (an Integer where a Long is declared, an unknown
 * fixed key …). It names the PState, the location and what was expected; nothing is written.
 */
public class SchemaViolation extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SchemaViolation(String message) {
        super(message);
    }
}
