package dev.a2acloud.sandboxrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.sandbox.EgressPolicy;
import dev.a2acloud.core.sandbox.KillReason;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.remote.RemoteSandbox;
import dev.a2acloud.core.sandbox.remote.SandboxRunService;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on loopback over the local bubblewrap backend, driven by the core's {@link RemoteSandbox} client. */
class SandboxRunnerServerTest {
    static final String TOKEN = "service-token-for-tests-0123456789";
    static SandboxRunnerServer server;
    static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        Sandbox local = Sandboxes.local(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        server = new SandboxRunnerServer(new InetSocketAddress("127.0.0.1", 0),
                new SandboxRunService(local, List.of(Path.of(System.getProperty("java.home")))), TOKEN, 2).start();
        endpoint = URI.create("http://127.0.0.1:" + server.port() + "/v1/run");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RemoteSandbox client(String token) {
        return new RemoteSandbox(endpoint, () -> token, HttpClient.newHttpClient());
    }

    @Test
    void runsRemotelyAndSyncsTheWorkspaceBack(@TempDir Path workspace) throws Exception {
        Files.writeString(workspace.resolve("in.txt"), "from caller\n");
        Files.writeString(workspace.resolve("gone.txt"), "delete me");
        SandboxResult r = client(TOKEN).runShell(SandboxRequest.defaults().withWorkspace(workspace),
                "cat in.txt; mkdir -p out; echo produced > out/result.txt; rm gone.txt; id -u");
        assertEquals("from caller\n1000\n", r.stdout());
        assertEquals(List.of("out/result.txt"), r.changedFiles());
        assertEquals(List.of("gone.txt"), r.deletedFiles());
        assertEquals("produced\n", Files.readString(workspace.resolve("out/result.txt")));
        assertFalse(Files.exists(workspace.resolve("gone.txt")));
    }

    @Test
    void limitsHoldRemotely() {
        SandboxResult r = client(TOKEN).runShell(SandboxRequest.defaults().withTimeout(Duration.ofMillis(800)),
                "sleep 20");
        assertEquals(KillReason.TIMEOUT, r.killed());
    }

    @Test
    void refusesWithoutTheServiceToken() {
        SandboxException e = assertThrows(SandboxException.class,
                () -> client("wrong-token-wrong-token").runShell(SandboxRequest.defaults(), "true"));
        assertEquals(SandboxException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("Bearer"), e.getMessage());
    }

    @Test
    void badRequestsAreFourHundredsWithAReason() throws Exception {
        SandboxException bind = assertThrows(SandboxException.class, () -> client(TOKEN).runShell(
                SandboxRequest.defaults().withReadOnlyBinds(List.of(Path.of("/root"))), "true"));
        assertEquals(SandboxException.Kind.BAD_REQUEST, bind.kind());
        assertTrue(bind.getMessage().contains("/root"), bind.getMessage());
        SandboxException egress = assertThrows(SandboxException.class, () -> client(TOKEN).runShell(
                SandboxRequest.defaults().withEgress(EgressPolicy.allow(List.of("example.com"))), "true"));
        assertEquals(SandboxException.Kind.REFUSED, egress.kind());
        HttpResponse<String> garbage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode());
        assertTrue(garbage.body().contains("\"code\":\"invalid_json\""), garbage.body());
        HttpResponse<String> noCommand = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noCommand.statusCode());
        assertTrue(noCommand.body().contains("command is missing"), noCommand.body());
    }
}
