package dev.a2acloud.local.broker;

/**
 * When an accepted event counts as durable. {@code GROUP_COMMIT} (default): forced to disk before the 202, one
 * fsync shared by concurrent accepts. {@code OS_ONLY}: written to the operating system before the 202 — survives a
 * killed JVM, not a power cut — for machines whose disks make fsync the bottleneck.
 */
public enum JournalFsync { GROUP_COMMIT, OS_ONLY }
