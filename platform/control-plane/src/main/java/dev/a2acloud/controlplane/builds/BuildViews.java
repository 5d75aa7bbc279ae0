package dev.a2acloud.controlplane.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.controlplane.api.ApiJson;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of builds and their events. Pure. */
public final class BuildViews {
    private BuildViews() {
    }

    public static Map<String, Object> summary(BuildRecord b) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("buildId", b.id());
        view.put("agent", b.agent());
        view.put("version", b.version());
        view.put("status", b.status());
        view.put("currentStep", BuildProgression.currentStep(b.lastType(), b.status()));
        view.put("lastEvent", b.lastType());
        view.put("attempt", b.attempt());
        view.put("origin", b.origin());
        view.put("public", b.publicAgent());
        view.put("createdAt", text(b.createdAt()));
        view.put("updatedAt", text(b.updatedAt()));
        view.put("endedAt", text(b.endedAt()));
        view.put("url", b.url());
        view.put("failureStage", b.failureStage());
        view.put("failureReason", b.failureReason());
        view.put("sourceDigest", b.sourceDigest());
        view.put("jarDigest", b.jarDigest());
        view.put("links", Map.of("self", "/v1/builds/" + b.id(), "events", "/v1/builds/" + b.id() + "/events",
                "agent", "/v1/agents/" + b.agent()));
        return view;
    }

    /** The build with its timeline: every recorded event with its time since the build started. */
    public static Map<String, Object> detail(BuildRecord b, List<RecordedEvent> events) {
        Map<String, Object> view = summary(b);
        view.put("prompt", b.prompt());
        view.put("logTail", b.logTail());
        view.put("timeline", events.stream().map(e -> timelineEntry(b, e)).toList());
        return view;
    }

    static Map<String, Object> timelineEntry(BuildRecord b, RecordedEvent e) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", e.eventId());
        entry.put("type", e.type());
        entry.put("step", e.source() == null ? null : e.source().substring(e.source().lastIndexOf('/') + 1));
        entry.put("attempt", e.attempt());
        entry.put("at", text(e.recordedAt()));
        entry.put("sinceStartMillis", Math.max(0, e.recordedAt().toEpochMilli() - b.createdAt().toEpochMilli()));
        JsonNode payload = payload(e);
        for (String field : List.of("stage", "reason", "message", "kind", "url", "revision", "commit")) {
            if (payload.hasNonNull(field)) {
                entry.put(field, payload.get(field).asText());
            }
        }
        return entry;
    }

    /** One server-sent event's data: {@code {"id","type","time","data":{payload}}}. */
    public static ObjectNode sseData(RecordedEvent e) {
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("id", e.eventId());
        node.put("type", e.type());
        node.put("time", e.recordedAt().toString());
        node.set("data", payload(e));
        return node;
    }

    static JsonNode payload(RecordedEvent e) {
        try {
            return ApiJson.MAPPER.readTree(e.payload());
        } catch (IOException ex) {
            return ApiJson.MAPPER.createObjectNode();
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
