package dev.a2acloud.functions.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventJson;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a step answers, in Knative's data-plane terms: {@code 200} with a reply event, {@code 202} without one,
 * {@code 400} for an event that can never succeed, {@code 500}/{@code 503} for the broker to redeliver.
 * {@code reason} explains a non-2xx answer (it also ends up in the dead-letter's {@code knativeerrordata}).
 */
public record StepResponse(int status, CloudEvent reply, String reason) {
    public static StepResponse reply(CloudEvent reply) {
        return new StepResponse(200, reply, null);
    }

    public static StepResponse accepted() {
        return new StepResponse(202, null, null);
    }

    public static StepResponse failure(int status, String reason) {
        return new StepResponse(status, null, reason);
    }

    public boolean success() {
        return status / 100 == 2;
    }

    /** Binary mode for a reply; the error shape of {@code docs/contracts.md} otherwise. */
    public HttpReply toHttp() {
        if (reply != null) {
            BinaryHttpMessage message = EventCodec.toHttp(reply);
            return new HttpReply(status, message.headers(), message.body());
        }
        if (success()) {
            return new HttpReply(status, Map.of(), new byte[0]);
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status == 400 ? "invalid_event" : status == 503 ? "retry_later" : "step_failed");
        error.put("message", reason == null ? "" : reason);
        return new HttpReply(status, Map.of("content-type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP answer: status, lower-case header names, body. */
    public record HttpReply(int status, Map<String, String> headers, byte[] body) {
        public HttpReply {
            headers = Map.copyOf(headers);
        }
    }
}
