package dev.a2acloud.core.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.grants.WorkspaceGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceAccessTest {
    @TempDir
    Path root;

    WorkspaceGrant grant = WorkspaceGrant.forAgent("u-alice", "echo", "b-1", Instant.now().plusSeconds(600));

    @Test
    void readsWritesListsAndDeletesInsideTheGrant() {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        WorkspaceAccess access = new WorkspaceAccess(store, grant);
        WriteResult written = access.write("agents/echo//agent/./Agent.java", bytes("class Agent {}"));
        assertEquals("agents/echo/agent/Agent.java", written.path());
        assertTrue(written.sha256().startsWith("sha256:"));
        assertArrayEquals(bytes("class Agent {}"), access.read("agents/echo/agent/Agent.java"));
        store.write("u-alice", "agents/other/secret.txt", bytes("not yours"));
        assertEquals(List.of(new StoredObject("agents/echo/agent/Agent.java", 14)), access.list("agents/"));
        assertTrue(access.delete("agents/echo/agent/Agent.java"));
        assertFalse(access.delete("agents/echo/agent/Agent.java"));
        WorkspaceException missing = assertThrows(WorkspaceException.class,
                () -> access.read("agents/echo/agent/Agent.java"));
        assertEquals(WorkspaceException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void refusesOutsideTheGrantAfterNormalising() {
        WorkspaceAccess access = new WorkspaceAccess(new DirectoryWorkspaceStore(root), grant);
        for (String path : List.of("agents/other/x", "agents/echoes/x", "x", "agents/echo")) {
            WorkspaceException e = assertThrows(WorkspaceException.class, () -> access.write(path, bytes("x")),
                    path);
            assertTrue(e.kind() == WorkspaceException.Kind.OUTSIDE_GRANT
                    || e.kind() == WorkspaceException.Kind.BAD_PATH, path + " " + e.kind());
        }
        assertEquals(WorkspaceException.Kind.OUTSIDE_GRANT,
                assertThrows(WorkspaceException.class, () -> access.read("agents/other/x")).kind());
        assertEquals(WorkspaceException.Kind.OUTSIDE_GRANT,
                assertThrows(WorkspaceException.class, () -> access.list("users/")).kind());
        assertEquals(WorkspaceException.Kind.BAD_PATH,
                assertThrows(WorkspaceException.class, () -> access.read("agents/echo/../other/x")).kind());
    }

    @Test
    void refusesASymlinkPlantedInTheDirectory() throws Exception {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        store.write("u-alice", "agents/echo/a2a.yaml", bytes("name: echo"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createSymbolicLink(root.resolve("u-alice/agents/echo/link"), outside);
        WorkspaceAccess access = new WorkspaceAccess(store, grant);
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> access.read("agents/echo/link/secret"));
        assertEquals("symlink", e.code());
        assertThrows(WorkspaceException.class, () -> access.write("agents/echo/link/planted", bytes("x")));
        assertFalse(Files.exists(outside.resolve("planted")));
    }

    @Test
    void refusesBadBucketNames() {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        for (String bucket : List.of("..", "a", "UPPER", "has/slash", "-lead")) {
            assertThrows(WorkspaceException.class, () -> store.write(bucket, "x", bytes("x")), bucket);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
