package dev.a2acloud.core.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {

    @Test
    void refusesWithInstallHintWhenNoBubblewrap(@TempDir Path emptyPath) {
        SandboxException e = assertThrows(SandboxException.class,
                () -> Sandboxes.local(Map.of("PATH", emptyPath.toString(), "A2A_BWRAP", "/nonexistent/bwrap")));
        assertEquals(SandboxException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("apt-get install -y bubblewrap"), e.getMessage());
    }

    @Test
    void explicitDevSwitchRunsUnisolated(@TempDir Path emptyPath, @TempDir Path workspace) {
        Sandbox s = Sandboxes.local(Map.of("PATH", emptyPath.toString(), "A2A_BWRAP", "/nonexistent/bwrap",
                "A2A_SANDBOX_UNISOLATED", "1"));
        assertTrue(s.describe().startsWith("UNISOLATED"), s.describe());
        SandboxResult r = s.runShell(SandboxRequest.defaults().withWorkspace(workspace), "echo hi > f; pwd");
        assertEquals(workspace.toString() + "\n", r.stdout());
        assertEquals(List.of("f"), r.changedFiles());
    }

    @Test
    void requestValidationNamesTheField() {
        SandboxRequest base = SandboxRequest.defaults();
        assertThrows(SandboxException.class, () -> base.withMemoryMiB(3));
        assertThrows(SandboxException.class, () -> base.withPids(-1));
        assertThrows(SandboxException.class, () -> base.withTimeout(java.time.Duration.ZERO));
        SandboxException env = assertThrows(SandboxException.class, () -> base.withEnv(Map.of("BAD-NAME", "x")));
        assertTrue(env.getMessage().contains("BAD-NAME"));
        assertThrows(SandboxException.class, () -> base.withReadOnlyBinds(List.of(Path.of("relative"))));
        assertThrows(SandboxException.class, () -> base.withReadOnlyBinds(List.of(Path.of("/"))));
        assertThrows(SandboxException.class, () -> EgressPolicy.allow(List.of("bad host!")));
        assertThrows(SandboxException.class, () -> EgressPolicy.allow(List.of()));
    }
}
