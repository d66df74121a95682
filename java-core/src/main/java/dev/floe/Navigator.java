package dev.floe;

import dev.floe.specter.Specter;

/**
 * A custom navigator, added to a path with {@link Path.Impl#customNav} or built at run time with
 * {@link Path.Impl#customNavBuilder}. {@code select} calls {@code next.invokeNext(v)} for every
 * value it navigates to and returns the last result (or {@link #VOID} when it navigates nowhere);
 * {@code transform} returns {@code obj} rebuilt with each navigated value replaced by what
 * {@code next.invokeNext} returned, removing the value when that is {@link #VOID}. Never mutate
 * {@code obj}. Navigators are serialized with the paths that use them.
 *
 * @param <T> the type of value this navigator expects
 */
public interface Navigator<T> extends FloeSerializable {
    /** "Nothing": returned by select when nothing was navigated; as a transform result, removal. */
    Object VOID = Specter.NONE;

    /** The select code path. */
    Object select(T obj, Next next);

    /** The transform code path. */
    T transform(T obj, Next next);

    /** The rest of the path. */
    interface Next {
        /** Continues navigation at {@code obj}; returns the result of the rest of the path. */
        Object invokeNext(Object obj);
    }
}
