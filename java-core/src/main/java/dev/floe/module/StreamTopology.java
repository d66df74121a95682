package dev.floe.module;

/** A stream topology: processes each record as soon as it is appended (at-least-once). */
public interface StreamTopology extends ETLTopologyBase<StreamSourceOptions> {}
