/**
 * Floe's codec: how values become bytes.
 *
 * <p>{@link dev.floe.codec.FloeCodec} is the value codec (a {@link dev.floe.runtime.Codec}): a
 * compact tagged binary format for Java and Clojure data, Floe's equivalent of Nippy, with
 * custom serializations ({@link dev.floe.FloeCustomSerialization}) and an allow-list for
 * Java-serialized classes. {@link dev.floe.codec.KeyCodec} is the order-preserving encoding of the
 * keys of sorted structures: unsigned byte order is {@link dev.floe.store.KeyOrder}.
 *
 * <p>Invariants: decoding never instantiates a class the allow-list does not admit; bytes that are
 * not a complete encoding (truncated, extended, corrupted, oversized lengths, unknown tags) fail
 * with a {@link dev.floe.codec.CodecException} naming the offset, never with another exception or
 * a silently different value; encoding a value the codec cannot handle fails with a
 * {@code CodecException} naming the class, the fix, and where the value sits. Every limit (nesting
 * depth, collection size, number size in keys) is named with a {@code Max} suffix.
 *
 * <p>Threading: both codecs are immutable and thread-safe; every call allocates its own buffers.
 * The byte layouts are documented in {@code docs/codec.md}.
 */
package dev.floe.codec;
