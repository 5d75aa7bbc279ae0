package dev.a2acloud.core.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.artifacts.Digests;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The control plane's artifact API (docs/contracts.md "Artifacts") with the step's service token:
 * {@code PUT /v1/builds/{id}/artifact/{kind}} to store, and a verified {@code GET} of an artifact URI to read back.
 * Every answer is checked against the digest computed here, so a corrupted transfer is never passed on.
 */
public final class ArtifactClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The two kinds the control plane stores per build. */
    public enum Kind {
        SOURCE, JAR;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the control plane answered: the content address, where to fetch it, and its size. */
    public record Stored(String digest, String uri, long size) {
    }

    private final String controlPlaneUrl;
    private final Supplier<String> serviceToken;
    private final HttpClient http;

    public ArtifactClient(URI controlPlaneUrl, Supplier<String> serviceToken, HttpClient http) {
        this.controlPlaneUrl = controlPlaneUrl.toString().replaceAll("/+$", "");
        this.serviceToken = serviceToken;
        this.http = http;
    }

    public Stored put(String buildId, Kind kind, byte[] bytes) {
        String expected = Digests.sha256(bytes);
        URI uri = URI.create(controlPlaneUrl + "/v1/builds/" + URLEncoder.encode(buildId, StandardCharsets.UTF_8)
                + "/artifact/" + kind.wire());
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), HttpResponse.BodyHandlers.ofString(), "storing the "
                + kind.wire() + " artifact of " + buildId);
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            Stored stored = parse(response.body());
            if (!expected.equals(stored.digest())) {
                throw PackagingException.retryable("the control plane stored the " + kind.wire() + " artifact as "
                        + stored.digest() + " but " + expected + " was sent; the upload will be retried", null);
            }
            return stored;
        }
        if (status == 409) {
            throw new ArtifactConflictException(errorMessage(response.body(), "this version already exists with a"
                    + " different source"));
        }
        throw failure("storing the " + kind.wire() + " artifact of " + buildId, status, response.body());
    }

    /** Downloads an artifact and checks it has the digest it was announced with (when one is given). */
    public byte[] get(String uri, String expectedDigest) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(uri)).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), "reading artifact " + uri);
        if (response.statusCode() != 200) {
            throw failure("reading artifact " + uri, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        String actual = Digests.sha256(response.body());
        if (expectedDigest != null && !actual.equals(expectedDigest)) {
            throw PackagingException.retryable("artifact " + uri + " has digest " + actual + ", expected "
                    + expectedDigest + "; the download will be retried", null);
        }
        return response.body();
    }

    /** The digest an artifact URI ends with ({@code …/v1/artifacts/sha256:<hex>}), or null. */
    public static String digestOf(String uri) {
        String last = uri == null ? "" : uri.substring(uri.lastIndexOf('/') + 1);
        return Digests.isValid(last) ? last : null;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what) {
        try {
            return http.send(request.timeout(TIMEOUT).header("Authorization", "Bearer " + serviceToken.get())
                    .header("Accept", "application/json").build(), body);
        } catch (IOException e) {
            throw PackagingException.retryable(what + " failed: cannot reach the control plane at " + controlPlaneUrl
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PackagingException.retryable(what + " was interrupted", e);
        }
    }

    private static Stored parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String digest = node.path("digest").asText("");
            String uri = node.path("uri").asText("");
            if (!Digests.isValid(digest) || uri.isEmpty()) {
                throw PackagingException.retryable("the control plane answered an artifact upload without digest and"
                        + " uri: " + abbreviate(body), null);
            }
            return new Stored(digest, uri, node.path("size").asLong(-1));
        } catch (IOException e) {
            throw PackagingException.retryable("the control plane answered an artifact upload with a body that is"
                    + " not JSON: " + abbreviate(body), e);
        }
    }

    private static PackagingException failure(String what, int status, String body) {
        String detail = what + " failed (HTTP " + status + ": " + errorMessage(body, abbreviate(body)) + ")";
        if (status == 401 || status == 403) {
            return PackagingException.permanent(detail + "; check A2A_SERVICE_TOKEN of this step");
        }
        if (status == 404 || status == 408 || status == 429 || status >= 500) {
            return PackagingException.retryable(detail, null);
        }
        return PackagingException.permanent(detail);
    }

    /** The message of our error shape {@code {"error":{"message":…}}}, or the fallback. */
    private static String errorMessage(String body, String fallback) {
        try {
            String message = JSON.readTree(body).path("error").path("message").asText("");
            return message.isEmpty() ? fallback : message;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
