package dev.a2acloud.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.a2acloud.e2e.PlatformCalls.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other ways into a build, against one fresh embedded platform (offline model, bubblewrap, real agent processes;
 * Knative, Argo CD and Gitea replaced by their embedded stand-ins): a {@code build.requested} CloudEvent posted to the
 * broker with curl, exactly as the README shows; the agent-builder agent called over A2A with the caller's token; ten
 * builds at once, each ending live with its own card and answering for itself.
 */
class BuildEntryPointsTest {
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(5);

    @RegisterExtension
    static final FreshPlatform fresh = new FreshPlatform();

    @Test
    void aCloudEventPostedWithCurlBuildsTheAgent() throws Exception {
        String buildId = "b-curl-" + UUID.randomUUID().toString().substring(0, 8);
        String data = JSON.writeValueAsString(Map.of("buildId", buildId, "agent", "by-curl", "owner",
                fresh.platform().userId(), "version", "1.0.0", "attempt", 1, "prompt", "An agent to reverse text",
                "public", false, "continuation", 0));
        Curl accepted = curlEvent(buildId, "by-curl", data);
        assertEquals(202, accepted.status(), accepted.output());

        JsonNode build = fresh.calls().awaitBuildEnd(buildId, BUILD_LIMIT, fresh::console);
        assertEquals("live", build.path("status").asText(), build::toString);
        String url = build.path("url").asText();
        assertEquals("by-curl", fresh.calls().card(url).path("name").asText());
        assertEquals("txet", fresh.calls().invoke(url, "reverse_text", Map.of("text", "text")).path("result").asText());
    }

    @Test
    void aMalformedOrHostileCloudEventIsRefusedAndBuildsNothing() throws Exception {
        Curl missingField = curlEvent("b-bad-1", "x", "{\"buildId\":\"b-bad-1\",\"agent\":\"x\"}");
        assertEquals(400, missingField.status(), missingField.output());
        assertTrue(missingField.output().contains("owner") || missingField.output().contains("required"),
                missingField.output());

        String hostileId = "b-hostile-" + UUID.randomUUID().toString().substring(0, 8);
        String hostile = JSON.writeValueAsString(Map.of("buildId", hostileId, "agent", "../../etc",
                "owner", fresh.platform().userId(), "version", "1.0.0", "attempt", 1, "prompt", "anything",
                "continuation", 0));
        // The broker takes any well-formed event (as Knative's does); the recorder refuses the name, and no step is
        // given a grant for a build the control plane never recorded.
        Curl taken = curlEvent(hostileId, "../../etc", hostile);
        assertEquals(202, taken.status(), taken.output());
        Thread.sleep(2_000);
        assertEquals(404, fresh.calls().get(fresh.platform().url() + "/v1/builds/" + hostileId).statusCode());
        assertFalse(Files.exists(fresh.home().resolve("etc")), "nothing was written outside the workspace");
        try (var paths = Files.walk(fresh.home())) {
            assertTrue(paths.noneMatch(p -> p.getFileName().toString().equals("etc")), "no 'etc' anywhere");
        }
    }

    @Test
    void theAgentBuilderBuildsOverA2aAsItsCaller() throws Exception {
        String builder = fresh.platform().agentBuilderUrl().orElseThrow(() -> new AssertionError(
                "the agent-builder was not deployed at start; console:\n" + fresh.console()));
        JsonNode card = fresh.calls().card(builder);
        assertEquals("agent-builder", card.path("name").asText());
        assertEquals("build", card.path("skills").path(0).path("id").asText());

        String request = """
                {"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m-build",
                 "role":"ROLE_USER","parts":[{"data":{"skill":"build","arguments":{"name":"by-a2a",
                 "prompt":"An agent to reverse text"}},"mediaType":"application/json"}]}}}""";
        HttpResponse<String> anonymous = fresh.calls().post(builder, request, Map.of("A2A-Version", "1.0"), null);
        assertEquals(200, anonymous.statusCode(), anonymous.body());
        JsonNode refused = JSON.readTree(anonymous.body()).path("result").path("task");
        assertEquals("TASK_STATE_FAILED", refused.path("status").path("state").asText(), anonymous.body());
        assertTrue(anonymous.body().contains("Authorization: Bearer"), "says how to authenticate: "
                + anonymous.body());

        HttpResponse<String> answered = fresh.calls().post(builder, request, Map.of("A2A-Version", "1.0"));
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode task = JSON.readTree(answered.body()).path("result").path("task");
        assertEquals("TASK_STATE_COMPLETED", task.path("status").path("state").asText(),
                () -> answered.body() + "\nconsole:\n" + fresh.console());
        String url = fresh.platform().url() + "/agents/by-a2a/";
        assertTrue(answered.body().contains(url), "the result names the live URL: " + answered.body());
        JsonNode agent = JSON.readTree(fresh.calls().get(fresh.platform().url() + "/v1/agents/by-a2a").body());
        assertEquals("live", agent.path("status").asText(), "the build belongs to the caller: " + agent);
        assertEquals("emordnilap", fresh.calls().invoke(url, "reverse_text", Map.of("text", "palindrome"))
                .path("result").asText());
    }

    @Test
    void theAgentBuilderStreamsTheBuildsStepsAsTaskProgress() throws Exception {
        String builder = fresh.platform().agentBuilderUrl().orElseThrow();
        String request = """
                {"jsonrpc":"2.0","id":2,"method":"SendStreamingMessage","params":{"message":{"messageId":"m-stream",
                 "role":"ROLE_USER","parts":[{"data":{"skill":"build","arguments":{"name":"streamed",
                 "prompt":"An agent to reverse text"}},"mediaType":"application/json"}]}}}""";
        HttpResponse<String> stream = fresh.calls().post(builder, request, Map.of("A2A-Version", "1.0"));
        assertEquals(200, stream.statusCode(), stream.body());
        List<String> progress = new ArrayList<>();
        String finalState = null;
        for (String block : stream.body().split("\n\n")) {
            if (!block.startsWith("data: ")) {
                continue;
            }
            JsonNode update = JSON.readTree(block.substring(6)).path("result").path("statusUpdate").path("status");
            finalState = update.path("state").asText(finalState);
            update.path("message").path("parts").forEach(part -> progress.add(part.path("text").asText()));
        }
        assertEquals("TASK_STATE_COMPLETED", finalState, stream.body());
        for (String step : List.of("generate", "sandbox-validate", "card-probe")) {
            assertTrue(progress.stream().anyMatch(line -> line.contains(step)), "progress names " + step + ": "
                    + progress);
        }
    }

    @Test
    void tenConcurrentBuildsAllGoLiveWithoutCrossTalk() throws Exception {
        int count = 10;
        Map<String, String> buildIds = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            // Each prompt names its own noun, so each agent's skill id says which prompt it was built from.
            buildIds.put("many-" + i, fresh.calls().startBuild("many-" + i, "An agent to reverse word" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<JsonNode>> ends = new ArrayList<>();
            for (String id : buildIds.values()) {
                ends.add(pool.submit(() -> fresh.calls().awaitBuildEnd(id, Duration.ofMinutes(10), fresh::console)));
            }
            int i = 0;
            for (Map.Entry<String, String> entry : buildIds.entrySet()) {
                JsonNode build = ends.get(i).get();
                String name = entry.getKey();
                assertEquals("live", build.path("status").asText(), build::toString);
                assertEquals(name, build.path("agent").asText());
                String url = build.path("url").asText();
                assertTrue(url.endsWith("/agents/" + name + "/"), url);
                JsonNode card = fresh.calls().card(url);
                assertEquals(name, card.path("name").asText(), card::toString);
                assertEquals("reverse_word" + i, card.path("skills").path(0).path("id").asText(), card::toString);
                String text = "sent to " + name;
                assertEquals(new StringBuilder(text).reverse().toString(), fresh.calls().invoke(url, "reverse_word" + i,
                        Map.of("text", text)).path("result").asText(), "agent " + name + " answers for itself");
                i++;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What curl answered: the HTTP status and everything it printed. */
    private record Curl(int status, String output) {
    }

    /** The README's command: a binary-mode CloudEvent posted to the broker ingress with curl. */
    private static Curl curlEvent(String buildId, String subject, String data) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/stderr", "-w", "%{http_code}",
                fresh.platform().url() + "/a2a-cloud/default",
                "-H", "ce-specversion: 1.0", "-H", "ce-type: dev.a2acloud.build.requested",
                "-H", "ce-source: /cli", "-H", "ce-id: " + buildId + ".requested.1.0", "-H", "ce-subject: " + subject,
                "-H", "ce-buildid: " + buildId, "-H", "Content-Type: application/json", "-d", data)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String body = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), "curl failed: " + body);
        return new Curl(Integer.parseInt(status), body);
    }
}
