package dev.a2acloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.controlplane.agents.AgentNames;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.builds.BuildProgression;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.Versions;
import dev.a2acloud.events.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules: agent names, versions, build progression. */
class RulesTest {
    @Test
    void agentNamesAreShortDns1035LabelsAndNotReserved() {
        AgentNames.check("echo");
        AgentNames.check("a");
        AgentNames.check("a".repeat(57));
        assertEquals(63, ("a".repeat(57) + "-00001").length(), "the longest name keeps revision names legal");
        for (String bad : List.of("", "Echo", "9lives", "-echo", "echo-", "ec_ho", "ec.ho", "a".repeat(58),
                "échо", "echo\n")) {
            ApiException e = assertThrows(ApiException.class, () -> AgentNames.check(bad), bad);
            assertEquals("invalid_name", e.code());
            assertEquals("name", e.field());
            assertTrue(e.getMessage().contains("57"), e.getMessage());
        }
        for (String reserved : List.of("agent-builder", "control-plane", "broker", "generate", "sandbox-validate",
                "package", "git-commit", "argo-sync", "card-probe", "sandbox-runner", "litellm")) {
            assertEquals("reserved_name", assertThrows(ApiException.class, () -> AgentNames.check(reserved)).code());
        }
    }

    @Test
    void versionsAreSemanticAndTheNextOneBumpsThePatch() {
        assertEquals("1.0.0", Versions.next(List.of()));
        assertEquals("1.2.4", Versions.next(List.of("1.0.0", "1.2.3", "0.9.9", "junk")));
        Versions.check("1.0.0-rc.1");
        for (String bad : List.of("1", "1.0", "v1.0.0", "01.0.0", "1.0.0+build", "")) {
            assertThrows(ApiException.class, () -> Versions.check(bad), bad);
        }
    }

    @Test
    void progressionOrdersAttemptsThenPipelineAndTerminalIsFinal() {
        BuildRecord atRejected1 = build(BuildRecord.RUNNING, "rejected",
                BuildProgression.position(EventType.REJECTED, 1));
        assertTrue(BuildProgression.advances(atRejected1, EventType.REQUESTED, 2));
        assertFalse(BuildProgression.advances(atRejected1, EventType.GENERATED, 1));
        assertFalse(BuildProgression.advances(atRejected1, EventType.PROGRESS, 5));
        assertTrue(BuildProgression.advances(atRejected1, EventType.FAILED, 1));
        BuildRecord live = build(BuildRecord.LIVE, "live", BuildProgression.position(EventType.LIVE, 1));
        assertFalse(BuildProgression.advances(live, EventType.FAILED, 1));
        assertFalse(BuildProgression.advances(live, EventType.REQUESTED, 9));
        assertEquals("sandbox-validate", BuildProgression.currentStep("generated", BuildRecord.RUNNING));
        assertEquals("generate", BuildProgression.currentStep("rejected", BuildRecord.RUNNING));
        assertNull(BuildProgression.currentStep("live", BuildRecord.LIVE));
    }

    private static BuildRecord build(String status, String lastType, int progress) {
        Instant now = Instant.now();
        return new BuildRecord("b-1", "u-a", "echo", "1.0.0", "prompt", false, "p", status, lastType, 1, progress,
                null, null, null, null, null, null, now, now, null);
    }
}
