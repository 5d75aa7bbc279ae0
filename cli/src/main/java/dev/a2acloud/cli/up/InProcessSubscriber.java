package dev.a2acloud.cli.up;

import dev.a2acloud.local.broker.Subscriber;

/**
 * One in-process subscriber of the embedded broker: the Knative Service a Trigger names ({@code service}), optionally
 * one path of it (a Trigger's {@code subscriber.uri}, e.g. the control plane's {@code /v1/events}).
 */
record InProcessSubscriber(String service, String path, Subscriber subscriber) {
}
