package dev.floe.ops;

import dev.floe.FloeSerializable;

/** Base of the custom accumulators ({@link FloeAccumulatorAgg0} … {@link FloeAccumulatorAgg8}). */
public interface FloeAccumulatorAgg extends FloeSerializable {}
