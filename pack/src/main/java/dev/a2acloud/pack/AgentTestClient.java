package dev.a2acloud.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Calls the project's skills in-process from an {@link AgentTest}, exactly as {@code POST /invoke/{skill}} would. */
public interface AgentTestClient {
    /** Runs the skill with the given arguments and returns its result as JSON; throws if the skill failed. */
    JsonNode invoke(String skill, Map<String, ?> arguments);

    /** Sends a plain text message, as an A2A TextPart would, to the default skill. */
    JsonNode text(String text);
}
