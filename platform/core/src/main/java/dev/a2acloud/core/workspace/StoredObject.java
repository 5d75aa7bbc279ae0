package dev.a2acloud.core.workspace;

/** One object in a bucket: its key (path) and size in bytes. */
public record StoredObject(String path, long size) {
}
