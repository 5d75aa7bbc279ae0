package dev.a2acloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.llm.OpenAiChatModel;
import dev.a2acloud.core.llm.gateway.OfflineUpstream;
import dev.a2acloud.core.llm.gateway.Upstream;
import dev.a2acloud.core.llm.offline.OfflineModel;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.pack.tool.PackTool;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no model configured: the offline model, served over the chat-completions protocol exactly as the gateway
 * serves it, drives the real builder loop from the pack's real template to a project that the pack compiles, whose
 * card lists the skills derived from the prompt, and whose own project tests pass.
 */
class OfflineBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final InMemoryAgentFiles files = new InMemoryAgentFiles("agents/texty/");

    @BeforeEach
    void start() throws Exception {
        OfflineUpstream offline = new OfflineUpstream(new OfflineModel());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Upstream.Reply reply = offline.send(body, JSON.readTree(body).path("stream").asBoolean());
            byte[] answer = reply.body().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void offlineModelBuildsAProjectThatCompilesAndPassesItsTests(@TempDir Path dir) throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        BuildGrants grants = new BuildGrants("b-9", "u-1", "texty",
                new BuildGrants.Workspace("ws", "u-1", "agents/texty/", expiry),
                new BuildGrants.Llm("grant", baseUrl, List.of("offline"), expiry),
                new BuildGrants.ControlPlane("cp", expiry));
        GenerateStep step = new GenerateStep(id -> grants, g -> files,
                g -> new OpenAiChatModel(g.llm().baseUrl(), g.llm().token(), Duration.ofSeconds(10)),
                g -> (prefix, version) -> { throw new AssertionError("the offline model leaves testing to validation"); },
                PackAgentTemplate.fromClasspath(getClass().getClassLoader()), BuilderSkills.fromResources(),
                (event, s) -> { }, GenerateSettings.defaults(), Clock.systemUTC());

        BuildEvent out = step.apply(new BuildRequested("b-9", "texty", "u-1", "2.3.4", 1,
                "An agent that reverses text and counts the words of a sentence.", false, 0));
        assertInstanceOf(BuildGenerated.class, out, String.valueOf(out));

        for (var file : files.files.entrySet()) {
            String rel = file.getKey().substring("agents/texty/".length());
            if (!rel.startsWith(".a2a/")) {
                Path target = dir.resolve(rel);
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        }
        assertTrue(Files.readString(dir.resolve("a2a.yaml")).contains("offline model"));

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PackTool tool = new PackTool(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, tool.run("compile", dir.toString(), dir.resolve("agent.jar").toString()),
                () -> stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, tool.run("card", dir.toString()), () -> stderr.toString(StandardCharsets.UTF_8));
        JsonNode card = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        assertEquals("2.3.4", card.path("version").asText());
        List<String> skills = card.path("skills").findValuesAsText("id");
        assertEquals(List.of("count_words", "reverse_text"), skills.stream().sorted().toList());
        assertEquals(0, tool.run("test", dir.toString()), () -> stderr.toString(StandardCharsets.UTF_8)
                + stdout.toString(StandardCharsets.UTF_8));
    }
}
