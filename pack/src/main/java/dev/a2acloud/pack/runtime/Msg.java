package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An A2A message, version neutral. {@code agent} = sent by the agent (role agent), else by the user. */
record Msg(String messageId, boolean agent, List<Part> parts, String taskId, String contextId, JsonNode metadata) {
    Msg {
        parts = List.copyOf(parts);
    }
}
