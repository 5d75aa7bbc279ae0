package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands against a fake control plane (and fake agent) on loopback, through real HTTP. */
class RemoteCommandsTest {
    private FakeControlPlane plane;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        plane = new FakeControlPlane();
        cli = new CliRunner().platform(plane.url());
        cli.env.put("A2A_TOKEN", "t0ken");
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private static String sse(String type, String id, String time, String data) {
        return "event: " + type + "\nid: " + id + "\ndata: {\"type\":\"" + type + "\",\"time\":\"" + time
                + "\",\"data\":" + data + "}\n\n";
    }

    private void liveBuild() {
        plane.on("POST", "/v1/builds", 202, "{\"buildId\":\"b-1\",\"status\":\"requested\",\"version\":\"1.0.0\"}");
        String base = "\"buildId\":\"b-1\",\"agent\":\"echo\",\"owner\":\"u-1\",\"version\":\"1.0.0\",\"attempt\":1";
        plane.onSse("/v1/builds/b-1/events",
                ": hello\n\n"
                        + sse("dev.a2acloud.build.requested", "b-1.requested.1", "2026-11-22T10:00:00Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.progress", "b-1.progress.1", "2026-11-22T10:00:00.500Z",
                        "{" + base + ",\"step\":\"generate\",\"kind\":\"file_written\",\"message\":\"wrote agent/Agent.java\"}")
                        + sse("dev.a2acloud.build.generated", "b-1.generated.1", "2026-11-22T10:00:01.200Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.validated", "b-1.validated.1", "2026-11-22T10:00:03Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.packaged", "b-1.packaged.1", "2026-11-22T10:00:03.100Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.committed", "b-1.committed.1", "2026-11-22T10:00:03.150Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.synced", "b-1.synced.1", "2026-11-22T10:00:03.500Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.live", "b-1.live.1", "2026-11-22T10:00:03.900Z", "{" + base
                        + ",\"url\":\"http://127.0.0.1:8080/agents/echo/\",\"revision\":\"echo-00001\","
                        + "\"skills\":[\"echo\",\"reverse\"],\"probeWaitMillis\":300}"));
    }

    @Test
    void buildShowsEachStepWithItsDurationAndEndsWithUrlVersionSkillsAndACall() throws IOException {
        liveBuild();
        CliRunner.Result result = cli.run("build", "echo", "Echo back what I say");
        assertEquals(0, result.exit(), result.err());
        String out = result.out();
        assertTrue(out.contains("Building 'echo' (build b-1, version 1.0.0)"), out);
        assertTrue(out.contains("  ✓ generate             1.2 s"), out);
        assertTrue(out.contains("      wrote agent/Agent.java"), out);
        assertTrue(out.contains("  ✓ sandbox-validate     1.8 s"), out);
        assertTrue(out.contains("  ✓ card-probe          400 ms"), out);
        assertTrue(out.contains("  URL:      http://127.0.0.1:8080/agents/echo/"), out);
        assertTrue(out.contains("  Version:  1.0.0"), out);
        assertTrue(out.contains("  Skills:   echo, reverse"), out);
        assertTrue(out.contains("curl -s http://127.0.0.1:8080/agents/echo/ -H 'Content-Type: application/json'"), out);
        FakeControlPlane.Recorded post = plane.last("POST", "/v1/builds");
        assertEquals("Bearer t0ken", post.header("Authorization"));
        JsonNode body = PlatformClient.JSON.readTree(post.bodyText());
        assertEquals("echo", body.path("name").asText());
        assertEquals("Echo back what I say", body.path("prompt").asText());
        assertTrue(cli.startRequests.isEmpty(), "a platform answered: nothing should have been started");
    }

    @Test
    void buildJsonPrintsOneObjectForScripts() throws IOException {
        liveBuild();
        CliRunner.Result result = cli.run("build", "echo", "Echo back", "--json", "--version", "1.0.0");
        assertEquals(0, result.exit(), result.err());
        JsonNode json = PlatformClient.JSON.readTree(result.out());
        assertEquals("live", json.path("status").asText());
        assertEquals("http://127.0.0.1:8080/agents/echo/", json.path("url").asText());
        assertEquals(6, json.path("steps").size());
        assertEquals("generate", json.path("steps").get(0).path("step").asText());
        assertEquals(1200, json.path("steps").get(0).path("millis").asLong());
        assertEquals("1.0.0", PlatformClient.JSON.readTree(plane.last("POST", "/v1/builds").bodyText())
                .path("version").asText());
    }

    @Test
    void aFailedBuildExitsNonZeroWithTheReason() {
        plane.on("POST", "/v1/builds", 202, "{\"buildId\":\"b-2\"}");
        String base = "\"buildId\":\"b-2\",\"agent\":\"echo\",\"owner\":\"u-1\",\"version\":\"1.0.0\",\"attempt\":3";
        plane.onSse("/v1/builds/b-2/events",
                sse("dev.a2acloud.build.generated", "b-2.generated.3", "2026-11-22T10:00:01Z", "{" + base + "}")
                        + sse("dev.a2acloud.build.failed", "b-2.failed.3", "2026-11-22T10:00:02Z", "{" + base
                        + ",\"stage\":\"compile\",\"reason\":\"Agent.java:3: cannot find symbol\",\"logTail\":\"error 1\"}"));
        CliRunner.Result result = cli.run("build", "echo", "Echo");
        assertEquals(1, result.exit());
        assertTrue(result.out().contains("Build of 'echo' failed at compile: Agent.java:3: cannot find symbol"),
                result.out());
        assertTrue(result.out().contains("  ✗ sandbox-validate"), result.out());
    }

    @Test
    void aStreamThatEndsEarlyFallsBackToTheBuildRecord() {
        plane.on("POST", "/v1/builds", 202, "{\"buildId\":\"b-3\"}");
        plane.onSse("/v1/builds/b-3/events", "");
        plane.on("GET", "/v1/builds/b-3", 200, "{\"buildId\":\"b-3\",\"status\":\"LIVE\",\"version\":\"1.0.0\","
                + "\"url\":\"http://127.0.0.1:8080/agents/echo/\",\"skills\":[\"echo\"]}");
        CliRunner.Result result = cli.run("build", "echo", "Echo");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("  URL:      http://127.0.0.1:8080/agents/echo/"), result.out());
    }

    @Test
    void theServersErrorMessageIsShown() {
        plane.on("POST", "/v1/builds", 400, "{\"error\":{\"code\":\"reserved_name\",\"message\":\"'broker' is reserved;"
                + " pick another\",\"field\":\"name\"}}");
        CliRunner.Result result = cli.run("build", "broker", "x");
        assertEquals(1, result.exit());
        assertEquals("a2a: 'broker' is reserved; pick another [field: name] (400)\n", result.err());
    }

    @Test
    void aRefusedTokenSaysWhatToDo() {
        plane.on("GET", "/v1/agents", 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"token expired\"}}");
        CliRunner.Result result = cli.run("agents");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("refused the token (401: token expired)"), result.err());
        assertTrue(result.err().contains("--token"), result.err());
    }

    @Test
    void noPlatformAnsweringSaysHowToStartOne() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRunner.Result result = new CliRunner().platform(java.net.URI.create("http://127.0.0.1:" + port)).run("agents");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("no platform answers at http://127.0.0.1:" + port), result.err());
        assertTrue(result.err().contains("a2a up"), result.err());
    }

    @Test
    void buildStartsTheEmbeddedPlatformWhenNoneAnswersLocally() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRunner local = new CliRunner().platform(java.net.URI.create("http://127.0.0.1:" + port));
        CliRunner.Result result = local.run("build", "echo", "Echo");
        assertEquals(1, local.startRequests.size());
        assertEquals(1, result.exit()); // the fake starter starts nothing, so the POST then finds no platform
    }

    @Test
    void servicesAndDescribeFormatTheControlPlanesJson() throws IOException {
        String fixture;
        try (var in = getClass().getResourceAsStream("/fixtures/services.json")) {
            fixture = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        plane.on("GET", "/v1/services", 200, fixture);
        JsonNode echo = PlatformClient.JSON.readTree(fixture).path("services").get(0);
        plane.on("GET", "/v1/services/echo", 200, echo.toString());
        CliRunner.Result list = cli.run("services");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().startsWith("NAME          URL"), list.out());
        CliRunner.Result describe = cli.run("service", "describe", "echo");
        assertEquals(0, describe.exit(), describe.err());
        assertTrue(describe.out().contains("100%  @latest (echo-00002) [2] (2m)"), describe.out());
        assertEquals(1, cli.run("service", "describe", "nope").exit());
    }

    @Test
    void agentsBuildsAndDelete() {
        plane.on("GET", "/v1/agents", 200, "{\"agents\":[{\"name\":\"echo\",\"version\":\"1.0.0\",\"status\":\"live\","
                + "\"url\":\"http://127.0.0.1:8080/agents/echo/\",\"createdAt\":\"2026-11-22T09:00:00Z\"}]}");
        plane.on("GET", "/v1/builds", 200, "[{\"buildId\":\"b-1\",\"agent\":\"echo\",\"version\":\"1.0.0\","
                + "\"status\":\"failed\",\"currentStep\":\"sandbox-validate\",\"createdAt\":\"2026-11-22T09:59:00Z\","
                + "\"failureReason\":\"no skills\"}]");
        plane.on("DELETE", "/v1/agents/echo", 204, "");
        assertEquals("""
                NAME   VERSION   STATUS   URL                                  AGE
                echo   1.0.0     live     http://127.0.0.1:8080/agents/echo/   60m
                """, cli.run("agents").out());
        assertEquals("""
                BUILD   AGENT   VERSION   STATUS   STEP               AGE   REASON
                b-1     echo    1.0.0     failed   sandbox-validate   60s   no skills
                """, cli.run("builds").out());
        CliRunner.Result deleted = cli.run("delete", "echo");
        assertEquals(0, deleted.exit(), deleted.err());
        assertEquals("Agent 'echo' deleted.\n", deleted.out());
        assertEquals("Bearer t0ken", plane.last("DELETE", "/v1/agents/echo").header("Authorization"));
    }

    @Test
    void sendSpeaksJsonRpcToTheAgentAndNeverSendsThePlatformToken() throws IOException {
        plane.on("GET", "/v1/agents/echo", 200, "{\"name\":\"echo\",\"url\":\"" + plane.url() + "/agents/echo\"}");
        plane.on("POST", "/agents/echo/", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"task\":{\"id\":\"t1\","
                + "\"status\":{\"state\":\"TASK_STATE_COMPLETED\"},\"artifacts\":[{\"parts\":[{\"text\":\"hello back\"}]}]}}}");
        CliRunner.Result result = cli.run("send", "echo", "hello");
        assertEquals(0, result.exit(), result.err());
        assertEquals("hello back\n", result.out());
        FakeControlPlane.Recorded call = plane.last("POST", "/agents/echo/");
        assertEquals(null, call.header("Authorization"));
        JsonNode request = PlatformClient.JSON.readTree(call.bodyText());
        assertEquals("SendMessage", request.path("method").asText());
        assertEquals("hello", request.path("params").path("message").path("parts").get(0).path("text").asText());
    }

    @Test
    void sendReportsAJsonRpcError() {
        plane.on("GET", "/v1/agents/echo", 200, "{\"name\":\"echo\",\"url\":\"" + plane.url() + "/agents/echo/\"}");
        plane.on("POST", "/agents/echo/", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,"
                + "\"message\":\"text is required\"}}");
        CliRunner.Result result = cli.run("send", "echo", "hello");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("JSON-RPC error -32602: text is required"), result.err());
    }

    @Test
    void callPostsTypedArgumentsToInvoke() throws IOException {
        plane.on("GET", "/v1/agents/calc", 200, "{\"name\":\"calc\",\"url\":\"" + plane.url() + "/agents/calc/\"}");
        plane.on("POST", "/agents/calc/invoke/add", 200, "{\"result\":{\"sum\":5},\"artifacts\":[],\"events\":[]}");
        CliRunner.Result result = cli.run("call", "calc", "add", "--arg", "a=2", "--arg", "b=3", "--arg", "note=two words",
                "--arg", "flag=true", "--arg", "empty=");
        assertEquals(0, result.exit(), result.err());
        assertEquals(5, PlatformClient.JSON.readTree(result.out()).path("sum").asInt());
        JsonNode arguments = PlatformClient.JSON.readTree(plane.last("POST", "/agents/calc/invoke/add").bodyText())
                .path("arguments");
        assertEquals(2, arguments.path("a").asInt());
        assertTrue(arguments.path("a").isInt());
        assertEquals("two words", arguments.path("note").asText());
        assertTrue(arguments.path("flag").isBoolean());
        assertEquals("", arguments.path("empty").asText());
        assertEquals(2, cli.run("call", "calc", "add", "--arg", "novalue").exit());
    }

    @Test
    void deployUploadsTheProjectAsATarballAndFollowsTheBuild(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a2a.yaml"), "name: hello\nversion: \"1.2.0\"\ndescription: hi\n");
        Files.createDirectories(dir.resolve("agent"));
        Files.writeString(dir.resolve("agent/Agent.java"), "class Agent {}");
        Files.createDirectories(dir.resolve(".a2a"));
        Files.writeString(dir.resolve(".a2a/transcript.json"), "{}");
        plane.on("POST", "/v1/agents/from-tarball", 202, "{\"buildId\":\"b-9\",\"version\":\"1.2.0\"}");
        plane.on("GET", "/v1/builds/b-9", 200, "{\"buildId\":\"b-9\",\"status\":\"failed\","
                + "\"failureReason\":\"card: no skills\"}");
        plane.onSse("/v1/builds/b-9/events", "");
        CliRunner.Result result = cli.run("deploy", dir.toString());
        assertEquals(1, result.exit());
        assertTrue(result.out().contains("Build of 'hello' failed: card: no skills"), result.out());
        FakeControlPlane.Recorded upload = plane.last("POST", "/v1/agents/from-tarball");
        assertTrue(upload.header("Content-Type").startsWith("multipart/form-data; boundary="));
        String body = new String(upload.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("name=\"name\"\r\n\r\nhello\r\n"), body);
        assertTrue(body.contains("name=\"source\"; filename=\"hello.tar.gz\""), body);
        assertFalse(body.contains("name=\"version\""), "the version comes from a2a.yaml on the server");
    }

    @Test
    void logsShowsDeploymentsAndTheLocalInstanceOutput(@TempDir Path home) throws IOException {
        cli.env.put("A2A_HOME", home.toString());
        plane.on("GET", "/v1/services/echo", 200, "{\"name\":\"echo\",\"latestReadyRevision\":\"echo-00001\"}");
        plane.on("GET", "/v1/agents/echo/deployments", 200, "[{\"version\":\"1.0.0\",\"revision\":\"echo-00001\","
                + "\"type\":\"deployed\",\"at\":\"2026-11-22T09:59:00Z\",\"url\":\"http://127.0.0.1:8080/agents/echo/\"}]");
        Path log = home.resolve("serving/logs/echo/echo-00001.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "line 1\nline 2\nline 3\n");
        CliRunner.Result result = cli.run("logs", "echo", "-n", "2");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("60s   1.0.0     echo-00001   deployed"), result.out());
        assertTrue(result.out().contains("  line 2\n  line 3\n"), result.out());
        assertFalse(result.out().contains("line 1"), result.out());
    }
}
