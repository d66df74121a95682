package dev.floe.runtime;

/**
 * How values become bytes when they leave a worker (messages between workers, client replies,
 * and every hop when a cluster serializes at every hop).
 */
public interface Codec {
    /** The bytes of a value. */
    byte[] encode(Object value);

    /** The value of bytes written by {@link #encode}. */
    Object decode(byte[] bytes);

    /** A copy of a value made through its bytes (what another worker would see). */
    default Object roundTrip(Object value) {
        return decode(encode(value));
    }
}
