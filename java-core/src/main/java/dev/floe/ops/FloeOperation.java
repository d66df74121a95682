package dev.floe.ops;

import dev.floe.FloeSerializable;

/**
 * An operation: takes inputs and emits zero, one or many times, possibly on named output streams.
 * Zero emits end the branch (this is how filters work); many emits run the rest of the code once
 * per emit, depth-first. Implementations and lambdas must be serializable.
 */
public interface FloeOperation extends FloeSerializable {}
