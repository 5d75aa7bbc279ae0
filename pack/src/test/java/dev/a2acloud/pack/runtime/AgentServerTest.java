package dev.a2acloud.pack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.pack.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real server on a loopback port: every JSON-RPC method in both protocol versions, errors, SSE, invoke. */
class AgentServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static AgentServer server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = new AgentServer(Fixtures.model(), ServerConfig.loopback(Map.of()).withMaxRequestBytes(64 * 1024),
                AgentServerTest.class.getClassLoader());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> post(String path, String version, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (version != null) {
            b.header("A2A-Version", version);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode rpc(String version, String method, String params) throws Exception {
        HttpResponse<String> r = post("/", version, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                + "\",\"params\":" + params + "}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("2.0", n.path("jsonrpc").asText());
        return n;
    }

    static String textMessage(String text) {
        return "{\"message\":{\"kind\":\"message\",\"messageId\":\"m-1\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\""
                + text + "\"}]}}";
    }

    static String v10Data(String skill, String arguments) {
        return "{\"message\":{\"messageId\":\"m-2\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":{\"skill\":\"" + skill
                + "\",\"arguments\":" + arguments + "},\"mediaType\":\"application/json\"}]}}";
    }

    static String v03Data(String skill, String arguments, String extra) {
        return "{\"message\":{\"kind\":\"message\",\"messageId\":\"m-3\",\"role\":\"user\",\"parts\":[{\"kind\":\"data\","
                + "\"data\":{\"skill\":\"" + skill + "\",\"arguments\":" + arguments + "}}]}" + extra + "}";
    }

    @Test
    void sendMessage03TextGoesToDefaultSkill() throws Exception {
        JsonNode r = rpc(null, "message/send", textMessage("hello"));
        JsonNode task = r.path("result");
        assertEquals("task", task.path("kind").asText());
        assertEquals("completed", task.path("status").path("state").asText());
        JsonNode part = task.path("artifacts").path(0).path("parts").path(0);
        assertEquals("text", part.path("kind").asText());
        assertEquals("hello", part.path("text").asText());
        assertEquals(7, r.path("id").asInt());
    }

    @Test
    void sendMessage10DataPartNamesSkill() throws Exception {
        JsonNode r = rpc("1.0", "SendMessage", v10Data("add", "{\"a\":2,\"b\":40}"));
        JsonNode task = r.path("result").path("task");
        assertFalse(task.has("kind"));
        assertEquals("TASK_STATE_COMPLETED", task.path("status").path("state").asText());
        JsonNode part = task.path("artifacts").path(0).path("parts").path(0);
        assertEquals(42, part.path("data").asInt());
        assertEquals("ROLE_USER", task.path("history").path(0).path("role").asText());
    }

    @Test
    void headerNotMethodNameDecidesShape() throws Exception {
        JsonNode v10 = rpc("1.0", "message/send", textMessage("x")).path("result");
        assertTrue(v10.has("task"), v10.toString());
        JsonNode v03 = rpc(null, "SendMessage", textMessage("x")).path("result");
        assertEquals("task", v03.path("kind").asText());
        JsonNode empty = rpc("", "SendMessage", textMessage("x")).path("result");
        assertEquals("task", empty.path("kind").asText());
    }

    @Test
    void v03DataResultIsWrappedAsObject() throws Exception {
        JsonNode task = rpc(null, "message/send", v03Data("add", "{\"a\":1,\"b\":1}", "")).path("result");
        JsonNode part = task.path("artifacts").path(0).path("parts").path(0);
        assertEquals("data", part.path("kind").asText());
        assertEquals(2, part.path("data").path("result").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1.0"})
    void getTaskInBothVersions(String version) throws Exception {
        boolean v10 = version.equals("1.0");
        JsonNode sent = rpc(version, v10 ? "SendMessage" : "message/send", textMessage("keep"));
        String id = (v10 ? sent.path("result").path("task") : sent.path("result")).path("id").asText();
        JsonNode got = rpc(version, v10 ? "GetTask" : "tasks/get", "{\"id\":\"" + id + "\",\"historyLength\":0}")
                .path("result");
        assertEquals(id, got.path("id").asText());
        assertEquals(v10 ? "TASK_STATE_COMPLETED" : "completed", got.path("status").path("state").asText());
        assertEquals(0, got.path("history").size());
        JsonNode missing = rpc(version, v10 ? "GetTask" : "tasks/get", "{\"id\":\"nope\"}");
        assertEquals(-32001, missing.path("error").path("code").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1.0"})
    void cancelInBothVersions(String version) throws Exception {
        boolean v10 = version.equals("1.0");
        String config = v10 ? ",\"configuration\":{\"returnImmediately\":true}" : ",\"configuration\":{\"blocking\":false}";
        JsonNode sent = rpc(version, v10 ? "SendMessage" : "message/send",
                (v10 ? v10Data("wait", "{\"seconds\":20}") : v03Data("wait", "{\"seconds\":20}", "")).replaceFirst("}$", config + "}"));
        JsonNode task = v10 ? sent.path("result").path("task") : sent.path("result");
        assertEquals(v10 ? "TASK_STATE_WORKING" : "working", task.path("status").path("state").asText(), sent.toString());
        String id = task.path("id").asText();
        JsonNode canceled = rpc(version, v10 ? "CancelTask" : "tasks/cancel", "{\"id\":\"" + id + "\"}").path("result");
        assertEquals(v10 ? "TASK_STATE_CANCELED" : "canceled", canceled.path("status").path("state").asText());
        JsonNode again = rpc(version, v10 ? "CancelTask" : "tasks/cancel", "{\"id\":\"" + id + "\"}");
        assertEquals(-32002, again.path("error").path("code").asInt());
        JsonNode missing = rpc(version, v10 ? "CancelTask" : "tasks/cancel", "{\"id\":\"nope\"}");
        assertEquals(-32001, missing.path("error").path("code").asInt());
    }

    @Test
    void streaming03SseFraming() throws Exception {
        HttpResponse<String> r = post("/", null, "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"message/stream\",\"params\":"
                + v03Data("report", "{}", "") + "}");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = sse(r.body());
        assertEquals("task", events.get(0).path("result").path("kind").asText());
        JsonNode last = events.get(events.size() - 1).path("result");
        assertEquals("status-update", last.path("kind").asText());
        assertTrue(last.path("final").asBoolean());
        assertEquals("completed", last.path("status").path("state").asText());
        assertTrue(events.stream().anyMatch(e -> e.path("result").path("kind").asText().equals("artifact-update")
                && e.path("result").path("artifact").path("name").asText().equals("notes")));
        assertTrue(events.stream().anyMatch(e -> e.path("result").path("status").path("message").path("parts").path(0)
                .path("text").asText().equals("step 1")));
        events.forEach(e -> assertEquals("s1", e.path("id").asText()));
    }

    @Test
    void streaming10Shapes() throws Exception {
        HttpResponse<String> r = post("/", "1.0", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendStreamingMessage\","
                + "\"params\":" + v10Data("report", "{}") + "}");
        List<JsonNode> events = sse(r.body());
        assertTrue(events.get(0).path("result").has("task"));
        assertTrue(events.stream().anyMatch(e -> e.path("result").has("artifactUpdate")));
        JsonNode last = events.get(events.size() - 1).path("result");
        assertEquals("TASK_STATE_COMPLETED", last.path("statusUpdate").path("status").path("state").asText());
    }

    static List<JsonNode> sse(String body) throws IOException {
        assertTrue(body.endsWith("\n\n"), "every SSE event ends with a blank line");
        List<JsonNode> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith(":")) {
                continue;
            }
            assertTrue(block.startsWith("data: "), block);
            assertFalse(block.substring(6).contains("\n"), "one data line per event");
            out.add(JSON.readTree(block.substring(6)));
        }
        return out;
    }

    @Test
    void skillTimeoutFailsTheTask() throws Exception {
        JsonNode task = rpc(null, "message/send", v03Data("slow", "{\"seconds\":10}", "")).path("result");
        assertEquals("failed", task.path("status").path("state").asText());
        assertTrue(task.path("status").path("message").path("parts").path(0).path("text").asText()
                .contains("exceeded its timeout of 0.5 s"), task.toString());
        HttpResponse<String> invoke = post("/invoke/slow", null, "{\"arguments\":{\"seconds\":10}}");
        assertEquals(504, invoke.statusCode());
        assertEquals("skill_timeout", JSON.readTree(invoke.body()).path("error").path("code").asText());
    }

    @Test
    void skillExceptionFailsTheTask() throws Exception {
        JsonNode task = rpc("1.0", "SendMessage", v10Data("boom", "{}")).path("result").path("task");
        assertEquals("TASK_STATE_FAILED", task.path("status").path("state").asText());
        assertTrue(task.toString().contains("kaboom"));
    }

    @Test
    void everyErrorCode() throws Exception {
        assertEquals(-32700, code(post("/", null, "{not json")));
        assertEquals(-32600, code(post("/", null, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tasks/get\"}")));
        assertEquals(-32600, code(post("/", null, "[{\"jsonrpc\":\"2.0\"}]")));
        assertEquals(-32601, code(post("/", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/explode\"}")));
        assertEquals(-32602, code(post("/", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{}}")));
        assertEquals(-32602, rpc(null, "message/send", v03Data("add", "{\"a\":\"two\",\"b\":1}", "")).path("error").path("code").asInt());
        assertEquals(-32001, rpc(null, "tasks/get", "{\"id\":\"missing\"}").path("error").path("code").asInt());
        assertEquals(-32004, rpc("1.0", "CreateTaskPushNotificationConfig", "{}").path("error").path("code").asInt());
        assertEquals(-32004, rpc(null, "tasks/resubscribe", "{\"id\":\"x\"}").path("error").path("code").asInt());
        String file = "{\"message\":{\"kind\":\"message\",\"messageId\":\"f\",\"role\":\"user\",\"parts\":[{\"kind\":\"file\","
                + "\"file\":{\"uri\":\"https://x/y.png\",\"mimeType\":\"image/png\"}}]}}";
        assertEquals(-32005, rpc(null, "message/send", file).path("error").path("code").asInt());
        assertEquals(-32005, rpc(null, "message/send", textMessage("x").replaceFirst("}$",
                ",\"configuration\":{\"acceptedOutputModes\":[\"image/png\"]}}")).path("error").path("code").asInt());
        // -32002 and -32603 are covered by cancelInBothVersions and concurrencyLimit.
    }

    @Test
    void invalidArgumentsNameTheField() throws Exception {
        JsonNode e = rpc(null, "message/send", v03Data("shape", "{\"point\":{\"x\":\"1\"},\"labels\":[],\"mood\":\"HAPPY\"}", ""))
                .path("error");
        assertEquals(-32602, e.path("code").asInt());
        assertTrue(e.path("message").asText().contains("arguments.point.x"), e.toString());
        JsonNode unknown = rpc(null, "message/send", v03Data("add", "{\"a\":1,\"b\":2,\"c\":3}", "")).path("error");
        assertTrue(unknown.path("message").asText().contains("arguments.c"), unknown.toString());
        JsonNode missing = rpc(null, "message/send", v03Data("add", "{\"a\":1}", "")).path("error");
        assertTrue(missing.path("message").asText().contains("arguments.b: is required"), missing.toString());
        JsonNode mood = rpc(null, "message/send", v03Data("shape", "{\"point\":{\"x\":1},\"labels\":[\"a\"],\"mood\":\"ANGRY\"}", ""))
                .path("error");
        assertTrue(mood.path("message").asText().contains("arguments.mood: must be one of"), mood.toString());
        JsonNode noSkill = rpc(null, "message/send", v03Data("nope", "{}", "")).path("error");
        assertEquals(-32602, noSkill.path("code").asInt());
        HttpResponse<String> invoke = post("/invoke/add", null, "{\"arguments\":{\"a\":1,\"b\":true}}");
        assertEquals(400, invoke.statusCode());
        JsonNode err = JSON.readTree(invoke.body()).path("error");
        assertEquals("invalid_arguments", err.path("code").asText());
        assertEquals("arguments.b", err.path("field").asText());
    }

    @Test
    void structuredArgumentsBind() throws Exception {
        HttpResponse<String> r = post("/invoke/shape", null,
                "{\"arguments\":{\"point\":{\"x\":3},\"labels\":[\"a\",\"b\"],\"mood\":\"SAD\"}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = JSON.readTree(r.body()).path("result");
        assertEquals(3, result.path("x").asInt());
        assertEquals("SAD", result.path("mood").asText());
        assertEquals("none", result.path("note").asText());
    }

    @Test
    void invokeReturnsResultArtifactsAndEvents() throws Exception {
        HttpResponse<String> r = post("/invoke/report", null, "{\"arguments\":{}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(1, body.path("result").path("steps").asInt());
        assertEquals(2, body.path("artifacts").size());
        assertEquals("some notes", body.path("artifacts").path(0).path("text").asText());
        assertEquals(2, body.path("artifacts").path(1).path("data").path("rows").asInt());
        assertEquals("step 1", body.path("events").path(0).path("message").asText());
        assertEquals(404, post("/invoke/nope", null, "{}").statusCode());
        assertEquals(400, post("/invoke/add", null, "[1]").statusCode());
        assertEquals(500, post("/invoke/boom", null, "{}").statusCode());
    }

    @Test
    void theCallersBearerTokenReachesTheSkillOverBothWires() throws Exception {
        HttpRequest.Builder invoke = HttpRequest.newBuilder(URI.create(base + "/invoke/whoami"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer tok-123")
                .POST(HttpRequest.BodyPublishers.ofString("{\"arguments\":{}}"));
        HttpResponse<String> r = http.send(invoke.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("tok-123", JSON.readTree(r.body()).path("result").asText(), r.body());

        HttpRequest.Builder rpc = HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .header("Authorization", "bearer tok-456")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\","
                        + "\"params\":" + v10Data("whoami", "{}") + "}"));
        HttpResponse<String> sent = http.send(rpc.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(sent.body().contains("tok-456"), sent.body());

        JsonNode anonymous = JSON.readTree(post("/invoke/whoami", null, "{\"arguments\":{}}").body());
        assertEquals("anonymous", anonymous.path("result").asText());
    }

    @Test
    void requestSizeLimit() throws Exception {
        String big = "{\"arguments\":{\"text\":\"" + "x".repeat(70 * 1024) + "\"}}";
        assertEquals(413, post("/invoke/echo", null, big).statusCode());
        assertEquals(413, post("/", null, big).statusCode());
    }

    @Test
    void concurrencyLimitRefusesClearly() throws Exception {
        // The test agent declares concurrency 3: three waits hold every permit, the fourth call is refused.
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/invoke/wait"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"arguments\":{\"seconds\":1.5}}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(400);
        HttpResponse<String> refused = post("/invoke/echo", null, "{\"arguments\":{\"text\":\"x\"}}");
        assertEquals(429, refused.statusCode());
        assertTrue(refused.body().contains("concurrency of 3"), refused.body());
        JsonNode rpcRefused = rpc(null, "message/send", textMessage("x")).path("error");
        assertEquals(-32603, rpcRefused.path("code").asInt());
        assertTrue(rpcRefused.path("message").asText().contains("busy"));
        for (var f : running) {
            assertEquals(200, f.join().statusCode());
        }
        assertEquals(200, post("/invoke/echo", null, "{\"arguments\":{\"text\":\"x\"}}").statusCode());
    }

    @Test
    void cardHealthAndUnknownPaths() throws Exception {
        HttpResponse<String> card = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/agent-card.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, card.statusCode());
        JsonNode c = JSON.readTree(card.body());
        assertEquals(base + "/", c.path("url").asText());
        assertEquals("test-agent", c.path("name").asText());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, wrongType.statusCode());
    }

    static int code(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("error").path("code").asInt();
    }
}
