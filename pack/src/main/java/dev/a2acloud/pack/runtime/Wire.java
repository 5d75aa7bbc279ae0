package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The two A2A JSON shapes. 0.3: objects carry {@code kind} ({@code task}, {@code message}, {@code status-update},
 * {@code artifact-update}; parts {@code text}/{@code data}/{@code file}), states like {@code completed}, roles
 * {@code user}/{@code agent}, SendMessage answers the Task itself. 1.0 (proto JSON): no {@code kind}, parts are
 * {@code {"text"}} / {@code {"data"}} with {@code mediaType}, states {@code TASK_STATE_*}, roles {@code ROLE_*},
 * SendMessage answers {@code {"task": …}} and stream events are {@code {"task"|"statusUpdate"|"artifactUpdate": …}}.
 * Incoming messages are read in either shape.
 */
enum Wire {
    V03, V10;

    static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code A2A-Version} header: absent or empty = 0.3; any 1.x = 1.0. */
    static Wire ofHeader(String header) {
        if (header == null || header.isBlank()) {
            return V03;
        }
        return header.trim().startsWith("0.") ? V03 : V10;
    }

    ObjectNode task(AgentTask.Snapshot t, Integer historyLength) {
        ObjectNode n = JSON.createObjectNode();
        if (this == V03) {
            n.put("kind", "task");
        }
        n.put("id", t.id());
        n.put("contextId", t.contextId());
        n.set("status", status(t.state(), t.statusMessage(), t.updatedAt()));
        ArrayNode artifacts = n.putArray("artifacts");
        t.artifacts().forEach(a -> artifacts.add(artifact(a)));
        List<Msg> history = t.history();
        if (historyLength != null && historyLength >= 0 && history.size() > historyLength) {
            history = history.subList(history.size() - historyLength, history.size());
        }
        ArrayNode h = n.putArray("history");
        history.forEach(m -> h.add(message(m)));
        return n;
    }

    ObjectNode status(TaskState state, Msg message, java.time.Instant at) {
        ObjectNode s = JSON.createObjectNode();
        s.put("state", this == V03 ? state.v03() : state.v10());
        if (message != null) {
            s.set("message", message(message));
        }
        s.put("timestamp", at.toString());
        return s;
    }

    ObjectNode message(Msg m) {
        ObjectNode n = JSON.createObjectNode();
        if (this == V03) {
            n.put("kind", "message");
        }
        n.put("messageId", m.messageId());
        n.put("role", this == V03 ? (m.agent() ? "agent" : "user") : (m.agent() ? "ROLE_AGENT" : "ROLE_USER"));
        ArrayNode parts = n.putArray("parts");
        m.parts().forEach(p -> parts.add(part(p)));
        if (m.taskId() != null) {
            n.put("taskId", m.taskId());
        }
        if (m.contextId() != null) {
            n.put("contextId", m.contextId());
        }
        return n;
    }

    ObjectNode artifact(Artifact a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("artifactId", a.artifactId());
        if (a.name() != null) {
            n.put("name", a.name());
        }
        ArrayNode parts = n.putArray("parts");
        a.parts().forEach(p -> parts.add(part(p)));
        return n;
    }

    ObjectNode part(Part p) {
        ObjectNode n = JSON.createObjectNode();
        if (p.isText()) {
            if (this == V03) {
                n.put("kind", "text");
            }
            n.put("text", p.text());
        } else {
            JsonNode data = p.data();
            if (this == V03) {
                n.put("kind", "data");
                // 0.3 DataPart.data is an object; other JSON values are wrapped.
                n.set("data", data.isObject() ? data : JSON.createObjectNode().set("result", data));
            } else {
                n.set("data", data);
                n.put("mediaType", "application/json");
            }
        }
        return n;
    }

    /** The SendMessage result: the task (0.3) or {@code {"task": …}} (1.0). */
    JsonNode sendResult(AgentTask.Snapshot t, Integer historyLength) {
        ObjectNode task = task(t, historyLength);
        return this == V03 ? task : JSON.createObjectNode().set("task", task);
    }

    JsonNode streamTask(AgentTask.Snapshot t) {
        return sendResult(t, null);
    }

    JsonNode streamEvent(AgentTask task, TaskEvent event) {
        ObjectNode n = JSON.createObjectNode();
        if (event instanceof TaskEvent.Status s) {
            if (this == V03) {
                n.put("kind", "status-update");
            }
            n.put("taskId", task.id());
            n.put("contextId", task.contextId());
            n.set("status", status(s.state(), s.message(), s.at()));
            if (this == V03) {
                n.put("final", s.last());
                return n;
            }
            return JSON.createObjectNode().set("statusUpdate", n);
        }
        TaskEvent.ArtifactAdded a = (TaskEvent.ArtifactAdded) event;
        if (this == V03) {
            n.put("kind", "artifact-update");
        }
        n.put("taskId", task.id());
        n.put("contextId", task.contextId());
        n.set("artifact", artifact(a.artifact()));
        n.put("append", false);
        n.put("lastChunk", true);
        return this == V03 ? n : JSON.createObjectNode().set("artifactUpdate", n);
    }

    /** Reads a message in either shape. Throws {@link RpcError} -32602 naming the bad field. */
    static Msg readMessage(JsonNode m) {
        if (m == null || !m.isObject()) {
            throw RpcError.invalidParams("params.message is required and must be an object");
        }
        JsonNode parts = m.get("parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw RpcError.invalidParams("params.message.parts must be a non-empty array");
        }
        List<Part> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(readPart(parts.get(i), "params.message.parts[" + i + "]"));
        }
        String id = m.path("messageId").asText(null);
        return new Msg(id == null ? Ids.unique() : id, false, out, m.path("taskId").asText(null),
                m.path("contextId").asText(null), m.get("metadata"));
    }

    private static Part readPart(JsonNode p, String field) {
        if (p == null || !p.isObject()) {
            throw RpcError.invalidParams(field + " must be an object");
        }
        String kind = p.path("kind").asText(p.path("type").asText(""));
        String mediaType = p.path("mediaType").asText(p.path("mimeType").asText(null));
        boolean file = kind.equals("file") || p.has("file") || p.has("raw") || p.has("url");
        if (file) {
            throw RpcError.contentTypeNotSupported(field + " is a file part"
                    + (mediaType == null ? "" : " (" + mediaType + ")") + "; this agent accepts text/plain and "
                    + "application/json parts");
        }
        if (mediaType != null && !mediaType.equals("text/plain") && !mediaType.equals("application/json")
                && !mediaType.startsWith("text/")) {
            throw RpcError.contentTypeNotSupported(field + " has media type " + mediaType
                    + "; this agent accepts text/plain and application/json");
        }
        if (p.has("text")) {
            if (!p.get("text").isTextual()) {
                throw RpcError.invalidParams(field + ".text must be a string");
            }
            return new Part(p.get("text").asText(), null, mediaType == null ? "text/plain" : mediaType, false);
        }
        if (p.has("data")) {
            JsonNode data = p.get("data");
            return new Part(null, data, "application/json", false);
        }
        throw RpcError.invalidParams(field + " has neither text nor data");
    }
}
