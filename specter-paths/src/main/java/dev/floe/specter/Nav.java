package dev.floe.specter;

import clojure.lang.IPersistentVector;

/**
 * A navigator: the whole contract is two methods in continuation style, so one navigator serves
 * both reading and writing. {@code select} calls {@code next} once per place it navigates to;
 * {@code transform} calls {@code next} for each place and rebuilds the structure from the
 * replacements it returns.
 *
 * <p>Contract for {@link #select}: return {@link Specter#NONE} when nothing was navigated (any
 * other non-{@code Reduced} value is ignored by callers), and when {@code next} returns a
 * {@link clojure.lang.Reduced}, stop navigating and return it unchanged: that is how
 * {@code select-any} and {@code traverse} stop early.
 *
 * <p>Contract for {@link #transform}: never mutate {@code structure}; return a structure of the
 * same kind; leave every place not navigated to unchanged. When {@code next} returns
 * {@link Specter#NONE}, remove the place if the navigator supports removal there.
 *
 * <p>Collected values ({@code vals}) flow through unchanged unless the navigator is a collector.
 * Navigators are immutable and safe to share between threads.
 */
public interface Nav {
    /** Navigates to each place, calling {@code next} for each. */
    Object select(IPersistentVector vals, Object structure, Next next);

    /** Rebuilds {@code structure} with each navigated place replaced by what {@code next} returns. */
    Object transform(IPersistentVector vals, Object structure, Next next);

    /** The name used in error messages and printed paths, e.g. {@code ALL} or {@code (keypath :a)}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
