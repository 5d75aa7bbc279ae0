package dev.a2acloud.pack.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.pack.PackLaunch;
import dev.a2acloud.pack.runtime.AgentMain;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template agent compiles, prints a card, passes its own tests and answers when launched as a real process. */
class TemplateAgentTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path project;
    static Path jar;

    record Run(int code, String out, String err) {
    }

    static Run tool(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PackTool(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), env).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void initAndCompile() {
        project = dir.resolve("hello");
        assertEquals(0, tool(Map.of(), "init", "hello", project.toString()).code());
        jar = dir.resolve("hello.jar");
        Run compile = tool(Map.of(), "compile", project.toString(), jar.toString());
        assertEquals(0, compile.code(), compile.err());
    }

    @Test
    void initRefusesBadNamesAndExistingProjects() {
        Run bad = tool(Map.of(), "init", "Bad_Name", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("name:"), bad.err());
        assertEquals(2, tool(Map.of(), "init", "hello", project.toString()).code());
    }

    @Test
    void cardFromDirAndFromJar() throws Exception {
        Run fromDir = tool(Map.of("A2A_PUBLIC_URL", "https://x.example/agents/hello/"), "card", project.toString());
        assertEquals(0, fromDir.code(), fromDir.err());
        JsonNode card = JSON.readTree(fromDir.out());
        assertEquals("hello", card.path("name").asText());
        assertEquals("https://x.example/agents/hello/", card.path("url").asText());
        assertEquals(2, card.path("skills").size());
        Run fromJar = tool(Map.of("A2A_PUBLIC_URL", "https://x.example/agents/hello/"), "card", "--jar", jar.toString());
        assertEquals(card, JSON.readTree(fromJar.out()));
    }

    @Test
    void compileIsDeterministic() throws Exception {
        Path again = dir.resolve("again.jar");
        assertEquals(0, tool(Map.of(), "compile", project.toString(), again.toString()).code());
        assertEquals(AgentMain.sha256(jar), AgentMain.sha256(again));
    }

    @Test
    void projectTestsPass() {
        Run run = tool(Map.of(), "test", project.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("2 passed, 0 failed"), run.out());
    }

    @Test
    void compileErrorsAreFileLineMessages() throws Exception {
        Path broken = dir.resolve("broken");
        assertEquals(0, tool(Map.of(), "init", "broken", broken.toString()).code());
        Path source = broken.resolve("agent/Agent.java");
        List<String> lines = Files.readAllLines(source);
        int at = lines.indexOf("        return text;");
        lines.set(at, "        return text + undefinedThing;");
        Files.write(source, lines);
        Run run = tool(Map.of(), "compile", broken.toString(), dir.resolve("b.jar").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("agent/Agent.java:" + (at + 1) + ": "), run.err());
        assertTrue(run.err().contains("undefinedThing"), run.err());
    }

    @Test
    void missingLocalDependencyIsRefused() throws Exception {
        Path deps = dir.resolve("deps");
        assertEquals(0, tool(Map.of(), "init", "deps", deps.toString()).code());
        Path yaml = deps.resolve("a2a.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("dependencies: []",
                "dependencies: [org.example.nothing:not-there:9.9.9]"));
        Run run = tool(Map.of(), "compile", deps.toString(), dir.resolve("d.jar").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("dependencies[0]: org.example.nothing:not-there:9.9.9 is not in the local Maven "
                + "repository"), run.err());
    }

    @Test
    void codeAndYamlDisagreementFailsTheCard() throws Exception {
        Path d = dir.resolve("disagree");
        assertEquals(0, tool(Map.of(), "init", "disagree", d.toString()).code());
        Path source = d.resolve("agent/Agent.java");
        Files.writeString(source, Files.readString(source).replace("defaultForText = true)",
                "defaultForText = true, costClass = \"premium\")"));
        Run run = tool(Map.of(), "card", d.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("skills.echo.cost_class: a2a.yaml says free, the code (@Skill) says premium"), run.err());
    }

    @Test
    void serveCompilesAndServesTheProject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackTool tool = new PackTool(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                Map.of("PORT", "0", "A2A_BIND_HOST", "127.0.0.1"));
        var server = tool.startServing(project);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/invoke/stats")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"arguments\":{\"text\":\"a b\\nc\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode result = JSON.readTree(r.body()).path("result");
            assertEquals(3, result.path("words").asInt());
            assertEquals(2, result.path("lines").asInt());
            assertTrue(out.toString().contains("serving hello at http://127.0.0.1:" + server.port()));
            assertTrue(Files.isRegularFile(project.resolve(".a2a/build/agent.jar")));
        } finally {
            server.stop();
        }
    }

    static Process launch(Map<String, String> env) throws Exception {
        List<String> cmd = PackLaunch.command(null, PackLaunch.Options.defaults().withAotCache(null));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("PORT", "0");
        pb.environment().remove("A2A_AOT_CACHE");
        return pb.start();
    }

    @Test
    void agentMainServesTheVerifiedArtifact() throws Exception {
        String digest = "sha256:" + AgentMain.sha256(jar);
        Process p = launch(Map.of("A2A_ARTIFACT_PATH", jar.toString(), "A2A_ARTIFACT_DIGEST", digest,
                "A2A_PUBLIC_URL", "http://public.example/agents/hello/"));
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("agent hello 0.1.0 serving on port "), String.valueOf(line));
            String base = "http://127.0.0.1:" + line.substring(line.lastIndexOf(' ') + 1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> card = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/agent-card.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, card.statusCode());
            assertEquals("http://public.example/agents/hello/", JSON.readTree(card.body()).path("url").asText());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\","
                            + "\"params\":{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"ping\"}]}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode task = JSON.readTree(answer.body()).path("result").path("task");
            assertEquals("TASK_STATE_COMPLETED", task.path("status").path("state").asText(), answer.body());
            assertEquals("ping", task.path("artifacts").path(0).path("parts").path(0).path("text").asText());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "graceful shutdown within the grace period");
        }
    }

    @Test
    void agentMainRefusesADigestMismatchBeforeLoading() throws Exception {
        Process p = launch(Map.of("A2A_ARTIFACT_URI", jar.toUri().toString(), "A2A_ARTIFACT_DIGEST",
                "sha256:" + "0".repeat(64)));
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("refusing to start") && err.contains("A2A_ARTIFACT_DIGEST"), err);
        Process noDigest = launch(Map.of("A2A_ARTIFACT_URI", jar.toUri().toString()));
        assertTrue(noDigest.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, noDigest.exitValue());
        Process wrongVersion = launch(Map.of("A2A_ARTIFACT_PATH", jar.toString(), "A2A_AGENT_VERSION", "9.9.9"));
        assertTrue(wrongVersion.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, wrongVersion.exitValue());
        String versionErr = new String(wrongVersion.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(versionErr.contains("A2A_AGENT_VERSION is 9.9.9"), versionErr);
    }
}
