package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Calls a deployed agent directly at its URL: A2A JSON-RPC {@code SendMessage} and {@code POST /invoke/{skill}}.
 * The platform token is never sent to an agent — agent code must not see the user's credentials.
 */
final class AgentCalls {
    private final HttpClient http;

    AgentCalls(HttpClient http) {
        this.http = http;
    }

    AgentCalls() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** The agent's URL as the platform knows it. */
    static URI agentUrl(PlatformClient platform, String name) {
        JsonNode agent = platform.get("/v1/agents/" + name);
        String url = Json.text(agent, "url", "agent.url", "liveUrl");
        if (url.isEmpty()) {
            throw new CliException("agent '" + name + "' has no URL yet (status: "
                    + Json.text(agent, "status", "state") + "); wait for its build to go live (`a2a builds`)");
        }
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** A2A 1.0 {@code SendMessage} with one text part; returns the JSON-RPC {@code result}. */
    JsonNode sendMessage(URI agentUrl, String text, Duration timeout) {
        ObjectNode message = PlatformClient.object();
        message.put("messageId", UUID.randomUUID().toString());
        message.put("role", "ROLE_USER");
        message.putArray("parts").addObject().put("text", text);
        ObjectNode request = PlatformClient.object();
        request.put("jsonrpc", "2.0");
        request.put("id", 1);
        request.put("method", "SendMessage");
        request.putObject("params").set("message", message);
        JsonNode answer = postJson(agentUrl, request, timeout, true);
        if (answer.has("error")) {
            JsonNode error = answer.path("error");
            throw new CliException("the agent answered with JSON-RPC error " + error.path("code").asText() + ": "
                    + error.path("message").asText());
        }
        return answer.path("result");
    }

    /** {@code POST /invoke/{skill}} with {@code {"arguments": …}}; returns the whole answer. */
    JsonNode invoke(URI agentUrl, String skill, JsonNode arguments, Duration timeout) {
        ObjectNode body = PlatformClient.object();
        body.set("arguments", arguments);
        return postJson(agentUrl.resolve("invoke/" + skill), body, timeout, false);
    }

    private JsonNode postJson(URI uri, JsonNode body, Duration timeout, boolean a2a) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (a2a) {
            request.header("A2A-Version", "1.0");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("calling " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        JsonNode answer;
        try {
            answer = PlatformClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(uri + " answered " + response.statusCode() + " with a body that is not JSON: "
                    + abbreviate(response.body()), e);
        }
        if (response.statusCode() / 100 != 2 && !(a2a && answer.has("error"))) {
            String message = PlatformClient.errorMessage(response.body());
            throw new CliException(uri + " answered " + response.statusCode() + (message.isEmpty() ? "" : ": " + message));
        }
        return answer;
    }

    /**
     * The text a person wants to read from a SendMessage result, whether it is a Message or a Task, in the 1.0
     * ({@code {"task":…}} / {@code {"message":…}}) or the 0.3 shape: text parts as they are, data parts as JSON.
     */
    static String replyText(JsonNode result) {
        List<String> texts = new ArrayList<>();
        JsonNode task = result.has("task") ? result.path("task") : result;
        JsonNode message = result.has("message") ? result.path("message") : null;
        if (message != null) {
            collectParts(message.path("parts"), texts);
        }
        task.path("artifacts").forEach(artifact -> collectParts(artifact.path("parts"), texts));
        if (texts.isEmpty()) {
            collectParts(task.path("status").path("message").path("parts"), texts);
        }
        if (texts.isEmpty()) {
            collectParts(task.path("parts"), texts);
        }
        return texts.isEmpty() ? result.toPrettyString() : String.join("\n", texts);
    }

    private static void collectParts(JsonNode parts, List<String> texts) {
        if (!(parts instanceof ArrayNode array)) {
            return;
        }
        for (JsonNode part : array) {
            if (part.has("text")) {
                texts.add(part.path("text").asText());
            } else if (part.has("data")) {
                texts.add(part.path("data").toPrettyString());
            } else if (part.has("file")) {
                texts.add("[file " + Json.text(part.path("file"), "name", "uri", "mimeType") + "]");
            }
        }
    }

    static String taskState(JsonNode result) {
        JsonNode task = result.has("task") ? result.path("task") : result;
        return Json.text(task, "status.state");
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
