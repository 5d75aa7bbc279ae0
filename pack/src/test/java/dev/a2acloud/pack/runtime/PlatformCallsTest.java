package dev.a2acloud.pack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.pack.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ctx.llm / ctx.workspace / ctx.sandbox against a local stand-in of the platform that speaks the recorded contract
 * (docs/contracts.md: /llm/v1/chat/completions, /v1/workspace/files/{path}, /v1/sandbox/run) — the real control
 * plane is another module; this checks paths, methods, bearer tokens and bodies on the wire.
 */
class PlatformCallsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    HttpServer platform;
    AgentServer agent;
    String agentUrl;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/", this::fakePlatform);
        platform.start();
        String platformUrl = "http://127.0.0.1:" + platform.getAddress().getPort();
        agent = new AgentServer(Fixtures.model(), ServerConfig.loopback(Map.of("A2A_PLATFORM_URL", platformUrl)),
                getClass().getClassLoader());
        agentUrl = "http://127.0.0.1:" + agent.start();
    }

    @AfterEach
    void stop() {
        agent.stop();
        platform.stop(0);
    }

    private void fakePlatform(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String path = ex.getRequestURI().getPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        seen.add(ex.getRequestMethod() + " " + path + " " + auth);
        byte[] answer;
        if (path.equals("/llm/v1/chat/completions")) {
            JsonNode req = JSON.readTree(body);
            answer = ("{\"model\":\"" + req.path("model").asText() + "\",\"choices\":[{\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"echo: " + req.path("messages").get(0).path("content").asText() + "\"}}],"
                    + "\"usage\":{\"total_tokens\":3}}").getBytes();
        } else if (path.startsWith("/v1/workspace/files/") && !"Bearer ws-grant".equals(auth)) {
            ex.sendResponseHeaders(403, -1);
            return;
        } else if (path.startsWith("/v1/workspace/files/") && path.endsWith("/")) {
            answer = ("{\"entries\":[{\"path\":\"agents/t/out.txt\",\"size\":" + files.size() + "}]}").getBytes();
        } else if (path.startsWith("/v1/workspace/files/") && ex.getRequestMethod().equals("PUT")) {
            files.put(path, body);
            answer = "{\"path\":\"p\",\"size\":7,\"sha256\":\"x\"}".getBytes();
        } else if (path.startsWith("/v1/workspace/files/")) {
            answer = files.get(path);
        } else if (path.equals("/v1/sandbox/run")) {
            JsonNode req = JSON.readTree(body);
            seen.add("argv " + req.path("argv"));
            answer = "{\"exitCode\":0,\"stdout\":\"hi\\n\",\"stderr\":\"\",\"killed\":null}".getBytes();
        } else {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    HttpResponse<String> invoke(String skill, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agentUrl + "/invoke/" + skill))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void llmUsesThePlatformGrantAsBearer() throws Exception {
        HttpResponse<String> r = invoke("ask", "{\"arguments\":{\"prompt\":\"hi\"},\"llm_creds\":{\"token\":\"llm-grant\"}}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("echo: hi", JSON.readTree(r.body()).path("result").asText());
        assertTrue(seen.contains("POST /llm/v1/chat/completions Bearer llm-grant"), seen.toString());
    }

    @Test
    void llmUsesCallerCredsWhenGiven() throws Exception {
        String base = "http://127.0.0.1:" + platform.getAddress().getPort() + "/llm/v1";
        HttpResponse<String> r = invoke("ask", "{\"arguments\":{\"prompt\":\"yo\"},\"llm_creds\":{\"api_key\":\"sk-caller\","
                + "\"base_url\":\"" + base + "\",\"model\":\"m1\"}}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(seen.contains("POST /llm/v1/chat/completions Bearer sk-caller"), seen.toString());
    }

    @Test
    void missingLlmCredsFailTheSkillWithTheReason() throws Exception {
        HttpResponse<String> r = invoke("ask", "{\"arguments\":{\"prompt\":\"hi\"}}");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("no model credentials"), r.body());
    }

    @Test
    void workspaceAndSandboxUseTheCallersGrant() throws Exception {
        HttpResponse<String> r = invoke("files", "{\"arguments\":{},\"workspace_grant\":\"ws-grant\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = JSON.readTree(r.body()).path("result");
        assertEquals("written", result.path("read").asText());
        assertEquals(1, result.path("listed").asInt());
        assertEquals("hi\n", result.path("stdout").asText());
        assertTrue(seen.contains("PUT /v1/workspace/files/agents/t/out.txt Bearer ws-grant"), seen.toString());
        assertTrue(seen.contains("GET /v1/workspace/files/agents/t/ Bearer ws-grant"), seen.toString());
        assertTrue(seen.contains("POST /v1/sandbox/run Bearer ws-grant"), seen.toString());
        assertTrue(seen.contains("argv [\"sh\",\"-c\",\"echo hi\"]"), seen.toString());
    }

    @Test
    void workspaceRefusalIsReported() throws Exception {
        HttpResponse<String> r = invoke("files", "{\"arguments\":{},\"workspace_grant\":\"other\"}");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("HTTP 403"), r.body());
        HttpResponse<String> none = invoke("files", "{\"arguments\":{}}");
        assertTrue(none.body().contains("workspace_grant"), none.body());
    }
}
