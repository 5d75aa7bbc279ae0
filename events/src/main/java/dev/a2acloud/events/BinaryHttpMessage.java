package dev.a2acloud.events;

import java.util.Map;

/**
 * A CloudEvent in HTTP binary mode: {@code ce-*} headers plus {@code Content-Type}, and the data as the body.
 * Header names are lower-case.
 */
public record BinaryHttpMessage(Map<String, String> headers, byte[] body) {
    public BinaryHttpMessage {
        headers = Map.copyOf(headers);
    }
}
