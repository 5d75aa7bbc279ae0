package dev.a2acloud.local.broker;

import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * A subscriber reached over HTTP, as Knative's dispatcher reaches it: binary mode out; a 2xx with a non-empty body
 * must be a CloudEvent (binary or structured), otherwise the delivery failed with 502 like Knative's bad reply.
 * At most {@link #MAX_IN_FLIGHT} requests are open to one subscriber at a time, as Knative's dispatcher bounds its
 * connections per host. Without that limit a burst becomes thousands of parallel connections that the subscriber
 * refuses, and the events retry into the dead-letter sink. Deliveries over the limit wait their turn (virtual
 * threads), and the delivery timeout counts from when the request is sent.
 */
final class HttpSubscriber implements Subscriber {
    private final URI target;
    private final HttpClient http;
    private final EventCodec codec;
    private final Duration timeout;
    static final int MAX_IN_FLIGHT = 64;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT, true);

    HttpSubscriber(URI target, HttpClient http, EventCodec codec, Duration timeout) {
        this.target = target;
        this.http = http;
        this.codec = codec;
        this.timeout = timeout;
    }

    @Override
    public SubscriberResponse deliver(CloudEvent event) throws Exception {
        BinaryHttpMessage message = EventCodec.toHttp(event);
        HttpRequest.Builder request = message.post(target);
        if (timeout != null && !timeout.isZero()) {
            request.timeout(timeout);
        }
        HttpResponse<byte[]> response;
        inFlight.acquire();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            inFlight.release();
        }
        int status = response.statusCode();
        byte[] body = response.body();
        if (!RetryPolicy.success(status)) {
            return SubscriberResponse.failure(status, new String(body, StandardCharsets.UTF_8));
        }
        if (body.length == 0 && response.headers().firstValue("ce-id").isEmpty()) {
            return SubscriberResponse.ack();
        }
        try {
            CloudEvent reply = codec.readHttp(response.headers(), body);
            return new SubscriberResponse(status, reply, null);
        } catch (InvalidEventException e) {
            return SubscriberResponse.failure(502, "the " + status + " reply is not a CloudEvent: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
