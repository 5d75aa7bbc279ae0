package dev.a2acloud.local.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventJson;
import dev.a2acloud.events.InvalidEventException;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Knative's broker ingress: {@code POST /{namespace}/{broker}} with a CloudEvent in binary or structured mode;
 * 202 once journaled, 400 naming the field for a malformed event, 404 for another broker's path, 503 while the
 * broker cannot journal. Map it at the broker's path ({@link EmbeddedBroker#path()}) or at {@code /*}.
 */
public final class BrokerIngressServlet extends HttpServlet {
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final transient EmbeddedBroker broker;
    private final transient EventCodec codec;

    public BrokerIngressServlet(EmbeddedBroker broker, EventCodec codec) {
        this.broker = broker;
        this.codec = codec;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals(broker.path()) && !path.equals(broker.path() + "/")) {
            error(response, 404, "unknown_broker", "no broker at " + path + "; this one is " + broker.path(), null);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            error(response, 413, "too_large", "events are limited to " + MAX_BODY + " bytes", "data");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            error(response, 413, "too_large", "events are limited to " + MAX_BODY + " bytes", "data");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        try {
            CloudEvent event = codec.readHttp(headers, body);
            broker.publish(event);
            response.setStatus(202);
        } catch (InvalidEventException e) {
            error(response, 400, "invalid_event", e.getMessage(), e.field());
        } catch (BrokerUnavailableException | UncheckedIOException e) {
            error(response, 503, "broker_unavailable", e.getMessage() + "; retry later", null);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        error(response, 405, "method_not_allowed", "POST a CloudEvent to " + broker.path(), null);
    }

    static void error(HttpServletResponse response, int status, String code, String message, String field)
            throws IOException {
        ObjectNode body = EventJson.mapper().createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
