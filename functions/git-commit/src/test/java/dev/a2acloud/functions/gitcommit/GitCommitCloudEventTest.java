package dev.a2acloud.functions.gitcommit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.git.GitHost;
import dev.a2acloud.core.git.GitRepo;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.EventCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The git-commit app in-process on a random port, POSTed to the way a Knative Trigger does. The control plane's
 * artifact endpoint is a loopback server; the git host is a {@link GitHost} bean of {@code file://} bare repositories
 * (JGit's local transport), provided to the app instead of Gitea.
 */
class GitCommitCloudEventTest {
    static final String IMAGE = "ghcr.io/a2acloud/agent-runtime@sha256:" + "f".repeat(64);
    static ConfigurableApplicationContext app;
    static HttpServer controlPlane;
    static URI url;
    static Path tmp;
    static SourceTarball source = SourceTarball.of(Map.of(
            "a2a.yaml", "name: echo\nversion: 1.0.0\nruntime: {lifecycle: ephemeral}\n".getBytes(StandardCharsets.UTF_8),
            "agent/Agent.java", "class Agent {}\n".getBytes(StandardCharsets.UTF_8)));
    final EventCodec codec = new EventCodec();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        tmp = Files.createTempDirectory("git-commit-test");
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/v1/artifacts/", ex -> {
            boolean ok = "Bearer svc".equals(ex.getRequestHeaders().getFirst("Authorization"))
                    && ex.getRequestURI().getPath().endsWith(source.tarballDigest());
            byte[] body = ok ? source.bytes() : "{}".getBytes();
            ex.sendResponseHeaders(ok ? 200 : 404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        controlPlane.start();
        GitHost host = (owner, agent) -> {
            Path dir = tmp.resolve("remote").resolve(owner).resolve(agent + ".git");
            try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
                if (!Files.exists(dir.resolve("HEAD"))) {
                    repo.create(true);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new GitRepo(owner, agent, dir.toUri(), "a2a", "unused");
        };
        app = new SpringApplicationBuilder(GitCommitApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testGitHost", host))
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "a2a.step.name=git-commit",
                        "A2A_CONTROL_PLANE_URL=http://127.0.0.1:" + controlPlane.getAddress().getPort(),
                        "A2A_SERVICE_TOKEN=svc", "A2A_RUNTIME_IMAGE=" + IMAGE,
                        "A2A_GIT_CACHE_DIR=" + tmp.resolve("cache"))
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
        controlPlane.stop(0);
    }

    private HttpResponse<byte[]> post(BuildPackaged packaged) throws Exception {
        return http.send(codec.encodeHttp(packaged, "package").post(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private BuildEvent decode(HttpResponse<byte[]> response) {
        return codec.decodeHttp(response.headers(), response.body());
    }

    @Test
    void packagedInCommittedOut() throws Exception {
        String base = "http://127.0.0.1:" + controlPlane.getAddress().getPort() + "/v1/artifacts/";
        String jarDigest = Digests.sha256("jar".getBytes());
        BuildPackaged packaged = new BuildPackaged("b-1", "echo", "u-1", "1.0.0", 1, "agents/echo/", source.digest(),
                base + source.tarballDigest(), jarDigest, base + jarDigest, new ObjectMapper().createObjectNode());
        HttpResponse<byte[]> response = post(packaged);
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("dev.a2acloud.build.committed", response.headers().firstValue("ce-type").orElseThrow());
        assertEquals("/a2a-cloud/git-commit", response.headers().firstValue("ce-source").orElseThrow());
        BuildCommitted committed = (BuildCommitted) decode(response);
        try (Repository repo = FileRepositoryBuilder.create(tmp.resolve("remote/u-1/echo.git").toFile())) {
            assertEquals(repo.resolve("refs/heads/main").getName(), committed.commit());
        }
        assertTrue(committed.repoUrl().endsWith("/remote/u-1/echo.git/"), committed.repoUrl());
        assertEquals(jarDigest, committed.jarDigest());
    }
}
