package dev.floe.module;

/** A microbatch topology: processes accumulated records in coordinated batches (exactly-once). */
public interface MicrobatchTopology extends ETLTopologyBase<MicrobatchSourceOptions> {}
