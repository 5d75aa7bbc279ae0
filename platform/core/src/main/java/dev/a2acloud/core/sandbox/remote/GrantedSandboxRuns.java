package dev.a2acloud.core.sandbox.remote;

import dev.a2acloud.core.grants.WorkspaceGrant;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.workspace.WorkspaceAccess;
import dev.a2acloud.core.workspace.WorkspaceStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Sandbox runs for agents ({@code ctx.sandbox}, {@code POST /v1/sandbox/run}) under the caller's workspace grant:
 * {@code /workspace} starts as the files of {@code workspacePrefix} (default: the grant's first write prefix) and the
 * files the run changed or deleted are written back through the grant — so a run can never write where the grant
 * does not allow. Callers may not bind host paths. The answer carries no archive: the files are in the workspace.
 */
public final class GrantedSandboxRuns {
    private final SandboxRunService service;
    private final WorkspaceStore store;

    public GrantedSandboxRuns(SandboxRunService service, WorkspaceStore store) {
        this.service = service;
        this.store = store;
    }

    public SandboxWire.RunResponse run(WorkspaceGrant grant, SandboxWire.RunRequest request) {
        if (request.readOnlyBinds() != null && !request.readOnlyBinds().isEmpty()) {
            throw SandboxException.badRequest("readOnlyBinds are not available through the platform API");
        }
        if (request.workspace() != null) {
            throw SandboxException.badRequest("send workspacePrefix, not workspace: the files come from your "
                    + "workspace grant");
        }
        String prefix = prefix(grant, request.workspacePrefix());
        WorkspaceAccess access = new WorkspaceAccess(store, grant);
        byte[] in = prefix == null ? null : access.tar(prefix);
        SandboxWire.RunResponse out = service.run(request.withWorkspace(
                in == null ? null : Base64.getEncoder().encodeToString(in), null));
        boolean writable = prefix != null && !WorkspaceGrant.MODE_READ_ONLY.equals(grant.mode());
        if (writable) {
            writeBack(access, prefix, out);
        }
        return new SandboxWire.RunResponse(out.exitCode(), out.stdout(), out.stderr(), out.stdoutTruncated(),
                out.stderrTruncated(), out.durationMillis(), out.changedFiles(), out.deletedFiles(), out.killed(),
                null);
    }

    private static String prefix(WorkspaceGrant grant, String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested.endsWith("/") ? requested : requested + "/";
        }
        return grant.write().isEmpty() ? null : grant.write().get(0);
    }

    private static void writeBack(WorkspaceAccess access, String prefix, SandboxWire.RunResponse out) {
        for (String deleted : out.deletedFiles()) {
            access.delete(prefix + deleted);
        }
        if (out.workspace() == null || out.workspace().isEmpty()) {
            return;
        }
        byte[] archive = Base64.getDecoder().decode(out.workspace());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    access.write(prefix + entry.getName(), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot read the run's changed files: " + e.getMessage(), e);
        }
    }

}
