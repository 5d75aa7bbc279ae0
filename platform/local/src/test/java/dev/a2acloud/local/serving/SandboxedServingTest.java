package dev.a2acloud.local.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.Sandboxes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances launched through the platform sandbox (bubblewrap here) rather than as plain processes: the agent reads
 * the verified artifact through its read-only bind, answers through the activator, and its output reaches the
 * revision log. Skipped only where this host has no local sandbox backend at all.
 */
class SandboxedServingTest {
    @TempDir
    Path home;

    @Test
    void servesAnAgentRunningInTheSandbox() throws Exception {
        Sandbox sandbox;
        try {
            sandbox = Sandboxes.local(Map.of());
        } catch (RuntimeException e) {
            Assumptions.abort("no local sandbox backend on this host: " + e.getMessage());
            return;
        }
        SandboxRequest base = SandboxRequest.defaults().withMemoryMiB(512).withPids(512).withCpus(1.0);
        try (ServingHarness harness = new ServingHarness(home, Duration.ofSeconds(30),
                ServingHarness.testAgentCommand(), new SandboxInstanceLauncher(sandbox, base))) {
            var artifact = ServingHarness.artifact(home.resolve("a"), "jar-sandboxed");
            var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 1));
            harness.serving.awaitReady("echo", applied.revision(), Duration.ofSeconds(60));

            HttpResponse<String> card = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(applied.url() + ".well-known/agent-card.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, card.statusCode());
            assertTrue(card.body().contains("jar-sandboxed"), card.body());
            assertFalse(harness.serving.get("echo").orElseThrow().egressEnforced());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!String.join("\n", harness.serving.logs("echo", Optional.empty(), 50)).contains("listening")
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(String.join("\n", harness.serving.logs("echo", Optional.empty(), 50)).contains("listening"));
        }
    }
}
