package dev.a2acloud.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP plumbing shared by the platform clients: one lazily built JDK client (nothing is created at agent start,
 * which keeps cold start short), bearer auth, and refusals turned into {@link PackException}s that carry the
 * platform's own message.
 */
final class PlatformHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private PlatformHttp() {
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    static HttpClient client() {
        return Holder.CLIENT;
    }

    static HttpResponse<byte[]> send(HttpRequest request, String what) {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw PackException.retryable(what + " failed: " + e.getMessage() + "; check that the platform at "
                    + request.uri().getHost() + ":" + request.uri().getPort() + " is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PackException.retryable(what + " was interrupted (task canceled or timed out)", e);
        }
    }

    static HttpResponse<byte[]> expectOk(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        String detail = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("error").path("message").isTextual()) {
                detail = body.path("error").path("message").asText();
            } else if (body != null && body.path("error").isTextual()) {
                detail = body.path("error").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        if (detail.length() > 500) {
            detail = detail.substring(0, 500) + "…";
        }
        boolean retryable = status == 429 || status >= 500;
        throw new PackException(what + " was refused with HTTP " + status + ": " + detail, null, retryable, null);
    }

    static URI uri(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(b + path);
    }

    static HttpRequest.Builder request(URI uri, String bearer, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        if (bearer != null && !bearer.isBlank()) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }
}
