package dev.a2acloud.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A small OpenAI-compatible chat client ({@code POST {baseUrl}/chat/completions}) over the JDK HTTP client, built from
 * the credentials {@code ctx.llm()} resolved. No SDK on purpose: the agent classpath stays tiny.
 */
public final class LlmClient {
    /** One chat message: role {@code system}, {@code user} or {@code assistant}. */
    public record Message(String role, String content) {
        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }

        public static Message assistant(String content) {
            return new Message("assistant", content);
        }
    }

    /** The answer: text of the first choice, the model that answered and the usage block (may be missing). */
    public record Reply(String content, String model, JsonNode usage, JsonNode raw) {
    }

    private final LlmCredentials credentials;
    private final Duration timeout;

    public LlmClient(LlmCredentials credentials, Duration timeout) {
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public LlmCredentials credentials() {
        return credentials;
    }

    /** Asks one user prompt and returns the answer text. */
    public String chat(String prompt) {
        return chat(List.of(Message.user(prompt))).content();
    }

    public Reply chat(List<Message> messages) {
        return chat(messages, null);
    }

    /** {@code model} null = the credentials' model (or the gateway's default when that is null too). */
    public Reply chat(List<Message> messages, String model) {
        ObjectNode body = PlatformHttp.JSON.createObjectNode();
        String m = model != null ? model : credentials.model();
        if (m != null) {
            body.put("model", m);
        }
        ArrayNode list = body.putArray("messages");
        for (Message message : messages) {
            list.addObject().put("role", message.role()).put("content", message.content());
        }
        HttpRequest request;
        try {
            request = PlatformHttp.request(PlatformHttp.uri(credentials.baseUrl(), "/chat/completions"),
                            credentials.apiKey(), timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PlatformHttp.JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new PackException("could not encode the chat request: " + e.getMessage());
        }
        HttpResponse<byte[]> response = PlatformHttp.expectOk(PlatformHttp.send(request, "the model call"), "the model call");
        try {
            JsonNode json = PlatformHttp.JSON.readTree(response.body());
            JsonNode content = json.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new PackException("the model answer has no choices[0].message.content; got " + abbreviate(json));
            }
            return new Reply(content.asText(), json.path("model").asText(null), json.get("usage"), json);
        } catch (IOException e) {
            throw new PackException("the model answer is not JSON: " + e.getMessage());
        }
    }

    private static String abbreviate(JsonNode json) {
        String s = json.toString();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
