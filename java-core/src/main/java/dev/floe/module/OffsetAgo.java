package dev.floe.module;

/** Units of {@code startFromOffsetAgo}. */
public enum OffsetAgo {
    RECORDS, SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS
}
