package dev.floe.module;

import dev.floe.Block;
import dev.floe.PState;

/**
 * What stream and microbatch topologies share: declaring the PStates they own and subscribing to
 * depots.
 *
 * @param <O> the source options type
 */
public interface ETLTopologyBase<O> {
    /** Declares a PState owned by this topology whose whole value is of a class. */
    PState.Declaration pstate(String var, Class<?> schema);

    /** Declares a PState owned by this topology with a schema. */
    PState.Declaration pstate(String var, PState.Schema schema);

    /** Subscribes to a depot; {@code out} binds the record (stream) or the microbatch (microbatch). */
    Block.OutImpl source(String depotVar);

    /** Subscribes to a depot with options. */
    Block.OutImpl source(String depotVar, O options);
}
