package dev.a2acloud.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts events in binary mode to a Knative broker ingress ({@code http://host/{namespace}/{broker}}, e.g.
 * {@code http://127.0.0.1:8080/a2a-cloud/default}), embedded or in a cluster; both answer 202 on accept.
 */
public final class HttpEventPublisher implements EventPublisher {
    private final URI broker;
    private final HttpClient http;
    private final EventCodec codec;
    private final Duration timeout;

    public HttpEventPublisher(URI broker, HttpClient http, EventCodec codec, Duration timeout) {
        this.broker = broker;
        this.http = http;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** A publisher with its own client and a 10 s timeout. */
    public static HttpEventPublisher to(URI broker) {
        return new HttpEventPublisher(broker, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                new EventCodec(), Duration.ofSeconds(10));
    }

    @Override
    public void publish(BuildEvent event, String step) {
        BinaryHttpMessage message = codec.encodeHttp(event, step);
        HttpRequest.Builder request = message.post(broker).timeout(timeout);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EventPublishException("broker " + broker + " unreachable: " + e.getMessage()
                    + "; check A2A broker URL and that the broker runs", 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing to " + broker, 0, true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status >= 500 || status == 429 || status == 408 || status == 404;
        throw new EventPublishException("broker " + broker + " refused " + event.type().ceType() + " "
                + EventIds.of(event) + " with " + status + ": " + abbreviate(response.body()), status, retryable, null);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
