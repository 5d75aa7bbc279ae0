package dev.a2acloud.local.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small helpers: foreign-typed events (the broker routes any CloudEvent) and Triggers from YAML text. */
final class Events {
    private Events() {
    }

    static CloudEvent event(String id, String type) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/test")).withType(type)
                .withData("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build();
    }

    static List<TriggerSpec> triggers(String yaml) {
        try {
            return TriggerManifests.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Trigger on {@code exact type} to Service {@code service}, with the given delivery block (may be empty). */
    static String trigger(String name, String type, String service, String delivery) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                spec:
                  broker: default
                  filters:
                    - exact:
                        type: %s
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: %s
                %s
                ---
                """.formatted(name, type, service, delivery.indent(2));
    }

    static String delivery(int retry, String policy, String delay, String timeout) {
        return """
                delivery:
                  retry: %d
                  backoffPolicy: %s
                  backoffDelay: %s
                  %s
                  deadLetterSink:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: control-plane
                    uri: /v1/dead-letters
                """.formatted(retry, policy, delay, timeout == null ? "" : "timeout: " + timeout);
    }
}
