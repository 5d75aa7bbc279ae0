package dev.a2acloud.local.broker;

import io.fabric8.knative.eventing.v1.Trigger;
import io.cloudevents.CloudEvent;

/** One Trigger as the embedded broker runs it. */
public record TriggerSpec(String name, String broker, EventFilter filter, Sink subscriber, DeliverySpec delivery) {
    public boolean matches(CloudEvent event) {
        return filter.matches(event);
    }

    /** {@code filters} wins over the legacy {@code filter}, as in Knative when both are set. */
    static TriggerSpec from(Trigger trigger) {
        String name = trigger.getMetadata() == null ? null : trigger.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw new TriggerManifestException("a Trigger has no metadata.name");
        }
        var spec = trigger.getSpec();
        if (spec == null) {
            throw new TriggerManifestException("Trigger " + name + ": spec is missing");
        }
        String where = "Trigger " + name + " spec";
        EventFilter filter;
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            filter = EventFilter.fromList(spec.getFilters(), where + ".filters");
        } else if (spec.getFilter() != null && spec.getFilter().getAttributes() != null) {
            filter = EventFilter.legacy(spec.getFilter().getAttributes());
        } else {
            filter = EventFilter.ALL_EVENTS;
        }
        String broker = spec.getBroker() == null ? "default" : spec.getBroker();
        return new TriggerSpec(name, broker, filter, Sink.from(spec.getSubscriber(), where + ".subscriber"),
                DeliverySpec.from(spec.getDelivery(), where + ".delivery"));
    }
}
