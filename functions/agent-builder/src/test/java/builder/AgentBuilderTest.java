package builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.pack.LlmClient;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.RunContext;
import dev.a2acloud.pack.SandboxClient;
import dev.a2acloud.pack.WorkspaceClient;
import dev.a2acloud.pack.tool.PackTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-builder as a pack project (the pack compiles it and prints its card) and its skill against a loopback
 * server keeping the control plane's build API (docs/contracts.md) and serving the new agent's card.
 */
class AgentBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile String outcome = "live";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        int status;
        String body;
        if (path.startsWith("/v1/") && !"Bearer user-token".equals(auth)) {
            status = 401;
            body = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad token\"}}";
        } else if (path.equals("/v1/builds") && ex.getRequestMethod().equals("POST")) {
            posted.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            status = 202;
            body = "{\"buildId\":\"b-42\",\"agent\":\"echo\",\"version\":\"1.0.0\",\"status\":\"running\"}";
        } else if (path.equals("/v1/builds/b-42")) {
            int n = polls.incrementAndGet();
            String timeline = "[{\"id\":\"b-42.requested.1.0\",\"type\":\"requested\",\"step\":\"control-plane\"}"
                    + (n >= 2 ? ",{\"id\":\"b-42.progress.1\",\"type\":\"progress\",\"step\":\"generate\","
                    + "\"message\":\"write_file agent/Agent.java\"}" : "") + "]";
            String state = n < 3 ? "running" : outcome;
            status = 200;
            body = "{\"buildId\":\"b-42\",\"version\":\"1.0.0\",\"status\":\"" + state + "\",\"url\":\"" + base()
                    + "/agents/echo/\",\"failureStage\":\"compile\",\"failureReason\":\"Agent.java:3: error\","
                    + "\"timeline\":" + timeline + "}";
        } else if (path.equals("/agents/echo/.well-known/agent-card.json")) {
            status = 200;
            body = "{\"name\":\"echo\",\"version\":\"1.0.0\",\"skills\":[{\"id\":\"echo\"},{\"id\":\"stats\"}]}";
        } else {
            status = 404;
            body = "{}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static final class Ctx implements RunContext {
        final List<String> progress = new CopyOnWriteArrayList<>();
        final String bearer;

        Ctx() {
            this(null);
        }

        Ctx(String bearer) {
            this.bearer = bearer;
        }

        @Override public String skillId() { return "build"; }
        @Override public String taskId() { return "t-1"; }
        @Override public String contextId() { return "c-1"; }
        @Override public LlmClient llm() { throw new AssertionError("the builder agent needs no model itself"); }
        @Override public SandboxClient sandbox() { throw new AssertionError("no sandbox"); }
        @Override public WorkspaceClient workspace() { throw new AssertionError("no workspace"); }
        @Override public void progress(String message) { progress.add(message); }
        @Override public void artifact(String name, Object content) { }
        @Override public boolean cancelled() { return false; }
        @Override public Optional<String> callerToken() { return Optional.ofNullable(bearer); }
    }

    private AgentBuilder builder() {
        return new AgentBuilder(base(), "user-token", Duration.ofMillis(10), Duration.ofSeconds(10));
    }

    @Test
    void startsTheBuildStreamsProgressAndReturnsTheLiveAgent() {
        Ctx ctx = new Ctx();
        AgentBuilder.BuildResult result = builder().build("echo", "an agent that echoes", "1.0.0", true, null, ctx);
        assertEquals(base() + "/agents/echo/", result.url());
        assertEquals("1.0.0", result.version());
        assertEquals(List.of("echo", "stats"), result.skills());
        JsonNode sent = posted.getFirst();
        assertEquals("echo", sent.path("name").asText());
        assertTrue(sent.path("public").asBoolean());
        assertTrue(ctx.progress.stream().anyMatch(p -> p.contains("write_file agent/Agent.java")), ctx.progress.toString());
        assertEquals(1, ctx.progress.stream().filter(p -> p.startsWith("requested")).count(), "each entry once");
    }

    @Test
    void aFailedBuildFailsTheTaskWithTheReason() {
        outcome = "failed";
        PackException e = assertThrows(PackException.class,
                () -> builder().build("echo", "x", null, null, null, new Ctx()));
        assertTrue(e.getMessage().contains("compile") && e.getMessage().contains("Agent.java:3"), e.getMessage());
    }

    @Test
    void theCallersTokenWinsAndABadOneIsRefusedClearly() {
        PackException e = assertThrows(PackException.class,
                () -> builder().build("echo", "x", null, null, "stolen", new Ctx()));
        assertTrue(e.getMessage().contains("refused the token"), e.getMessage());
    }

    @Test
    void withoutATokenArgumentTheBuilderActsAsItsCaller() {
        AgentBuilder noOwnToken = new AgentBuilder(base(), null, Duration.ofMillis(10), Duration.ofSeconds(10));
        AgentBuilder.BuildResult result = noOwnToken.build("echo", "an agent that echoes", null, null, null,
                new Ctx("user-token"));
        assertEquals("1.0.0", result.version());

        PackException anonymous = assertThrows(PackException.class,
                () -> noOwnToken.build("echo", "x", null, null, null, new Ctx()));
        assertEquals("token", anonymous.field());
        assertTrue(anonymous.getMessage().contains("Authorization: Bearer"), anonymous.getMessage());
        assertTrue(posted.size() == 1, "nothing was asked of the control plane without a token");
    }

    @Test
    void itIsAPackProjectThePackCompilesWithACard(@TempDir Path dir) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Files.copy(module.resolve("a2a.yaml"), dir.resolve("a2a.yaml"));
        for (String folder : List.of("agent", "skills")) {
            try (Stream<Path> files = Files.walk(module.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = dir.resolve(module.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PackTool tool = new PackTool(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, tool.run("card", dir.toString()), () -> err.toString(StandardCharsets.UTF_8));
        JsonNode card = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("agent-builder", card.path("name").asText());
        JsonNode skill = card.path("skills").get(0);
        assertEquals("build", skill.path("id").asText());
        assertTrue(card.toString().contains("\"prompt\""), "the input schema names the prompt");
    }
}
