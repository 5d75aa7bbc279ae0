package dev.a2acloud.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No Gitea can run here (no Docker). This loopback server speaks the recorded Gitea REST contract the host relies on
 * (Gitea API v1 swagger): {@code Authorization: token …}; {@code GET /api/v1/repos/{owner}/{repo}} → 200 repository
 * JSON or 404; {@code POST /api/v1/orgs/{org}/repos} and {@code POST /api/v1/user/repos} with {@code {"name",
 * "private", "auto_init", "default_branch"}} → 201 repository JSON, 409 when the name is taken, 401 for a bad token.
 * Pushes to Gitea use the same JGit smart-HTTP code that the embedded git server tests exercise.
 */
class GiteaGitHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private String base;
    private final Map<String, String> repos = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Makes the next create answer 409 after storing the repo, as if another build had just created it. */
    private final AtomicBoolean raceNextCreate = new AtomicBoolean();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        calls.add(ex.getRequestMethod() + " " + path);
        byte[] body = ex.getRequestBody().readAllBytes();
        if (!"token gitea-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"message\":\"token is required\",\"url\":\"" + base + "/api/swagger\"}");
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.startsWith("/api/v1/repos/")) {
            String full = path.substring("/api/v1/repos/".length());
            String repo = repos.get(full);
            reply(ex, repo == null ? 404 : 200, repo == null ? "{\"errors\":null,\"message\":\"The target couldn't be found.\"}" : repo);
            return;
        }
        String namespace = path.equals("/api/v1/user/repos") ? "builder"
                : path.matches("/api/v1/orgs/[^/]+/repos") ? path.split("/")[4] : null;
        if (ex.getRequestMethod().equals("POST") && namespace != null) {
            JsonNode req = JSON.readTree(body);
            String name = req.get("name").asText();
            String full = namespace + "/" + name;
            String repo = JSON.createObjectNode().put("id", repos.size() + 1).put("name", name)
                    .put("full_name", full).put("private", req.path("private").asBoolean())
                    .put("default_branch", req.path("default_branch").asText("main"))
                    .put("clone_url", base + "/" + full + ".git").toString();
            if (repos.putIfAbsent(full, repo) != null || raceNextCreate.getAndSet(false)) {
                reply(ex, 409, "{\"message\":\"The repository with the same name already exists.\"}");
                return;
            }
            reply(ex, 201, repo);
            return;
        }
        reply(ex, 404, "{\"message\":\"not found\"}");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes();
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private GiteaGitHost host(boolean org, String token) {
        return new GiteaGitHost(URI.create(base), org ? "agents" : "builder", org, "builder", token,
                HttpClient.newHttpClient());
    }

    @Test
    void createsTheRepositoryOnceInTheOrganisation() {
        GitRepo repo = host(true, "gitea-token").ensureRepo("u-1", "echo");
        assertEquals(URI.create(base + "/agents/u-1.echo.git"), repo.cloneUrl());
        assertEquals("builder", repo.username());
        assertEquals("gitea-token", repo.password());
        assertFalse(repo.toString().contains("gitea-token"));
        GitRepo again = host(true, "gitea-token").ensureRepo("u-1", "echo");
        assertEquals(repo, again);
        assertEquals(List.of("GET /api/v1/repos/agents/u-1.echo", "POST /api/v1/orgs/agents/repos",
                "GET /api/v1/repos/agents/u-1.echo"), calls);
    }

    @Test
    void createsUnderTheTokensUserWhenNoOrganisationIsConfigured() {
        GitRepo repo = host(false, "gitea-token").ensureRepo("u-1", "echo");
        assertEquals(URI.create(base + "/builder/u-1.echo.git"), repo.cloneUrl());
        assertTrue(calls.contains("POST /api/v1/user/repos"));
    }

    @Test
    void aConcurrentCreateIsNotAnError() {
        raceNextCreate.set(true);
        GitRepo repo = host(true, "gitea-token").ensureRepo("u-1", "echo");
        assertEquals(URI.create(base + "/agents/u-1.echo.git"), repo.cloneUrl());
    }

    @Test
    void aBadTokenIsPermanentWithWhatToCheck() {
        GitException e = assertThrows(GitException.class, () -> host(true, "wrong").ensureRepo("u-1", "echo"));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("Gitea token"), e.getMessage());
    }

    @Test
    void badNamesNeverReachGiteaAndAnUnreachableGiteaIsRetryable() {
        assertThrows(GitException.class, () -> host(true, "gitea-token").ensureRepo("u-1", "../x"));
        assertThrows(GitException.class, () -> host(true, "gitea-token").ensureRepo("u.1", "echo"));
        assertTrue(calls.isEmpty());
        server.stop(0);
        assertTrue(assertThrows(GitException.class, () -> host(true, "gitea-token").ensureRepo("u-1", "echo"))
                .retryable());
    }
}
