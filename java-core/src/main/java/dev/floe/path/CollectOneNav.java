package dev.floe.path;

import clojure.lang.IPersistentVector;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

/**
 * Rama's {@code collectOne(path)}: collects the single value the sub-path selects, and fails unless
 * it selects exactly one (a {@code key} of a missing key selects one value, null). Specter's
 * {@code collect-one} collects nil when nothing is selected; Rama's does not.
 */
final class CollectOneNav implements Nav {
    private final Nav path;

    CollectOneNav(Nav path) {
        this.path = path;
    }

    private IPersistentVector collected(IPersistentVector vals, Object s) {
        IPersistentVector found = Specter.select(path, s);
        if (found.count() != 1) {
            throw new PathException("collectOne: the path " + path.name() + " must select exactly one value, but "
                    + (found.count() == 0 ? "selected none" : "selected " + found.count()));
        }
        return vals.cons(found.nth(0));
    }

    @Override
    public Object select(IPersistentVector vals, Object structure, Next next) {
        return next.invoke(collected(vals, structure), structure);
    }

    @Override
    public Object transform(IPersistentVector vals, Object structure, Next next) {
        return next.invoke(collected(vals, structure), structure);
    }

    @Override
    public String name() {
        return "(collect-one " + path.name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
