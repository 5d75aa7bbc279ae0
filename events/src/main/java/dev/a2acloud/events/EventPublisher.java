package dev.a2acloud.events;

/**
 * Publishes a build event to the broker. {@code step} names the emitter and becomes the CloudEvent source
 * {@code /a2a-cloud/{step}}. Throws {@link EventPublishException}: retryable when the broker may accept it later.
 */
@FunctionalInterface
public interface EventPublisher {
    void publish(BuildEvent event, String step);
}
