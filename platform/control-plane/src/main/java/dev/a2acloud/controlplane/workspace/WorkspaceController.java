package dev.a2acloud.controlplane.workspace;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.controlplane.builds.BuildsController;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.core.workspace.TarballLimits;
import dev.a2acloud.core.workspace.WorkspaceAccess;
import dev.a2acloud.core.workspace.WorkspacePath;
import dev.a2acloud.core.workspace.WorkspaceStore;
import dev.a2acloud.core.workspace.WriteResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The workspace API of docs/contracts.md, authorised by the workspace grant that is the bearer token. The path is
 * taken from the raw request URI and decoded exactly once, then normalised and checked by {@link WorkspaceAccess}.
 */
@RestController
public class WorkspaceController {
    private static final String FILES = "/v1/workspace/files/";
    private static final String ARCHIVE = "/v1/workspace/archive/";

    private final WorkspaceStore store;
    private final ControlPlaneProperties.Limits limits;

    public WorkspaceController(WorkspaceStore store, ControlPlaneProperties properties) {
        this.store = store;
        this.limits = properties.limits();
    }

    @GetMapping({"/v1/workspace/files", "/v1/workspace/files/", "/v1/workspace/files/**"})
    public ResponseEntity<byte[]> read(Caller caller, HttpServletRequest request) {
        WorkspaceAccess access = access(caller);
        String path = pathAfter(request, FILES);
        if (path.isEmpty() || path.endsWith("/")) {
            List<Map<String, Object>> entries = access.list(path).stream()
                    .map(o -> Map.<String, Object>of("path", o.path(), "size", o.size())).toList();
            return ApiJson.ok(Map.of("entries", entries));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(access.read(path));
    }

    @PutMapping("/v1/workspace/files/**")
    public ResponseEntity<byte[]> write(Caller caller, HttpServletRequest request) throws IOException {
        WorkspaceAccess access = access(caller);
        String path = WorkspacePath.file(pathAfter(request, FILES));
        byte[] data = BuildsController.readBounded(request.getInputStream(), limits.maxFileBytes());
        WriteResult result = access.write(path, data);
        return ApiJson.ok(Map.of("path", result.path(), "size", result.size(), "sha256", result.sha256()));
    }

    @DeleteMapping("/v1/workspace/files/**")
    public ResponseEntity<byte[]> delete(Caller caller, HttpServletRequest request) {
        WorkspaceAccess access = access(caller);
        String path = pathAfter(request, FILES);
        if (!access.delete(path)) {
            throw ApiException.notFound("'" + WorkspacePath.file(path) + "'");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/v1/workspace/archive", "/v1/workspace/archive/", "/v1/workspace/archive/**"})
    public ResponseEntity<byte[]> archive(Caller caller, HttpServletRequest request) {
        WorkspaceAccess access = access(caller);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip"))
                .body(access.tar(pathAfter(request, ARCHIVE)));
    }

    @PutMapping({"/v1/workspace/archive", "/v1/workspace/archive/", "/v1/workspace/archive/**"})
    public ResponseEntity<byte[]> unpack(Caller caller, HttpServletRequest request) throws IOException {
        WorkspaceAccess access = access(caller);
        TarballLimits tarballLimits = new TarballLimits(limits.maxTarballBytes(), limits.maxUnpackedBytes(),
                limits.maxEntries(), limits.maxDepth());
        List<WriteResult> written = access.untar(pathAfter(request, ARCHIVE), request.getInputStream(),
                tarballLimits);
        return ApiJson.ok(Map.of("written", written.stream().map(w -> Map.<String, Object>of("path", w.path(),
                "size", w.size(), "sha256", w.sha256())).toList()));
    }

    private WorkspaceAccess access(Caller caller) {
        return new WorkspaceAccess(store, caller.requireWorkspaceGrant());
    }

    /** The path after {@code prefix} in the raw URI, percent-decoded once (strict UTF-8). */
    static String pathAfter(HttpServletRequest request, String prefix) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String rest = raw.length() <= prefix.length() ? "" : raw.substring(prefix.length());
        if (rest.indexOf(';') >= 0) {
            throw ApiException.badRequest("bad_path", "';' in a path must be sent encoded as %3B", "path");
        }
        try {
            String decoded = UriUtils.decode(rest, StandardCharsets.UTF_8);
            if (decoded.indexOf('\uFFFD') >= 0 && rest.indexOf('\uFFFD') < 0) {
                throw ApiException.badRequest("bad_path", "the path is not valid UTF-8", "path");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_path", "the path has a broken percent-encoding", "path");
        }
    }
}
