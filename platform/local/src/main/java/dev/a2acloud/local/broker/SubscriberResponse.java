package dev.a2acloud.local.broker;

import io.cloudevents.CloudEvent;

/** A subscriber's answer; {@code reply} only with a 2xx, {@code detail} says why a delivery failed. */
public record SubscriberResponse(int status, CloudEvent reply, String detail) {
    public static SubscriberResponse ack() {
        return new SubscriberResponse(202, null, null);
    }

    public static SubscriberResponse reply(CloudEvent reply) {
        return new SubscriberResponse(200, reply, null);
    }

    public static SubscriberResponse failure(int status, String detail) {
        return new SubscriberResponse(status, null, detail);
    }
}
