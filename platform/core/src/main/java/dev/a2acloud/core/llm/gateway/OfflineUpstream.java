package dev.a2acloud.core.llm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.core.llm.offline.OfflineModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The offline model as an upstream: the same bytes an OpenAI-compatible server would send, including the SSE framing
 * of a stream (role chunk, content, tool-call deltas, finish chunk, the usage chunk when asked, {@code [DONE]}).
 */
public final class OfflineUpstream implements Upstream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OfflineModel model;

    public OfflineUpstream(OfflineModel model) {
        this.model = model;
    }

    @Override
    public Reply send(byte[] body, boolean stream) throws IOException {
        JsonNode request = JSON.readTree(body);
        ObjectNode answer = model.complete(request);
        if (!stream) {
            return new Reply(200, "application/json", new ByteArrayInputStream(JSON.writeValueAsBytes(answer)));
        }
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        return new Reply(200, "text/event-stream",
                new ByteArrayInputStream(sse(answer, includeUsage).getBytes(StandardCharsets.UTF_8)));
    }

    static String sse(ObjectNode answer, boolean includeUsage) throws IOException {
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        StringBuilder out = new StringBuilder();
        ObjectNode delta = JSON.createObjectNode().put("role", "assistant");
        if (message.hasNonNull("content")) {
            delta.put("content", message.get("content").asText());
        }
        out.append(event(chunk(answer, delta, null)));
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode d = JSON.createObjectNode();
            ArrayNode calls = d.putArray("tool_calls");
            ObjectNode c = calls.addObject().put("index", index++).put("id", call.path("id").asText())
                    .put("type", "function");
            c.putObject("function").put("name", call.path("function").path("name").asText())
                    .put("arguments", call.path("function").path("arguments").asText());
            out.append(event(chunk(answer, d, null)));
        }
        out.append(event(chunk(answer, JSON.createObjectNode(), choice.path("finish_reason").asText("stop"))));
        if (includeUsage) {
            ObjectNode usage = chunkBase(answer);
            usage.putArray("choices");
            usage.set("usage", answer.get("usage"));
            out.append(event(usage));
        }
        return out.append("data: [DONE]\n\n").toString();
    }

    private static ObjectNode chunkBase(ObjectNode answer) {
        return JSON.createObjectNode().put("id", answer.path("id").asText()).put("object", "chat.completion.chunk")
                .put("created", 0).put("model", answer.path("model").asText());
    }

    private static ObjectNode chunk(ObjectNode answer, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkBase(answer);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static String event(JsonNode data) throws IOException {
        return "data: " + JSON.writeValueAsString(data) + "\n\n";
    }
}
