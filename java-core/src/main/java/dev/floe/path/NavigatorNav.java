package dev.floe.path;

import clojure.lang.IPersistentVector;
import clojure.lang.Reduced;
import dev.floe.Navigator;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.Specter;

/**
 * Runs a user {@link Navigator} as an engine navigator; collected values pass through it.
 *
 * <p>User navigators call {@code next.invokeNext} once per value and return the last result, so
 * on select this adapter keeps the engine's early-stop contract for them: once the rest of the
 * path asks to stop (a {@link Reduced}, as {@code filterSelected}, {@code ifPath} and
 * select-first do), later {@code invokeNext} calls are not run and the adapter returns that
 * {@code Reduced}. Selecting at {@link Navigator#VOID} navigates nowhere.
 */
final class NavigatorNav implements Nav {
    private final Navigator<Object> nav;

    @SuppressWarnings("unchecked")
    NavigatorNav(Navigator<?> nav) {
        this.nav = (Navigator<Object>) nav;
    }

    @Override
    public Object select(IPersistentVector vals, Object structure, Next next) {
        Object[] stopped = {null};
        nav.select(structure, v -> {
            if (stopped[0] != null) {
                return stopped[0];
            }
            if (v == Navigator.VOID) {
                return Specter.NONE;
            }
            Object r = next.invoke(vals, v);
            if (r instanceof Reduced) {
                stopped[0] = r;
            }
            return r;
        });
        return stopped[0] != null ? stopped[0] : Specter.NONE;
    }

    @Override
    public Object transform(IPersistentVector vals, Object structure, Next next) {
        return nav.transform(structure, v -> next.invoke(vals, v));
    }

    @Override
    public String name() {
        return "customNav(" + nav + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
