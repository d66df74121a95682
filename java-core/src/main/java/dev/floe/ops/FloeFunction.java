package dev.floe.ops;

import dev.floe.FloeSerializable;

/**
 * A function: takes inputs and returns exactly one result. Used with {@code each}, {@code Expr},
 * path {@code view}/{@code term}/{@code filterPred}, partitioners and more. Implementations and
 * lambdas must be serializable, because paths and dataflow are shipped to tasks.
 */
public interface FloeFunction extends FloeSerializable {}
