package dev.a2acloud.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end against a fresh embedded platform (one JVM, port 0, a temporary A2A_HOME, the offline model): a prompt
 * becomes a live agent that answers JSON-RPC; a rebuild as v2 moves traffic over; a hostile name is refused with an
 * error naming the field; delete takes the URL away. Everything runs for real on loopback — the sandbox is
 * bubblewrap, git is JGit over smart HTTP, serving starts real agent processes — only Knative, Argo CD and Gitea are
 * replaced by their embedded stand-ins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromptToLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(5);

    @RegisterExtension
    static final FreshPlatform fresh = new FreshPlatform();

    @Test
    @Order(1)
    void promptBecomesALiveAgentThatAnswers() throws Exception {
        JsonNode build = buildAndWait("greeter", "An agent that greets people by name and echoes text", null);
        assertEquals("live", build.path("status").asText(), () -> "build did not go live: " + build);
        String url = build.path("url").asText();
        assertTrue(url.endsWith("/agents/greeter/"), url);

        JsonNode card = JSON.readTree(get(url + ".well-known/agent-card.json").body());
        assertEquals("1.0.0", card.path("version").asText());
        assertTrue(card.path("skills").size() >= 1, "the card lists the generated skills");

        HttpResponse<String> answer = post(url, """
                {"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m1",
                 "role":"ROLE_USER","parts":[{"text":"hello from the end-to-end test"}]}}}""", Map.of("A2A-Version", "1.0"));
        assertEquals(200, answer.statusCode());
        JsonNode task = JSON.readTree(answer.body()).path("result").path("task");
        assertEquals("TASK_STATE_COMPLETED", task.path("status").path("state").asText(), answer.body());
    }

    @Test
    @Order(2)
    void rebuildAsV2MovesTrafficOver() throws Exception {
        JsonNode build = buildAndWait("greeter", "An agent that greets people by name and echoes text", "2.0.0");
        assertEquals("live", build.path("status").asText(), () -> "v2 did not go live: " + build);
        JsonNode card = JSON.readTree(get(build.path("url").asText() + ".well-known/agent-card.json").body());
        assertEquals("2.0.0", card.path("version").asText(), "the URL now serves v2");
    }

    @Test
    @Order(3)
    void hostileNameIsRefusedWithTheRule() throws Exception {
        HttpResponse<String> refused = post(fresh.platform().url() + "/v1/builds",
                "{\"name\":\"../Bad_Name!\",\"prompt\":\"anything\"}", Map.of());
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertEquals("name", error.path("field").asText(), refused.body());
        assertTrue(error.path("message").asText().length() > 20, "the message states the rule: " + refused.body());

        HttpResponse<String> reserved = post(fresh.platform().url() + "/v1/builds",
                "{\"name\":\"control-plane\",\"prompt\":\"anything\"}", Map.of());
        assertEquals(400, reserved.statusCode(), reserved.body());
    }

    @Test
    @Order(4)
    void deleteTakesTheUrlAway() throws Exception {
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(fresh.platform().url() + "/v1/agents/greeter"))
                .DELETE());
        assertTrue(deleted.statusCode() == 200 || deleted.statusCode() == 204, deleted.body());
        assertEquals(404, get(fresh.platform().url() + "/agents/greeter/.well-known/agent-card.json").statusCode());
        assertEquals(404, get(fresh.platform().url() + "/v1/agents/greeter").statusCode());
    }

    private JsonNode buildAndWait(String name, String prompt, String version) throws Exception {
        String body = JSON.writeValueAsString(version == null ? Map.of("name", name, "prompt", prompt)
                : Map.of("name", name, "prompt", prompt, "version", version));
        HttpResponse<String> accepted = post(fresh.platform().url() + "/v1/builds", body, Map.of());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).path("buildId").asText();
        return fresh.calls().awaitBuildEnd(id, BUILD_LIMIT, fresh::console);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return fresh.calls().get(url);
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        return fresh.calls().post(url, body, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return fresh.calls().send(request);
    }
}
