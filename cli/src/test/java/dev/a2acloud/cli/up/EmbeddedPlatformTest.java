package dev.a2acloud.cli.up;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assembly for real: the control plane's Spring Boot app with the embedded parts on one ephemeral port, checked
 * through HTTP the way the CLI and agents reach it.
 */
class EmbeddedPlatformTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI url, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI url, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneJvmOnePortWithTheLocalUsersTokenAndEveryPathOfTheContract(@TempDir Path home) throws Exception {
        String firstUser;
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(home, 0, Map.of()),
                System.out)) {
            URI url = platform.url();
            Path tokenFile = home.resolve("token");
            assertTrue(Files.isRegularFile(tokenFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            String token = Files.readString(tokenFile).strip();
            firstUser = platform.userId();
            assertTrue(platform.userCreated());

            assertEquals(200, get(url, "/.well-known/jwks.json", null).statusCode());
            assertEquals(401, get(url, "/v1/agents", null).statusCode());
            HttpResponse<String> agents = get(url, "/v1/agents", token);
            assertEquals(200, agents.statusCode(), agents.body());
            HttpResponse<String> services = get(url, "/v1/services", token);
            assertEquals(200, services.statusCode(), services.body());

            // Broker ingress on Knative's path: a malformed event is refused with the reason, not accepted.
            HttpResponse<String> bad = post(url, "/a2a-cloud/default", Map.of("ce-specversion", "1.0",
                    "ce-type", "dev.a2acloud.build.requested", "ce-source", "/test", "Content-Type", "application/json"),
                    "{}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("\"error\""), bad.body());

            // The git server wants credentials; the activator knows no such agent; both are ours, not Spring's.
            assertEquals(401, get(url, "/git/" + firstUser + "/echo.git/info/refs?service=git-upload-pack", null)
                    .statusCode());
            assertEquals(404, get(url, "/agents/nobody/", null).statusCode());
            HttpResponse<String> broker = get(url, "/broker/status", null);
            assertEquals(200, broker.statusCode());
            assertTrue(broker.body().contains("\"triggers\""), broker.body());
        }
        // A restart keeps the user and hands out a fresh token for it.
        try (EmbeddedPlatform again = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(home, 0, Map.of()),
                System.out)) {
            assertEquals(firstUser, again.userId());
            assertFalse(again.userCreated());
            String token = Files.readString(home.resolve("token")).strip();
            assertEquals(200, get(again.url(), "/v1/agents", token).statusCode());
            assertNotEquals("", token);
        }
    }
}
