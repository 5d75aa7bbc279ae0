package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The end of a build in words (URL, version, skills, a call to paste) or as one JSON object for scripts. */
final class BuildSummary {
    private BuildSummary() {
    }

    static String text(String agent, BuildProgressModel model, long totalMillis) {
        JsonNode end = model.terminalPayload();
        StringBuilder out = new StringBuilder();
        if (model.live()) {
            String url = Json.text(end, "url");
            List<String> skills = Json.strings(end, "skills");
            out.append("Agent '").append(agent).append("' is live (").append(Ages.millis(totalMillis)).append(").\n");
            out.append("  URL:      ").append(url).append('\n');
            out.append("  Version:  ").append(Json.text(end, "version")).append('\n');
            out.append("  Skills:   ").append(skills.isEmpty() ? "(none listed)" : String.join(", ", skills)).append('\n');
            out.append("  Card:     ").append(slash(url)).append(".well-known/agent-card.json\n");
            out.append("  Try it:\n    ").append(curl(url)).append('\n');
        } else {
            out.append("Build of '").append(agent).append("' failed");
            String stage = Json.text(end, "stage", "failureStage");
            if (!stage.isEmpty()) {
                out.append(" at ").append(stage);
            }
            out.append(": ").append(Json.text(end, "reason", "failureReason", "message")).append('\n');
            String tail = Json.text(end, "logTail");
            if (!tail.isBlank()) {
                out.append("Last output:\n");
                tail.lines().skip(Math.max(0, tail.lines().count() - 20)).forEach(l -> out.append("  ").append(l).append('\n'));
            }
        }
        return out.toString();
    }

    static ObjectNode json(String buildId, String agent, BuildProgressModel model, long totalMillis) {
        JsonNode end = model.terminalPayload();
        ObjectNode out = PlatformClient.object();
        out.put("buildId", buildId);
        out.put("agent", agent);
        out.put("status", model.live() ? "live" : "failed");
        out.put("version", Json.text(end, "version"));
        if (model.live()) {
            out.put("url", Json.text(end, "url"));
            var skills = out.putArray("skills");
            Json.strings(end, "skills").forEach(skills::add);
        } else {
            out.put("stage", Json.text(end, "stage", "failureStage"));
            out.put("reason", Json.text(end, "reason", "failureReason", "message"));
        }
        out.put("totalMillis", totalMillis);
        var steps = out.putArray("steps");
        for (BuildProgressModel.Step step : model.steps()) {
            steps.addObject().put("step", step.name()).put("millis", step.millis()).put("outcome", step.outcome());
        }
        return out;
    }

    /** A JSON-RPC SendMessage call with curl, ready to paste. */
    static String curl(String url) {
        return "curl -s " + url + " -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' -d '"
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"m1\","
                + "\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello\"}]}}}'";
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
