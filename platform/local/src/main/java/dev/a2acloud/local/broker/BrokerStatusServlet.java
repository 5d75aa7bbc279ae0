package dev.a2acloud.local.broker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.events.EventJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET}: the broker's counters, its Triggers and its recent deliveries as JSON (for people and the CLI). */
public final class BrokerStatusServlet extends HttpServlet {
    private final transient EmbeddedBroker broker;

    public BrokerStatusServlet(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getOutputStream().write(render(broker).getBytes(StandardCharsets.UTF_8));
    }

    static String render(EmbeddedBroker broker) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("broker", broker.path());
        BrokerStats stats = broker.stats();
        ObjectNode counters = root.putObject("counters");
        counters.put("accepted", stats.accepted());
        counters.put("delivered", stats.delivered());
        counters.put("retried", stats.retried());
        counters.put("deadLettered", stats.deadLettered());
        counters.put("dropped", stats.dropped());
        ArrayNode triggers = root.putArray("triggers");
        for (TriggerSpec t : broker.triggers()) {
            ObjectNode node = triggers.addObject();
            node.put("name", t.name());
            node.put("filter", t.filter().describe());
            node.put("subscriber", t.subscriber().describe());
            DeliverySpec d = t.delivery();
            ObjectNode delivery = node.putObject("delivery");
            delivery.put("retry", d.retry());
            delivery.put("backoffPolicy", d.backoffPolicy().name().toLowerCase());
            delivery.put("backoffDelay", d.backoffDelay().toString());
            delivery.put("timeout", d.timeout() == null ? null : d.timeout().toString());
            delivery.put("deadLetterSink", d.deadLetterSink() == null ? null : d.deadLetterSink().describe());
        }
        ArrayNode recent = root.putArray("recentDeliveries");
        for (DeliveryRecord r : broker.recentDeliveries()) {
            ObjectNode node = recent.addObject();
            node.put("at", r.at().toString());
            node.put("eventId", r.eventId());
            node.put("type", r.type());
            node.put("trigger", r.trigger());
            node.put("destination", r.destination());
            node.put("attempt", r.attempt());
            node.put("status", r.status());
            node.put("outcome", r.outcome());
            node.put("detail", r.detail());
        }
        return root.toPrettyString();
    }
}
