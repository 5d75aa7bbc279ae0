package dev.a2acloud.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** What the end-to-end tests do at a platform over HTTP, as one user (bearer token). */
final class PlatformCalls {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformCalls(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    String token() {
        return token;
    }

    /** {@code POST /v1/builds}; returns the build id. */
    String startBuild(String name, String prompt) throws Exception {
        HttpResponse<String> accepted = post(base + "/v1/builds",
                JSON.writeValueAsString(Map.of("name", name, "prompt", prompt)), Map.of());
        if (accepted.statusCode() != 202) {
            throw new AssertionError("build " + name + " was not accepted: " + accepted.statusCode() + " "
                    + accepted.body());
        }
        return JSON.readTree(accepted.body()).path("buildId").asText();
    }

    JsonNode build(String id) throws Exception {
        return JSON.readTree(get(base + "/v1/builds/" + id).body());
    }

    /** Polls the build until it is no longer running; {@code context} explains a timeout (e.g. the console). */
    JsonNode awaitBuildEnd(String id, Duration limit, Supplier<String> context) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            JsonNode build = build(id);
            if (!build.path("status").asText("running").equals("running")) {
                return build;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("build " + id + " still running after " + limit + "; " + build(id) + "\n"
                + context.get());
    }

    JsonNode card(String agentUrl) throws Exception {
        HttpResponse<String> response = get(agentUrl + ".well-known/agent-card.json");
        if (response.statusCode() != 200) {
            throw new AssertionError("no card at " + agentUrl + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST {agentUrl}invoke/{skill}} with the arguments; the JSON answer. */
    JsonNode invoke(String agentUrl, String skill, Map<String, Object> arguments) throws Exception {
        HttpResponse<String> response = post(agentUrl + "invoke/" + skill,
                JSON.writeValueAsString(Map.of("arguments", arguments)), Map.of());
        if (response.statusCode() != 200) {
            throw new AssertionError(skill + " at " + agentUrl + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    HttpResponse<String> post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post(url, body, headers, token);
    }

    /** A POST with the given bearer ({@code null}: none). */
    HttpResponse<String> post(String url, String body, Map<String, String> headers, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, bearer);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String bearer)
            throws IOException, InterruptedException {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
