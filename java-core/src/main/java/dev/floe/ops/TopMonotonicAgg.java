package dev.floe.ops;

import dev.floe.Agg;

/**
 * A bounded top-N aggregator: keeps at most N elements ranked by a sort value (descending by
 * default), deduplicated by an id (a later element with the same id replaces the earlier one),
 * as a list sorted best first.
 */
public interface TopMonotonicAgg extends Agg {
    /** The function extracting an element's id (default: the element itself). */
    TopMonotonicAgg idFunction(FloeFunction1<?, ?> fn);

    /** The function extracting an element's sort value (default: the element itself). */
    TopMonotonicAgg sortValFunction(FloeFunction1<?, ?> fn);

    /** Keeps the smallest sort values instead of the largest. */
    TopMonotonicAgg ascending();
}
