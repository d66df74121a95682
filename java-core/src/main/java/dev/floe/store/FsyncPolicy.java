package dev.floe.store;

/**
 * When a {@link FileDepotLog} forces its writes to stable storage ({@code FileChannel.force},
 * fdatasync on Linux). Whatever the policy, every append is written to the file before
 * {@code append} returns, so it survives the <em>process</em> crashing; the policies differ in
 * what survives the <em>machine</em> crashing (kernel panic, power loss), given a disk that
 * honours flushes.
 *
 * <p>Common to all policies: sealing a segment (when it rolls), creating and deleting segment
 * files ({@code trimTo}), opening (after recovery) and a clean {@code close()} force the data and
 * the directory. So every segment but the newest is always durable, and only the newest segment
 * can be torn by a crash; recovery relies on this.
 *
 * <p>A failed write or force leaves the log failed: every later append, sync and trim throws
 * until the log is reopened (reads keep working). After a failed fsync the kernel may have dropped
 * the unwritten pages while marking them clean, so retrying the fsync could report a success that
 * is not one; reopening reads back what the disk really holds.
 */
public enum FsyncPolicy {
    /**
     * Appends go to the operating system's page cache and are never forced on the append path;
     * {@code sync()} does nothing. A machine crash may lose any record of the newest segment
     * appended since it was created or since the log was opened. Recovery then keeps a prefix of
     * them when the loss is at the end of the file (the usual case); a file system that persisted
     * later pages but not earlier ones leaves a hole followed by records, which recovery refuses
     * with a {@link LogCorruptionException} (see {@link FileDepotLog#discardFrom}).
     */
    NEVER,

    /**
     * Every append is forced before {@code append} returns, and is visible to readers only after
     * that: a record {@code append} returned an offset for survives a machine crash. One force per
     * append; {@code sync()} does nothing.
     */
    EVERY_APPEND,

    /**
     * Appends are written at once (readers see them at once) but forced only by
     * {@code sync()}, which forces once for everything written since the last force. Every record
     * appended before a {@code sync()} that returned survives a machine crash; records appended
     * after the last {@code sync()} are at the same risk as under {@link #NEVER}. The runtime calls
     * {@code sync()} once per batch of appends, before acknowledging them.
     */
    GROUP
}
