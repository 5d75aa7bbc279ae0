package dev.a2acloud.core.sandbox.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.grants.WorkspaceGrant;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.workspace.DirectoryWorkspaceStore;
import dev.a2acloud.core.workspace.WorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent sandbox runs through a workspace grant, over a directory workspace and the bubblewrap sandbox. */
class GrantedSandboxRunsTest {
    @TempDir
    Path root;

    private final WorkspaceGrant grant = WorkspaceGrant.forAgent("u-1", "echo", null,
            Instant.now().plusSeconds(600));

    private GrantedSandboxRuns runs(WorkspaceStore store) {
        return new GrantedSandboxRuns(new SandboxRunService(
                Sandboxes.local(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))), List.of()),
                store);
    }

    private static SandboxWire.RunRequest argv(List<String> argv, String prefix) {
        return new SandboxWire.RunRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                prefix, argv, 10L);
    }

    @Test
    void runsInTheGrantsPrefixAndWritesChangesBack() {
        WorkspaceStore store = new DirectoryWorkspaceStore(root);
        store.write("u-1", "agents/echo/input.txt", "abc\n".getBytes(StandardCharsets.UTF_8));
        store.write("u-1", "agents/echo/old.txt", "x".getBytes(StandardCharsets.UTF_8));
        SandboxWire.RunResponse r = runs(store).run(grant, argv(List.of("sh", "-c",
                "cat input.txt; wc -c < input.txt > count.txt; rm old.txt"), null));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("abc\n", r.stdout());
        assertEquals(List.of("count.txt"), r.changedFiles());
        assertEquals("4\n", new String(store.read("u-1", "agents/echo/count.txt").orElseThrow(),
                StandardCharsets.UTF_8));
        assertTrue(store.read("u-1", "agents/echo/old.txt").isEmpty());
    }

    @Test
    void aPrefixOutsideTheGrantIsRefused() {
        WorkspaceStore store = new DirectoryWorkspaceStore(root);
        store.write("u-1", "agents/other/secret.txt", "s".getBytes(StandardCharsets.UTF_8));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> runs(store).run(grant, argv(List.of("cat", "secret.txt"), "agents/other/")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void hostBindsAreRefused() {
        SandboxWire.RunRequest withBind = new SandboxWire.RunRequest("true", null, null, null, null, null, null,
                null, null, List.of("/usr/lib/jvm"), null, null, null, null, null);
        SandboxException e = assertThrows(SandboxException.class,
                () -> runs(new DirectoryWorkspaceStore(root)).run(grant, withBind));
        assertEquals(SandboxException.Kind.BAD_REQUEST, e.kind());
    }
}
