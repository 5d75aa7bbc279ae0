package dev.a2acloud.core.llm.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Any OpenAI-compatible endpoint: {@code POST {baseUrl}/chat/completions} with the platform's provider key. The
 * caller's grant never leaves the gateway; the provider key never reaches the caller.
 */
public final class HttpUpstream implements Upstream {
    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public HttpUpstream(String baseUrl, String apiKey, Duration timeout) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.timeout = timeout;
        // HTTP/1.1: a plain-http upstream must not be asked for an h2c upgrade on every call.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Reply send(byte[] body, boolean stream) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the upstream model", e);
        }
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
