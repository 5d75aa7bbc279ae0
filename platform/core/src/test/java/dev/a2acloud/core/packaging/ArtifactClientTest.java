package dev.a2acloud.core.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.artifacts.Digests;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a loopback server that keeps the artifact contract of docs/contracts.md: 201 on first store, 200 with the
 * same answer for the same bytes, 409 when the build's version already has another source, 401 for a bad token.
 */
class ArtifactClientTest {
    private HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, String> sourceOfVersion = new ConcurrentHashMap<>();
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            int status;
            byte[] answer;
            if (!"Bearer svc".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad service token\"}}".getBytes();
            } else if (exchange.getRequestMethod().equals("PUT")) {
                String digest = Digests.sha256(body);
                String[] parts = path.split("/"); // /v1/builds/{id}/artifact/{kind}
                String build = parts[3];
                String kind = parts[5];
                String version = build.startsWith("b-v2") ? "2.0.0" : "1.0.0";
                String previous = kind.equals("source") ? sourceOfVersion.putIfAbsent(version, digest) : null;
                if (previous != null && !previous.equals(digest)) {
                    status = 409;
                    answer = ("{\"error\":{\"code\":\"version_exists\",\"message\":\"echo 1.0.0 already exists with"
                            + " source " + previous + "; bump the version\"}}").getBytes();
                } else {
                    status = blobs.putIfAbsent(digest, body) == null ? 201 : 200;
                    answer = ("{\"digest\":\"" + digest + "\",\"uri\":\"" + base + "/v1/artifacts/" + digest
                            + "\",\"size\":" + body.length + "}").getBytes();
                }
            } else {
                byte[] blob = blobs.get(path.substring("/v1/artifacts/".length()));
                status = blob == null ? 404 : 200;
                answer = blob == null ? "{}".getBytes() : blob;
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ArtifactClient client(String token) {
        return new ArtifactClient(URI.create(base + "/"), () -> token, HttpClient.newHttpClient());
    }

    @Test
    void storesReadsBackAndIsIdempotent() {
        byte[] jar = "jar bytes".getBytes(StandardCharsets.UTF_8);
        ArtifactClient.Stored stored = client("svc").put("b-1", ArtifactClient.Kind.JAR, jar);
        assertEquals(Digests.sha256(jar), stored.digest());
        assertEquals(base + "/v1/artifacts/" + stored.digest(), stored.uri());
        assertEquals(stored, client("svc").put("b-1", ArtifactClient.Kind.JAR, jar));
        assertArrayEquals(jar, client("svc").get(stored.uri(), stored.digest()));
    }

    @Test
    void anotherSourceForAnExistingVersionIsAConflict() {
        client("svc").put("b-1", ArtifactClient.Kind.SOURCE, "one".getBytes());
        ArtifactConflictException e = assertThrows(ArtifactConflictException.class,
                () -> client("svc").put("b-2", ArtifactClient.Kind.SOURCE, "two".getBytes()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("bump the version"), e.getMessage());
    }

    @Test
    void badTokenIsPermanentAndAWrongDigestIsRefused() {
        PackagingException e = assertThrows(PackagingException.class,
                () -> client("nope").put("b-1", ArtifactClient.Kind.JAR, new byte[3]));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("A2A_SERVICE_TOKEN"), e.getMessage());
        ArtifactClient.Stored stored = client("svc").put("b-1", ArtifactClient.Kind.JAR, "x".getBytes());
        PackagingException wrong = assertThrows(PackagingException.class,
                () -> client("svc").get(stored.uri(), Digests.sha256("y".getBytes())));
        assertTrue(wrong.retryable());
    }

    @Test
    void unreachableControlPlaneIsRetryable() {
        server.stop(0);
        PackagingException e = assertThrows(PackagingException.class,
                () -> client("svc").put("b-1", ArtifactClient.Kind.JAR, new byte[3]));
        assertTrue(e.retryable());
    }
}
