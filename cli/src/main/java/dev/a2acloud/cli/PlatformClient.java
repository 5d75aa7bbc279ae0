package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The control plane's {@code /v1} API as the CLI uses it: JSON in and out, the bearer token on every call, the error
 * shape of docs/contracts.md turned into a {@link CliException} whose message is the server's own.
 */
public final class PlatformClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    public PlatformClient(URI base, String token) {
        this(base, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    PlatformClient(URI base, String token, HttpClient http) {
        this.base = withoutTrailingSlash(base);
        this.token = token;
        this.http = http;
    }

    public URI base() {
        return base;
    }

    /** True when something that looks like our control plane answers (the JWKS is public). */
    public boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(resolve("/.well-known/jwks.json"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    public JsonNode post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    /**
     * Reads server-sent events from {@code path} and hands each to {@code onEvent} until it returns false or the
     * server closes the stream.
     */
    public void stream(String path, Predicate<SseEvent> onEvent) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), request);
            }
            SseEvent.read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), onEvent);
        } catch (IOException e) {
            throw new CliException("the event stream from " + base + " broke off: " + e.getMessage(), e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path)).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private URI resolve(String path) {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), request);
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " with a body that is not JSON; is --platform pointing at an A2A Cloud control plane?", e);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("no platform answers at " + base + "; start one with `a2a up`, or pass "
                    + "--platform URL (or set A2A_PLATFORM_URL) for a running one", e);
        } catch (HttpTimeoutException e) {
            throw new CliException(request.method() + " " + request.uri() + " timed out", e);
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    /** The server's own message when it used our error shape, otherwise the status and what usually causes it. */
    static CliException failure(int status, String body, HttpRequest request) {
        String message = errorMessage(body);
        if (status == 401) {
            return new CliException("the platform refused the token (401" + (message.isEmpty() ? "" : ": " + message)
                    + "); pass --token or set A2A_TOKEN, or for the local platform check $A2A_HOME/token");
        }
        if (!message.isEmpty()) {
            return new CliException(message + " (" + status + ")");
        }
        return new CliException(request.method() + " " + request.uri() + " answered " + status);
    }

    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                String text = error.path("message").asText("");
                String field = error.path("field").asText("");
                return field.isEmpty() || text.contains(field) ? text : text + " [field: " + field + "]";
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException ignored) {
            // not our error shape: fall through to the plain body
        }
        String trimmed = body.strip();
        return trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
