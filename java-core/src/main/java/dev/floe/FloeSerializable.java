package dev.floe;

import java.io.Serializable;

/**
 * Marks a class whose instances Floe may serialize: across tasks and workers, into depots and
 * PStates, and back to clients. Functions passed to Floe ({@link dev.floe.ops.FloeFunction1} …)
 * are {@code FloeSerializable}, so lambdas given to them are serializable too.
 */
public interface FloeSerializable extends Serializable {}
