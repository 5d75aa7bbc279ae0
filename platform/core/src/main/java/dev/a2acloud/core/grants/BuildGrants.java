package dev.a2acloud.core.grants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pipeline step gets from {@code POST /v1/builds/{id}/grants} (docs/contracts.md): short-lived tokens bound to
 * the build's owner and agent. {@code llm} is null when the platform offers no model gateway.
 */
public record BuildGrants(String buildId, String owner, String agent, Workspace workspace, Llm llm,
                          ControlPlane controlPlane) {

    /** A workspace grant and where it points. */
    public record Workspace(String token, String bucket, String prefix, Instant expiresAt) {
    }

    /** An LLM grant and the gateway that honours it. */
    public record Llm(String token, String baseUrl, List<String> models, Instant expiresAt) {
        public Llm {
            models = List.copyOf(models);
        }
    }

    /** A user-scoped control-plane token of the build's owner. */
    public record ControlPlane(String token, Instant expiresAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The wire form; written by hand so both Jackson 2 (core) and the Spring side agree on it exactly. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("buildId", buildId).put("owner", owner).put("agent", agent);
        root.putObject("workspace").put("token", workspace.token()).put("bucket", workspace.bucket())
                .put("prefix", workspace.prefix()).put("expiresAt", workspace.expiresAt().toString());
        if (llm != null) {
            ObjectNode node = root.putObject("llm").put("token", llm.token()).put("baseUrl", llm.baseUrl());
            llm.models().forEach(node.putArray("models")::add);
            node.put("expiresAt", llm.expiresAt().toString());
        }
        root.putObject("controlPlane").put("token", controlPlane.token())
                .put("expiresAt", controlPlane.expiresAt().toString());
        return root.toString();
    }

    public static BuildGrants fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode ws = need(root, "workspace");
            JsonNode cp = need(root, "controlPlane");
            JsonNode llmNode = root.get("llm");
            Llm llm = null;
            if (llmNode != null && !llmNode.isNull()) {
                List<String> models = new ArrayList<>();
                llmNode.path("models").forEach(m -> models.add(m.asText()));
                llm = new Llm(text(llmNode, "token"), text(llmNode, "baseUrl"), models,
                        Instant.parse(text(llmNode, "expiresAt")));
            }
            return new BuildGrants(text(root, "buildId"), text(root, "owner"), text(root, "agent"),
                    new Workspace(text(ws, "token"), text(ws, "bucket"), text(ws, "prefix"),
                            Instant.parse(text(ws, "expiresAt"))),
                    llm,
                    new ControlPlane(text(cp, "token"), Instant.parse(text(cp, "expiresAt"))));
        } catch (IOException | RuntimeException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE,
                    "the control plane answered the grant exchange with an unexpected body: " + e.getMessage(), e);
        }
    }

    private static JsonNode need(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return need(node, field).asText();
    }
}
