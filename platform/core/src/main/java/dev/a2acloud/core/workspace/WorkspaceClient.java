package dev.a2acloud.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP workspace API of docs/contracts.md ({@code /v1/workspace/files/**}, {@code /v1/workspace/archive/**}) for
 * steps and agents; the bearer is a workspace grant. Refusals come back as {@link WorkspaceException}s with the
 * server's code and message.
 */
public final class WorkspaceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final Supplier<String> grantToken;
    private final HttpClient http;

    /** @param grantToken supplies the current workspace grant (a supplier so a caller can refresh it) */
    public WorkspaceClient(URI baseUrl, Supplier<String> grantToken, HttpClient http) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.grantToken = grantToken;
        this.http = http;
    }

    public WorkspaceClient(URI baseUrl, String grantToken) {
        this(baseUrl, () -> grantToken, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public byte[] read(String path) {
        return send(request("files/", WorkspacePath.file(path)).GET(), 200).body();
    }

    /** The file's bytes, or empty when it does not exist. */
    public Optional<byte[]> readIfExists(String path) {
        try {
            return Optional.of(read(path));
        } catch (WorkspaceException e) {
            if (e.kind() == WorkspaceException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Objects under the prefix (full paths, relative to the bucket). */
    public List<StoredObject> list(String prefix) {
        String normal = WorkspacePath.prefix(prefix);
        byte[] body = send(request("files/", normal).GET(), 200).body();
        try {
            List<StoredObject> out = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(body).path("entries")) {
                out.add(new StoredObject(entry.path("path").asText(), entry.path("size").asLong()));
            }
            return out;
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "bad_response",
                    "the workspace listing was not JSON: " + e.getMessage(), e);
        }
    }

    public WriteResult write(String path, byte[] data) {
        byte[] body = send(request("files/", WorkspacePath.file(path))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)), 200).body();
        try {
            JsonNode node = JSON.readTree(body);
            return new WriteResult(node.path("path").asText(), node.path("size").asLong(),
                    node.path("sha256").asText());
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "bad_response",
                    "the workspace write answer was not JSON: " + e.getMessage(), e);
        }
    }

    /** Deletes the file; a file that is already gone is not an error. */
    public void delete(String path) {
        HttpResponse<byte[]> response = exchange(request("files/", WorkspacePath.file(path)).DELETE());
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw refusal(response);
        }
    }

    /** The prefix as a .tar.gz with names relative to it. */
    public byte[] downloadArchive(String prefix) {
        return send(request("archive/", WorkspacePath.prefix(prefix)).GET(), 200).body();
    }

    /** Unpacks a .tar.gz into the prefix (checked as a whole by the server first). */
    public void uploadArchive(String prefix, byte[] tarGz) {
        send(request("archive/", WorkspacePath.prefix(prefix)).header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tarGz)), 200);
    }

    private HttpRequest.Builder request(String kind, String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String encoded = String.join("/", segments);
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/workspace/" + kind + encoded))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + grantToken.get());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, int expected) {
        HttpResponse<byte[]> response = exchange(request);
        if (response.statusCode() != expected && response.statusCode() != 201) {
            throw refusal(response);
        }
        return response;
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "unreachable",
                    "cannot reach the workspace API at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "interrupted",
                    "interrupted while calling the workspace API", e);
        }
    }

    private static WorkspaceException refusal(HttpResponse<byte[]> response) {
        String code = "http_" + response.statusCode();
        String message = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.isObject()) {
                code = error.path("code").asText(code);
                message = error.path("message").asText(message);
            }
        } catch (IOException ignored) {
            // Not our error shape (a proxy in between?): keep the raw body as the message.
        }
        WorkspaceException.Kind kind = switch (response.statusCode()) {
            case 400 -> WorkspaceException.Kind.BAD_PATH;
            case 401, 403 -> WorkspaceException.Kind.OUTSIDE_GRANT;
            case 404 -> WorkspaceException.Kind.NOT_FOUND;
            case 409 -> WorkspaceException.Kind.CONFLICT;
            case 413 -> WorkspaceException.Kind.TOO_LARGE;
            default -> response.statusCode() >= 500 || response.statusCode() == 429
                    ? WorkspaceException.Kind.UNAVAILABLE : WorkspaceException.Kind.BAD_PATH;
        };
        return new WorkspaceException(kind, code, message);
    }
}
