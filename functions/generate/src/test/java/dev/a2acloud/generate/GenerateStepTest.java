package dev.a2acloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.llm.OpenAiChatModel;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildProgress;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The builder loop against a scripted OpenAI-compatible server on loopback, through the real OpenAI SDK client. */
class GenerateStepTest {
    private static final String PREFIX = "agents/echo/";
    private static final String A2A_YAML = "name: echo\nversion: 1.0.0\ndescription: \"template\"\nentrypoint: agent.Agent\n";

    private ScriptedModelServer model;
    private final InMemoryAgentFiles files = new InMemoryAgentFiles(PREFIX);
    private final List<BuildProgress> progress = new ArrayList<>();
    private final Deque<ProjectTester.Outcome> testOutcomes = new ArrayDeque<>();

    @BeforeEach
    void start() throws Exception {
        model = new ScriptedModelServer();
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private GenerateStep step(GenerateSettings settings) {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        BuildGrants grants = new BuildGrants("b-1", "u-1", "echo",
                new BuildGrants.Workspace("ws-token", "u-1", PREFIX, expiry),
                new BuildGrants.Llm("llm-grant", model.baseUrl(), List.of("scripted"), expiry),
                new BuildGrants.ControlPlane("cp-token", expiry));
        AgentTemplate template = (agent, version) -> Map.of(
                "a2a.yaml", A2A_YAML.getBytes(StandardCharsets.UTF_8),
                "agent/agent/Agent.java", "package agent;\npublic class Agent {}\n".getBytes(StandardCharsets.UTF_8));
        return new GenerateStep(id -> grants, g -> files,
                g -> new OpenAiChatModel(g.llm().baseUrl(), g.llm().token(), settings.modelTimeout()),
                g -> (prefix, version) -> testOutcomes.isEmpty()
                        ? new ProjectTester.Outcome(true, null, null, "", "compile 1 ms, card 1 ms")
                        : testOutcomes.poll(),
                template, BuilderSkills.fromResources(), (event, stepName) -> progress.add((BuildProgress) event),
                settings, Clock.systemUTC());
    }

    private static GenerateSettings settings(int turnsPerInvocation) {
        return new GenerateSettings(null, 1000, turnsPerInvocation, Duration.ofSeconds(30), 40, 3,
                Duration.ofSeconds(5), Duration.ofMillis(10));
    }

    private static BuildRequested requested(int continuation) {
        return new BuildRequested("b-1", "echo", "u-1", "1.0.0", 1, "an agent that echoes text", false, continuation);
    }

    private String toolResult(JsonNode request, int fromEnd) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - fromEnd).path("content").asText();
    }

    @Test
    void runsToolCallsInSequenceToAGeneratedProject() {
        model.tools("write_todos", "{\"todos\":[{\"content\":\"template\",\"status\":\"in_progress\"}]}",
                        "init_agent_template", "{}")
                .tools("read_file", "{\"path\":\"a2a.yaml\"}")
                .tools("write_file", "{\"path\":\"agent/agent/Agent.java\",\"content\":\"package agent;\\n\"}",
                        "write_agent_skill", "{\"name\":\"echo\",\"description\":\"Echo text.\",\"instructions\":\"Send text.\"}")
                .tools("edit_file", "{\"path\":\"a2a.yaml\",\"old_string\":\"template\",\"new_string\":\"Echoes\"}")
                .tools("test_agent_in_sandbox", "{}")
                .tools("finish", "{\"summary\":\"an echo agent\"}");

        BuildEvent out = step(settings(8)).apply(requested(0));

        BuildGenerated generated = assertInstanceOf(BuildGenerated.class, out);
        assertEquals(PREFIX, generated.sourcePrefix());
        assertEquals(Origin.PROMPT, generated.origin());
        assertEquals("package agent;\n", files.text(PREFIX + "agent/agent/Agent.java"));
        assertTrue(files.text(PREFIX + "a2a.yaml").contains("description: \"Echoes\""));
        assertTrue(files.text(PREFIX + "skills/echo/SKILL.md").startsWith("---\nname: echo\ndescription: \"Echo text.\"\n---"));
        assertNotNull(files.text(PREFIX + Transcript.FILE), "the transcript is saved");
        assertEquals(6, model.requests.size());
        assertTrue(toolResult(model.requests.get(2), 1).contains("entrypoint: agent.Agent"), "read_file result went back");
        JsonNode first = model.requests.getFirst();
        assertEquals("scripted", first.path("model").asText(), "the grant's model");
        assertEquals(11, first.path("tools").size());
        assertTrue(first.path("messages").get(0).path("content").asText().contains("/builder-skills/a2a-pack-authoring/SKILL.md"),
                "skill bundles are offered by name and path");
        assertFalse(first.path("messages").get(0).path("content").asText().contains("## Skills"),
                "but not in full");
        List<String> kinds = progress.stream().map(BuildProgress::kind).distinct().toList();
        assertTrue(kinds.containsAll(List.of("tool_called", "file_written", "tests_run")), kinds.toString());
    }

    @Test
    void builderSkillBundleIsReadOnlyWhenAsked() {
        model.tools("read_file", "{\"path\":\"/builder-skills/repairing-a-rejected-build/SKILL.md\"}")
                .tools("init_agent_template", "{}")
                .tools("finish", "{\"summary\":\"done\"}");
        assertInstanceOf(BuildGenerated.class, step(settings(8)).apply(requested(0)));
        assertTrue(toolResult(model.requests.get(1), 1).contains("Repairing a rejected build"));
    }

    @Test
    void malformedArgumentsGoBackToTheModelAndEndTheBuildWhenTheyPersist() {
        model.tools("write_file", "{\"path\": \"a.txt\", \"content\": ")
                .tools("write_file", "not json at all")
                .tools("init_agent_template", "{oops}");
        BuildEvent out = step(settings(8)).apply(requested(0));
        BuildFailed failed = assertInstanceOf(BuildFailed.class, out);
        assertTrue(failed.reason().contains("malformed tool arguments"), failed.reason());
        assertTrue(toolResult(model.requests.get(1), 1).contains("not valid JSON"));
        assertEquals(3, model.requests.size(), "no fourth turn after three bad ones");
    }

    @Test
    void oneMalformedCallIsRecoverable() {
        model.tools("init_agent_template", "{")
                .tools("init_agent_template", "{}")
                .tools("finish", "{\"summary\":\"ok\"}");
        assertInstanceOf(BuildGenerated.class, step(settings(8)).apply(requested(0)));
    }

    @Test
    void pathsOutsideTheGrantAreRefusedAsToolErrors() {
        model.tools("write_file", "{\"path\":\"../other/a2a.yaml\",\"content\":\"x\"}",
                        "write_file", "{\"path\":\"agents/other/a2a.yaml\",\"content\":\"x\"}",
                        "read_file", "{\"path\":\"agents/echo/../../u-2/secret\"}",
                        "write_file", "{\"path\":\".a2a/transcript.json\",\"content\":\"{}\"}",
                        "write_file", "{\"path\":\"agent\\\\..\\\\..\\\\x\",\"content\":\"x\"}")
                .tools("init_agent_template", "{}")
                .tools("finish", "{\"summary\":\"ok\"}");
        BuildEvent out = step(settings(8)).apply(requested(0));
        assertInstanceOf(BuildGenerated.class, out);
        JsonNode messages = model.requests.get(1).path("messages");
        int n = messages.size();
        for (int i = n - 5; i < n; i++) {
            String result = messages.get(i).path("content").asText();
            assertTrue(result.startsWith("Error: "), result);
        }
        assertTrue(messages.get(n - 5).path("content").asText().contains("outside"));
        assertTrue(messages.get(n - 4).path("content").asText().contains("outside"));
        assertTrue(messages.get(n - 2).path("content").asText().contains(".a2a/"));
        assertTrue(files.files.keySet().stream().allMatch(p -> p.startsWith(PREFIX)));
    }

    @Test
    void budgetExhaustedMidBuildFailsClearly() {
        model.tools("init_agent_template", "{}")
                .fail(400, "400", "budget_exceeded", "Budget has been exceeded! Current cost: 0.5, Max budget: 0.5");
        BuildFailed failed = assertInstanceOf(BuildFailed.class, step(settings(8)).apply(requested(0)));
        assertTrue(failed.reason().contains("budget is exhausted"), failed.reason());
        assertEquals("generate", failed.stage());
        assertNotNull(files.text(PREFIX + Transcript.FILE), "the work so far is saved");
    }

    @Test
    void modelErrorIsRetriedOnceThenFailsClearly() {
        model.fail(500, "500", "api_error", "upstream exploded").fail(503, "503", "api_error", "still down");
        BuildFailed failed = assertInstanceOf(BuildFailed.class, step(settings(8)).apply(requested(0)));
        assertTrue(failed.reason().contains("model call failed"), failed.reason());
        assertEquals(2, model.requests.size());
    }

    @Test
    void aStalledModelTimesOutInsteadOfHanging() {
        model.stall(3_000).stall(3_000);
        GenerateSettings quick = new GenerateSettings(null, 1000, 8, Duration.ofSeconds(30), 40, 3,
                Duration.ofMillis(300), Duration.ofMillis(10));
        long start = System.nanoTime();
        BuildFailed failed = assertInstanceOf(BuildFailed.class, step(quick).apply(requested(0)));
        assertTrue(failed.reason().contains("did not answer in time"), failed.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_500);
    }

    @Test
    void repairsAfterARejectionWithTheStageAndLogTail() {
        model.tools("init_agent_template", "{}").tools("finish", "{\"summary\":\"v1\"}");
        assertInstanceOf(BuildGenerated.class, step(settings(8)).apply(requested(0)));

        model.tools("edit_file", "{\"path\":\"a2a.yaml\",\"old_string\":\"template\",\"new_string\":\"fixed\"}")
                .tools("finish", "{\"summary\":\"v2\"}");
        BuildRejected rejected = new BuildRejected("b-1", "echo", "u-1", "1.0.0", 1, Origin.PROMPT, PREFIX,
                "compile", 2, "agent/agent/Agent.java:3: cannot find symbol", "javac output tail");
        BuildGenerated again = assertInstanceOf(BuildGenerated.class, step(settings(8)).apply(rejected));
        assertEquals(2, again.attempt());
        String repairMessage = toolResult(model.requests.get(2), 1);
        assertTrue(repairMessage.contains("stage `compile`") && repairMessage.contains("javac output tail"),
                repairMessage);
        assertTrue(files.text(PREFIX + "a2a.yaml").contains("fixed"));
    }

    @Test
    void repairsAreBounded() {
        BuildRejected third = new BuildRejected("b-1", "echo", "u-1", "1.0.0", 3, Origin.PROMPT, PREFIX,
                "card", 1, "version mismatch", "tail");
        BuildFailed failed = assertInstanceOf(BuildFailed.class, step(settings(8)).apply(third));
        assertTrue(failed.reason().contains("3 time(s)") && failed.reason().contains("version mismatch"));
        assertEquals("card", failed.stage());
        assertTrue(model.requests.isEmpty(), "no model call once attempts are used up");
    }

    @Test
    void continuesAcrossInvocationsFromTheSavedTranscript() {
        model.tools("init_agent_template", "{}")
                .tools("read_file", "{\"path\":\"a2a.yaml\"}")
                .tools("test_agent_in_sandbox", "{}")
                .tools("finish", "{\"summary\":\"done\"}");
        GenerateStep step = step(settings(2));

        BuildRequested next = assertInstanceOf(BuildRequested.class, step.apply(requested(0)));
        assertEquals(1, next.continuation());
        assertEquals("an agent that echoes text", next.prompt());
        assertEquals(2, model.requests.size());

        BuildEvent done = step.apply(next);
        assertInstanceOf(BuildGenerated.class, done);
        JsonNode resumed = model.requests.get(2).path("messages");
        assertTrue(resumed.toString().contains("entrypoint: agent.Agent"),
                "the third turn sees the tool results of the first invocation");
    }

    @Test
    void aFailingSandboxTestGoesBackToTheModel() {
        testOutcomes.add(new ProjectTester.Outcome(false, "compile", "Agent.java:1: error", "tail", "compile 5 ms"));
        model.tools("init_agent_template", "{}")
                .tools("test_agent_in_sandbox", "{}")
                .tools("finish", "{\"summary\":\"done\"}");
        assertInstanceOf(BuildGenerated.class, step(settings(8)).apply(requested(0)));
        assertTrue(toolResult(model.requests.get(2), 1).contains("failed at stage compile"));
    }
}
