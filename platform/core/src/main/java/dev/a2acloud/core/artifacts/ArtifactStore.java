package dev.a2acloud.core.artifacts;

import dev.a2acloud.core.workspace.DirectoryWorkspaceStore;
import dev.a2acloud.core.workspace.WorkspaceException;
import dev.a2acloud.core.workspace.WorkspaceStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed, immutable artifacts: the key is the sha256 of the bytes, so a stored artifact can never change
 * and the same bytes are stored once. Reads re-check the digest, so a corrupted object is refused, never served.
 */
public final class ArtifactStore {
    /** The bucket artifacts live in; not a valid user id, so it never collides with a workspace bucket. */
    public static final String BUCKET = "a2a-artifacts";

    private final WorkspaceStore store;
    private final String bucket;

    public ArtifactStore(WorkspaceStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    public ArtifactStore(WorkspaceStore store) {
        this(store, BUCKET);
    }

    /** Artifacts in a plain directory (embedded). */
    public static ArtifactStore inDirectory(Path directory) {
        return new ArtifactStore(new DirectoryWorkspaceStore(directory), BUCKET);
    }

    public StoredArtifact put(byte[] data) {
        String digest = Digests.sha256(data);
        String key = key(digest);
        try {
            Optional<byte[]> existing = store.read(bucket, key);
            if (existing.isPresent() && Digests.sha256(existing.get()).equals(digest)) {
                return new StoredArtifact(digest, data.length, false);
            }
            store.write(bucket, key, data);
            return new StoredArtifact(digest, data.length, true);
        } catch (WorkspaceException e) {
            throw new ArtifactException("cannot store artifact " + digest + ": " + e.getMessage(), e.retryable(), e);
        }
    }

    public Optional<byte[]> get(String digest) {
        String key = key(digest);
        Optional<byte[]> data;
        try {
            data = store.read(bucket, key);
        } catch (WorkspaceException e) {
            throw new ArtifactException("cannot read artifact " + digest + ": " + e.getMessage(), e.retryable(), e);
        }
        if (data.isPresent() && !Digests.sha256(data.get()).equals(digest)) {
            throw new ArtifactException("artifact " + digest + " is corrupt in storage (its bytes no longer match the"
                    + " digest); rebuild the agent to store it again", false);
        }
        return data;
    }

    public boolean exists(String digest) {
        return get(digest).isPresent();
    }

    private static String key(String digest) {
        String hex = Digests.hex(digest);
        return "sha256/" + hex.substring(0, 2) + "/" + hex;
    }
}
