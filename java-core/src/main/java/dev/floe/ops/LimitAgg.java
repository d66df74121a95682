package dev.floe.ops;

/**
 * A limit aggregator for {@code limitAgg} (batch blocks): keeps {@code amount} rows, optionally
 * sorted by vars (ascending, or descending with {@code reverse()}), and binds each kept row's
 * rank with {@code indexVar}.
 */
public interface LimitAgg {
    /** Keeps {@code amount} rows of the given vars; the amount may be a var. */
    static Impl create(Object amount, String... vars) {
        return new dev.floe.builder.LimitAggBuilder(amount, vars);
    }

    /** The chaining form. */
    interface Impl extends LimitAgg {
        /** Sorts by these vars before keeping the first rows. */
        Impl sort(String... vars);

        /** Reverses the sort (largest first). */
        Impl reverse();

        /** Binds each kept row's index (0-based, in sorted order) to this var. */
        Impl indexVar(String var);
    }
}
