package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One valid event of every type, for round trips. */
final class SampleEvents {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private SampleEvents() {
    }

    static JsonNode card() {
        return EventJson.mapper().createObjectNode().put("name", "echo").put("version", "1.0.0");
    }

    static List<BuildEvent> all() {
        return List.of(
                new BuildRequested("b-1", "echo", "u-1", "1.0.0", 1, "an agent that echoes", true, 0),
                new BuildGenerated("b-1", "echo", "u-1", "1.0.0", 1, Origin.PROMPT, "agents/echo/"),
                new BuildRejected("b-1", "echo", "u-1", "1.0.0", 1, Origin.UPLOAD, "agents/echo/", "compile", 2,
                        "compile failed", "Agent.java:3: error"),
                new BuildValidated("b-1", "echo", "u-1", "1.0.0", 2, Origin.PROMPT, "agents/echo/", DIGEST, card(),
                        List.of(new StageTiming("compile", 1200, "passed"))),
                new BuildPackaged("b-1", "echo", "u-1", "1.0.0", 2, "agents/echo/", DIGEST, "http://x/src", DIGEST,
                        "http://x/jar", card()),
                new BuildCommitted("b-1", "echo", "u-1", "1.0.0", 2, "http://git/u-1/echo.git", COMMIT, DIGEST,
                        "http://x/jar", card()),
                new BuildSynced("b-1", "echo", "u-1", "1.0.0", 2, COMMIT, "echo-00001", "http://h/agents/echo/", card()),
                new BuildLive("b-1", "echo", "u-1", "1.0.0", 2, "http://h/agents/echo/", "echo-00001",
                        List.of("echo"), 350),
                new BuildFailed("b-1", "echo", "u-1", "1.0.0", 3, "sandbox-validate", "tests failed 3 times", null),
                new BuildProgress("b-1", "echo", "u-1", "1.0.0", 1, "generate", "file_written", "agent/Agent.java"));
    }
}
