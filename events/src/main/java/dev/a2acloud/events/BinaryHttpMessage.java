package dev.a2acloud.events;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * A CloudEvent in HTTP binary mode: {@code ce-*} headers plus {@code Content-Type}, and the data as the body.
 * Header names are lower-case.
 */
public record BinaryHttpMessage(Map<String, String> headers, byte[] body) {
    public BinaryHttpMessage {
        headers = Map.copyOf(headers);
    }

    /** A JDK request that POSTs this message to {@code target}; set a timeout on it where one applies. */
    public HttpRequest.Builder post(URI target) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request;
    }
}
