package dev.floe.specter;

/**
 * A map that can navigate two keys deep in one step, without building the value at the first
 * key: a PState map stored one entry per key reads the inner entry directly instead of reading
 * the outer key's entry first. Fused {@code keypath}s use it ({@code [:a :b]} on such a map).
 */
public interface KeyChainLookup {
    /**
     * What {@code second} (a {@code keypath} of {@code k2}) navigates to from the value at key
     * {@code k1} of this map: {@code second.get(valAt(k1))}, with the same result, nil included.
     */
    Object getIn(Object k1, Object k2, LensNav second);
}
