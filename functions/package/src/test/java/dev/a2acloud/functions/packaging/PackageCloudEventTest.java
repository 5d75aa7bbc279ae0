package dev.a2acloud.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.core.workspace.TarballEntry;
import dev.a2acloud.core.workspace.TarballWriter;
import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.Origin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The package app in-process on a random port, POSTed to the way a Knative Trigger does. Behind it, a loopback server
 * keeps the control plane's contracts the step uses (grant exchange, workspace archive and files, artifacts).
 */
class PackageCloudEventTest {
    static ConfigurableApplicationContext app;
    static HttpServer controlPlane;
    static URI url;
    static final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    static final byte[] JAR = "compiled agent".getBytes(StandardCharsets.UTF_8);
    static final Map<String, byte[]> PROJECT = Map.of(
            "a2a.yaml", "name: echo\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8),
            "agent/Agent.java", "class Agent {}\n".getBytes(StandardCharsets.UTF_8));
    final EventCodec codec = new EventCodec();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/", PackageCloudEventTest::controlPlane);
        controlPlane.start();
        app = new SpringApplicationBuilder(PackageApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "a2a.step.name=package",
                        "A2A_CONTROL_PLANE_URL=http://127.0.0.1:" + controlPlane.getAddress().getPort(),
                        "A2A_SERVICE_TOKEN=svc")
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
        controlPlane.stop(0);
    }

    private static void controlPlane(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        int status = 404;
        byte[] answer = "{\"error\":{\"code\":\"not_found\",\"message\":\"no such path\"}}".getBytes();
        if (path.matches("/v1/builds/b-[0-9]+/grants") && "Bearer svc".equals(auth)) {
            Instant later = Instant.now().plusSeconds(600);
            status = 200;
            answer = new BuildGrants(path.split("/")[3], "u-1", "echo", new BuildGrants.Workspace("ws-grant", "u-1", "agents/echo/",
                    later), null, new BuildGrants.ControlPlane("user-jwt", later)).toJson().getBytes();
        } else if (path.equals("/v1/workspace/archive/agents/echo/") && "Bearer ws-grant".equals(auth)) {
            List<TarballEntry> entries = new java.util.ArrayList<>();
            PROJECT.forEach((p, d) -> entries.add(new TarballEntry(p, d)));
            entries.add(new TarballEntry(".a2a/build/agent.jar", JAR));
            status = 200;
            answer = TarballWriter.write(entries);
        } else if (path.equals("/v1/workspace/files/agents/echo/.a2a/build/agent.jar") && "Bearer ws-grant".equals(auth)) {
            status = 200;
            answer = JAR;
        } else if (path.matches("/v1/builds/b-[0-9]+/artifact/(source|jar)") && "Bearer svc".equals(auth)) {
            String digest = Digests.sha256(body);
            status = artifacts.putIfAbsent(digest, body) == null ? 201 : 200;
            answer = ("{\"digest\":\"" + digest + "\",\"uri\":\"http://cp/v1/artifacts/" + digest + "\",\"size\":"
                    + body.length + "}").getBytes();
        }
        ex.sendResponseHeaders(status, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    /** Each test its own build id: the adapter remembers answers by event id, as a redelivery must see them. */
    private HttpResponse<byte[]> post(String buildId, String sourceDigest) throws Exception {
        BinaryHttpMessage message = codec.encodeHttp(new BuildValidated(buildId, "echo", "u-1", "1.0.0", 1,
                Origin.PROMPT, "agents/echo/", sourceDigest, new ObjectMapper().createObjectNode().put("name", "echo"),
                List.of()), "sandbox-validate");
        return http.send(message.post(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private BuildEvent decode(HttpResponse<byte[]> response) {
        return codec.decodeHttp(response.headers(), response.body());
    }

    @Test
    void validatedInPackagedOut() throws Exception {
        HttpResponse<byte[]> response = post("b-1", SourceTarball.of(PROJECT).digest());
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("dev.a2acloud.build.packaged", response.headers().firstValue("ce-type").orElseThrow());
        assertEquals("/a2a-cloud/package", response.headers().firstValue("ce-source").orElseThrow());
        BuildPackaged packaged = (BuildPackaged) decode(response);
        assertEquals(Digests.sha256(JAR), packaged.jarDigest());
        assertEquals(SourceTarball.of(PROJECT).tarballDigest(), packaged.sourceUri().substring("http://cp/v1/artifacts/".length()));
        assertTrue(artifacts.containsKey(packaged.jarDigest()));
    }

    @Test
    void aChangedSourceIsABuildFailedReply() throws Exception {
        HttpResponse<byte[]> response = post("b-2", Digests.sha256("another tree".getBytes()));
        assertEquals(200, response.statusCode());
        BuildFailed failed = (BuildFailed) decode(response);
        assertEquals("package", failed.stage());
        assertTrue(failed.reason().contains("changed after it was validated"), failed.reason());
    }
}
