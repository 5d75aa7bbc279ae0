package dev.a2acloud.core.grants;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A step's way to its grants: {@code POST {controlPlaneUrl}/v1/builds/{id}/grants} with the service token.
 * A bad credential is a permanent refusal; network trouble and 5xx are retryable. An unknown build is retryable too:
 * the broker hands a build's first event to the recorder and to the first step at the same moment, so the step may
 * ask before the control plane has recorded the build. The client waits briefly for it before giving up.
 */
public final class GrantExchangeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI controlPlaneUrl;
    private final String serviceToken;
    private final HttpClient http;
    private final Duration waitForRecording;

    public GrantExchangeClient(URI controlPlaneUrl, String serviceToken, HttpClient http) {
        this(controlPlaneUrl, serviceToken, http, Duration.ofSeconds(3));
    }

    /** @param waitForRecording how long an unknown build is asked for again before the refusal is thrown */
    public GrantExchangeClient(URI controlPlaneUrl, String serviceToken, HttpClient http, Duration waitForRecording) {
        this.controlPlaneUrl = controlPlaneUrl;
        this.serviceToken = serviceToken;
        this.http = http;
        this.waitForRecording = waitForRecording;
    }

    /** From {@code A2A_CONTROL_PLANE_URL} and {@code A2A_SERVICE_TOKEN}. */
    public static GrantExchangeClient fromEnvironment() {
        String url = System.getenv("A2A_CONTROL_PLANE_URL");
        String token = System.getenv("A2A_SERVICE_TOKEN");
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE,
                    "set A2A_CONTROL_PLANE_URL and A2A_SERVICE_TOKEN for this step");
        }
        return new GrantExchangeClient(URI.create(url), token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public BuildGrants exchange(String buildId, String step) {
        long deadline = System.nanoTime() + waitForRecording.toNanos();
        while (true) {
            try {
                return exchangeOnce(buildId, step);
            } catch (GrantException e) {
                if (e.refusal() != GrantException.Refusal.NOT_FOUND || System.nanoTime() >= deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "interrupted while asking for grants", e);
        }
    }

    private BuildGrants exchangeOnce(String buildId, String step) {
        String base = controlPlaneUrl.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/builds/"
                        + java.net.URLEncoder.encode(buildId, StandardCharsets.UTF_8) + "/grants"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"step\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(step) + "}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE,
                    "cannot reach the control plane at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "interrupted while asking for grants", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return BuildGrants.fromJson(response.body());
        }
        String detail = " (HTTP " + status + ": " + abbreviate(response.body()) + ")";
        if (status == 401 || status == 403) {
            throw new GrantException(GrantException.Refusal.UNAUTHORIZED,
                    "the control plane refused this step's service token; check A2A_SERVICE_TOKEN" + detail);
        }
        if (status == 404) {
            throw new GrantException(GrantException.Refusal.NOT_FOUND, "build " + buildId + " is unknown; the"
                    + " control plane has not recorded it (yet)" + detail);
        }
        if (status >= 500 || status == 429) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "grant exchange failed" + detail);
        }
        throw new GrantException(GrantException.Refusal.REFUSED, errorMessage(response.body()) + detail);
    }

    /** The message of our error shape, or the body itself. */
    private static String errorMessage(String body) {
        try {
            String message = JSON.readTree(body).path("error").path("message").asText("");
            return message.isBlank() ? "grant exchange refused" : message;
        } catch (IOException | RuntimeException e) {
            return "grant exchange refused";
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
