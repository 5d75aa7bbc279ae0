package dev.a2acloud.core.workspace;

import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.grants.WorkspaceGrant;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every workspace operation on behalf of a grant holder: paths are normalised first, then checked against the grant,
 * then handed to the store. Tarball intake checks the whole archive — limits, entries, every target path — before
 * the first byte is written.
 */
public final class WorkspaceAccess {
    private final WorkspaceStore store;
    private final WorkspaceGrant grant;

    public WorkspaceAccess(WorkspaceStore store, WorkspaceGrant grant) {
        this.store = store;
        this.grant = grant;
    }

    public WorkspaceGrant grant() {
        return grant;
    }

    /** Readable objects under {@code rawPrefix} (empty = the whole bucket, filtered by the grant). */
    public List<StoredObject> list(String rawPrefix) {
        String prefix = WorkspacePath.prefix(rawPrefix);
        if (!grant.mayList(prefix)) {
            throw outside(prefix, "listing");
        }
        return store.list(grant.bucket(), prefix).stream().filter(o -> grant.mayRead(o.path())).toList();
    }

    public byte[] read(String rawPath) {
        String path = WorkspacePath.file(rawPath);
        if (!grant.mayRead(path)) {
            throw outside(path, "reading");
        }
        return store.read(grant.bucket(), path).orElseThrow(() -> new WorkspaceException(
                WorkspaceException.Kind.NOT_FOUND, "not_found", "'" + path + "' does not exist"));
    }

    public WriteResult write(String rawPath, byte[] data) {
        String path = WorkspacePath.file(rawPath);
        if (!grant.mayWrite(path)) {
            throw outside(path, "writing");
        }
        store.write(grant.bucket(), path, data);
        return new WriteResult(path, data.length, Digests.sha256(data));
    }

    /** True when something was deleted. */
    public boolean delete(String rawPath) {
        String path = WorkspacePath.file(rawPath);
        if (!grant.mayWrite(path)) {
            throw outside(path, "deleting");
        }
        return store.delete(grant.bucket(), path);
    }

    /** The readable files under the prefix as a reproducible .tar.gz, names relative to the prefix. */
    public byte[] tar(String rawPrefix) {
        String prefix = WorkspacePath.prefix(rawPrefix);
        List<TarballEntry> entries = new ArrayList<>();
        for (StoredObject object : list(prefix)) {
            store.read(grant.bucket(), object.path()).ifPresent(data ->
                    entries.add(new TarballEntry(object.path().substring(prefix.length()), data)));
        }
        return TarballWriter.write(entries);
    }

    /**
     * Unpacks a .tar.gz into the prefix. All entries are read and every target path checked first; only then is
     * anything written. Returns what was written.
     */
    public List<WriteResult> untar(String rawPrefix, InputStream tarGz, TarballLimits limits) {
        String prefix = WorkspacePath.prefix(rawPrefix);
        List<TarballEntry> entries = new TarballReader(limits).read(tarGz);
        List<String> targets = new ArrayList<>();
        for (TarballEntry entry : entries) {
            String target = WorkspacePath.file(prefix + entry.path());
            if (!grant.mayWrite(target)) {
                throw outside(target, "writing");
            }
            targets.add(target);
        }
        List<WriteResult> written = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            byte[] data = entries.get(i).data();
            store.write(grant.bucket(), targets.get(i), data);
            written.add(new WriteResult(targets.get(i), data.length, Digests.sha256(data)));
        }
        return written;
    }

    private WorkspaceException outside(String path, String action) {
        return new WorkspaceException(WorkspaceException.Kind.OUTSIDE_GRANT, "outside_grant",
                action + " '" + path + "' is outside this workspace grant (readable: " + grant.allow()
                        + ", writable: " + grant.write() + ")");
    }
}
