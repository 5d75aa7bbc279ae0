package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceViewsTest {
    private static List<JsonNode> fixture() throws IOException {
        try (InputStream in = ServiceViewsTest.class.getResourceAsStream("/fixtures/services.json")) {
            return Json.items(PlatformClient.JSON.readTree(in), "services");
        }
    }

    @Test
    void listPrintsWhatKnServiceListPrints() throws IOException {
        // 1795341300.5 epoch seconds (Jackson's default Instant form) = 2026-11-22T09:55:00.5Z: 4m59s before NOW.
        String expected = """
                NAME          URL                                         LATEST       AGE     CONDITIONS   READY   REASON
                echo          http://127.0.0.1:8080/agents/echo/          echo-00002   5m      3 OK / 3     True
                weather-bot   http://127.0.0.1:8080/agents/weather-bot/                4m59s   0 OK / 3     False   RevisionFailed : instance exited with 1
                """;
        assertEquals(expected, ServiceViews.list(fixture(), CliRunner.NOW));
    }

    @Test
    void emptyListSaysSo() {
        assertEquals("No services found.\n", ServiceViews.list(List.of(), CliRunner.NOW));
    }

    @Test
    void describePrintsServiceRevisionsAndConditionsLikeKn() throws IOException {
        String expected = """
                Name:      echo
                Namespace: default
                Age:       5m
                URL:       http://127.0.0.1:8080/agents/echo/

                Revisions:
                  100%  @latest (echo-00002) [2] (2m)
                        Image:     a2a-agent-runtime@sha256:1234
                        Replicas:  1/1
                     +  echo-00001 [1] (5m)
                        Image:     a2a-agent-runtime@sha256:1234
                        Replicas:  0/0

                Conditions:
                  OK   TYPE                  AGE   REASON
                  ++   ConfigurationsReady   2m
                  ++   Ready                 2m
                  ++   RoutesReady           2m
                """;
        assertEquals(expected, ServiceViews.describe(fixture().get(0), CliRunner.NOW));
    }

    @Test
    void describeShowsAFailedRevisionAndUnenforcedEgress() throws IOException {
        String text = ServiceViews.describe(fixture().get(1), CliRunner.NOW);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("Egress:    NOT ENFORCED"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains(
                "     !  weather-bot-00001 (latest created) [1] (2m)\n        Error:     instance exited with 1\n"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("  !!   Ready                 30s   RevisionFailed"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("  ??   RoutesReady           30s   RevisionMissing"), text);
    }
}
