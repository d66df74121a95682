package dev.floe;

import java.util.Objects;

/**
 * Forces a value to be taken literally where Floe would otherwise interpret it: a string that
 * starts with {@code *} or {@code $$} is a dataflow variable unless wrapped in a {@code Constant}.
 */
public final class Constant implements FloeSerializable {
    private static final long serialVersionUID = 1L;

    private final Object value;

    public Constant(Object value) {
        this.value = value;
    }

    /** The wrapped value. */
    public Object getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant && Objects.equals(((Constant) o).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value) * 31 + 7;
    }

    @Override
    public String toString() {
        return "Constant(" + value + ")";
    }
}
