package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildProgressModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static JsonNode json(String text) {
        try {
            return PlatformClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void eachStepIsTimedFromTheEventBeforeIt() {
        BuildProgressModel model = new BuildProgressModel(T0);
        model.accept("1", "dev.a2acloud.build.requested", json("{}"), at(0));
        assertEquals("generate", model.running());
        model.accept("2", "dev.a2acloud.build.requested", json("{}"), at(300)); // a continuation of generate
        assertEquals("generate", model.running());
        model.accept("3", "dev.a2acloud.build.generated", json("{}"), at(1200));
        model.accept("4", "dev.a2acloud.build.validated", json("{}"), at(3000));
        model.accept("5", "dev.a2acloud.build.packaged", json("{}"), at(3100));
        model.accept("6", "dev.a2acloud.build.committed", json("{}"), at(3150));
        model.accept("7", "dev.a2acloud.build.synced", json("{}"), at(3500));
        var change = model.accept("8", "dev.a2acloud.build.live",
                json("{\"url\":\"http://x/agents/echo/\",\"version\":\"1.0.0\",\"skills\":[\"echo\"]}"), at(3900));
        assertTrue(change.ended());
        assertTrue(model.live());
        assertNull(model.running());
        assertEquals(List.of(
                new BuildProgressModel.Step("generate", 1200, "done", ""),
                new BuildProgressModel.Step("sandbox-validate", 1800, "done", ""),
                new BuildProgressModel.Step("package", 100, "done", ""),
                new BuildProgressModel.Step("git-commit", 50, "done", ""),
                new BuildProgressModel.Step("argo-sync", 350, "done", ""),
                new BuildProgressModel.Step("card-probe", 400, "done", "")), model.steps());
    }

    @Test
    void aRejectionSendsTheBuildBackToGenerate() {
        BuildProgressModel model = new BuildProgressModel(T0);
        model.accept("1", "requested", json("{}"), at(0));
        model.accept("2", "generated", json("{}"), at(1000));
        var change = model.accept("3", "rejected", json("{\"stage\":\"compile\",\"attempt\":1}"), at(1500));
        assertEquals(new BuildProgressModel.Step("sandbox-validate", 500, "rejected", "stage compile, attempt 1"),
                change.finished());
        assertEquals("generate", model.running());
    }

    @Test
    void aFailureNamesTheStepThatWasRunning() {
        BuildProgressModel model = new BuildProgressModel(T0);
        model.accept("1", "generated", json("{}"), at(0)); // an upload enters at validation
        assertEquals("sandbox-validate", model.running());
        var change = model.accept("2", "failed", json("{\"reason\":\"no skills\"}"), at(700));
        assertEquals(new BuildProgressModel.Step("sandbox-validate", 700, "failed", "no skills"), change.finished());
        assertTrue(model.ended());
        assertFalse(model.live());
    }

    @Test
    void replayedAndUnknownEventsChangeNothing() {
        BuildProgressModel model = new BuildProgressModel(T0);
        model.accept("1", "requested", json("{}"), at(0));
        model.accept("2", "generated", json("{}"), at(1000));
        model.accept("2", "generated", json("{}"), at(5000));
        model.accept(null, "snapshot", json("{}"), at(6000));
        assertEquals(1, model.steps().size());
        assertEquals("sandbox-validate", model.running());
    }

    @Test
    void progressCarriesTheMessageWithoutFinishingAStep() {
        BuildProgressModel model = new BuildProgressModel(T0);
        model.accept("1", "requested", json("{}"), at(0));
        var change = model.accept("2", "progress", json("{\"message\":\"wrote agent/Agent.java\"}"), at(10));
        assertEquals("wrote agent/Agent.java", change.progressMessage());
        assertNull(change.finished());
    }
}
