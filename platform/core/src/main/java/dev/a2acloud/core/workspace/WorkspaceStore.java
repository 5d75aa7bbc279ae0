package dev.a2acloud.core.workspace;

import java.util.List;
import java.util.Optional;

/**
 * Buckets of objects. Keys handed to a store are already normalised by {@link WorkspacePath}; the store adds no
 * authorisation (that is {@link WorkspaceAccess}'s job) but never lets a key escape its bucket.
 */
public interface WorkspaceStore {
    Optional<byte[]> read(String bucket, String key);

    /** Replaces the object atomically: a reader sees the old bytes or the new ones, never a mix. */
    void write(String bucket, String key, byte[] data);

    /** True if something was deleted. */
    boolean delete(String bucket, String key);

    /** Objects whose key starts with {@code prefix}, sorted by key. */
    List<StoredObject> list(String bucket, String prefix);
}
