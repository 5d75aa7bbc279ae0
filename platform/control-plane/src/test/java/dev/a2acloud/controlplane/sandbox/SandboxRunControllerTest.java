package dev.a2acloud.controlplane.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.core.grants.WorkspaceGrant;
import dev.a2acloud.core.workspace.DirectoryWorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;

/**
 * The controller called directly (no web server): the body the pack's SandboxClient sends, run in the local bubblewrap
 * sandbox with /workspace synced through the caller's workspace grant.
 */
class SandboxRunControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final Caller caller = new Caller.WorkspaceHolder(
            WorkspaceGrant.forAgent("u-1", "echo", null, Instant.now().plusSeconds(600)), "grant-token");

    @Test
    void runsThePackClientsBodyInTheGrantsWorkspace() throws Exception {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        store.write("u-1", "agents/echo/in.txt", "hi".getBytes(StandardCharsets.UTF_8));
        SandboxRunController controller = new SandboxRunController(new SandboxRuns(store));
        ResponseEntity<byte[]> answer = controller.run(caller, ("{\"argv\":[\"sh\",\"-c\",\"cat in.txt; echo made > "
                + "out.txt\"],\"timeoutSeconds\":20}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.getStatusCode().value());
        JsonNode body = JSON.readTree(answer.getBody());
        assertEquals(0, body.path("exitCode").asInt());
        assertEquals("hi", body.path("stdout").asText());
        assertTrue(body.path("killed").isNull() || body.path("killed").isMissingNode(), body.toString());
        assertEquals("made\n", new String(store.read("u-1", "agents/echo/out.txt").orElseThrow(),
                StandardCharsets.UTF_8));
    }

    @Test
    void refusalsAreClientErrorsWithAReason() {
        SandboxRunController controller = new SandboxRunController(new SandboxRuns(new DirectoryWorkspaceStore(root)));
        ApiException noArgv = assertThrows(ApiException.class,
                () -> controller.run(caller, "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, noArgv.status());
        ApiException egress = assertThrows(ApiException.class, () -> controller.run(caller,
                "{\"argv\":[\"true\"],\"egress\":{\"mode\":\"allow-list\",\"hosts\":[\"example.com\"]}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, egress.status());
        ApiException user = assertThrows(ApiException.class, () -> controller.run(new Caller.User("u-1"),
                "{\"argv\":[\"true\"]}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(user.status() == 401 || user.status() == 403, "a user token is not a workspace grant");
    }
}
