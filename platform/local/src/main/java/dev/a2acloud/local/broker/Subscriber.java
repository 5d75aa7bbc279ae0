package dev.a2acloud.local.broker;

import dev.a2acloud.functions.support.StepInvoker;
import dev.a2acloud.functions.support.StepResponse;
import io.cloudevents.CloudEvent;

/**
 * A Trigger's subscriber, answering like an HTTP subscriber under Knative's data-plane contract: status 200 with a
 * reply event, 202 / other 2xx without one, other statuses per the retry table ({@link RetryPolicy}). Registered
 * with the broker under the Service name the Trigger's {@code subscriber.ref} names. Throwing counts as a failed
 * delivery (like a connection error) and is retried.
 */
@FunctionalInterface
public interface Subscriber {
    SubscriberResponse deliver(CloudEvent event) throws Exception;

    /** A builder step run in-process (function-support's invoker already speaks the contract). */
    static Subscriber of(StepInvoker invoker) {
        return event -> {
            StepResponse response = invoker.invoke(event);
            return new SubscriberResponse(response.status(), response.reply(), response.reason());
        };
    }
}
