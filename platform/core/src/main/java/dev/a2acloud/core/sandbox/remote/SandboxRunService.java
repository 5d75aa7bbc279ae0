package dev.a2acloud.core.sandbox.remote;

import dev.a2acloud.core.sandbox.SafeArchive;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server side of a remote run (sandbox-runner, control plane): unpack the caller's files into a fresh folder, run
 * the command on the local backend, answer with the output and the changed files. Read-only binds are only honoured
 * under the configured roots (e.g. the runner's JDK and pack classpath) — a caller must never bind arbitrary host paths.
 */
public final class SandboxRunService {
    private final Sandbox backend;
    private final List<Path> bindRoots;

    public SandboxRunService(Sandbox backend, List<Path> bindRoots) {
        this.backend = backend;
        this.bindRoots = List.copyOf(bindRoots);
    }

    public SandboxWire.RunResponse run(SandboxWire.RunRequest wire) {
        Path workspace = createWorkspace();
        try {
            if (wire.workspace() != null && !wire.workspace().isEmpty()) {
                byte[] archive;
                try {
                    archive = Base64.getDecoder().decode(wire.workspace());
                } catch (IllegalArgumentException e) {
                    throw SandboxException.badRequest("workspace must be a base64 tar.gz");
                }
                SafeArchive.unpack(new ByteArrayInputStream(archive), workspace, false);
            }
            SandboxRequest request = SandboxWire.fromWire(wire, workspace);
            checkBinds(request);
            SandboxResult result = backend.exec(request, wire.program(), wire.arguments());
            return SandboxWire.toWire(result, SafeArchive.pack(workspace, result.changedFiles()));
        } finally {
            deleteTree(workspace);
        }
    }

    private void checkBinds(SandboxRequest request) {
        for (Path bind : request.readOnlyBinds()) {
            if (bindRoots.stream().noneMatch(bind::startsWith)) {
                throw SandboxException.badRequest("read-only bind " + bind + " is not offered by this sandbox runner"
                        + " (allowed under: " + bindRoots + ")");
            }
        }
    }

    private static Path createWorkspace() {
        try {
            return Files.createTempDirectory("a2a-run-");
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot create a workspace folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
