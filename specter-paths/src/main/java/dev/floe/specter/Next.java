package dev.floe.specter;

import clojure.lang.IPersistentVector;

/**
 * The continuation a navigator calls for every place it navigates to: the rest of the path,
 * followed by the operation's terminal (collecting for select, applying a function for transform).
 */
@FunctionalInterface
public interface Next {
    /**
     * Continues navigation at {@code structure} with the collected values {@code vals}.
     *
     * @return for select, {@link Specter#NONE} or a {@link clojure.lang.Reduced} that asks the
     *     navigator to stop early; for transform, the replacement for {@code structure}
     *     ({@link Specter#NONE} removes it where the enclosing navigator supports removal)
     */
    Object invoke(IPersistentVector vals, Object structure);
}
