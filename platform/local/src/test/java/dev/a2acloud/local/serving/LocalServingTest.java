package dev.a2acloud.local.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.serving.ServiceStatus;
import dev.a2acloud.core.serving.ServingException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local serving with real agent processes ({@link TestAgent}) behind the activator in an embedded Tomcat. */
class LocalServingTest {
    private static final Duration READY = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServingHarness harness;

    @TempDir
    Path home;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void deploysARevisionReachableThroughTheActivatorWithKnativeStatus() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        LocalServing.Applied applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 2));
        assertEquals("echo-00001", applied.revision());
        assertEquals(harness.agentUrl("echo"), applied.url());
        ServiceStatus status = harness.serving.awaitReady("echo", applied.revision(), READY);

        assertEquals("echo-00001", status.latestReadyRevision());
        assertEquals("echo-00001", status.latestCreatedRevision());
        assertEquals("True", condition(status, "Ready").status());
        assertEquals("True", condition(status, "ConfigurationsReady").status());
        assertEquals("True", condition(status, "RoutesReady").status());
        // Host processes share the host network: the status must say so, not pretend.
        assertFalse(status.egressEnforced());
        assertEquals("False", condition(status, "EgressEnforced").status());
        assertEquals(100, status.revisions().getFirst().trafficPercent());

        HttpResponse<String> card = get(applied.url() + ".well-known/agent-card.json");
        assertEquals(200, card.statusCode());
        assertTrue(card.body().contains("\"url\":\"" + applied.url() + "\""), card.body()); // A2A_PUBLIC_URL
        assertTrue(card.body().contains("jar-v1"), "the instance ran the verified artifact: " + card.body());
        assertTrue(get(applied.url() + "hello").body().contains("fwd=127.0.0.1:" + harness.port));
        assertTrue(String.join("\n", harness.serving.logs("echo", Optional.empty(), 20)).contains("test agent 1.0.0"));
    }

    @Test
    void applyingTheSameTemplateAgainMakesNoNewRevision() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var first = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 2));
        harness.serving.awaitReady("echo", first.revision(), READY);
        var manifest = ServingHarness.manifest("echo", "1.0.0", artifact, 0, 2);
        manifest.getMetadata().getLabels().put("a2acloud.dev/build-id", "b-redelivered"); // not part of the template
        var again = harness.serving.apply(manifest);

        assertEquals(first.revision(), again.revision());
        assertFalse(again.newRevision());
        assertEquals(1, harness.serving.get("echo").orElseThrow().revisions().size());
    }

    @Test
    void rollsFromV1ToV2WithoutAFailedRequestAndDrainsV1() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var v1 = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var v2 = ServingHarness.artifact(home.resolve("a"), "jar-v2");
        var first = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", v1, 0, 2));
        harness.serving.awaitReady("echo", first.revision(), READY);

        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> callers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = get(harness.agentUrl("echo") + "slow?ms=20");
                            if (r.statusCode() != 200) {
                                failures.add(r.statusCode() + " " + r.body());
                            }
                            versions.add(get(harness.agentUrl("echo") + "hello").body().split(" ")[0]);
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(200);
            var second = harness.serving.apply(ServingHarness.manifest("echo", "2.0.0", v2, 0, 2));
            assertEquals("echo-00002", second.revision());
            harness.serving.awaitReady("echo", second.revision(), READY);
            Thread.sleep(300);
            running.set(false);
            for (Future<?> caller : callers) {
                caller.get();
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("v=1.0.0", "v=2.0.0"), versions);
        assertTrue(get(harness.agentUrl("echo") + "hello").body().startsWith("v=2.0.0"));
        waitFor(() -> revision("echo", "echo-00001").instances() == 0, "v1 drained and stopped");
        assertEquals(100, revision("echo", "echo-00002").trafficPercent());
        assertEquals(0, revision("echo", "echo-00001").trafficPercent());
    }

    @Test
    void scalesToZeroWhenIdleAndStartsAgainOnTheNextRequest() throws Exception {
        harness = new ServingHarness(home, Duration.ofMillis(500));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 2));
        harness.serving.awaitReady("echo", applied.revision(), READY);
        String firstPid = get(applied.url() + "pid").body();

        waitFor(() -> revision("echo", applied.revision()).instances() == 0, "scaled to zero");
        waitFor(() -> !ProcessHandle.of(Long.parseLong(firstPid)).map(ProcessHandle::isAlive).orElse(false),
                "the idle process stopped");

        HttpResponse<String> again = get(applied.url() + "pid"); // held by the activator while a new one starts
        assertEquals(200, again.statusCode());
        assertNotEquals(firstPid, again.body());
        assertEquals(1, revision("echo", applied.revision()).instances());
    }

    @Test
    void aCrashedInstanceIsReplacedOnTheNextRequest() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 1));
        harness.serving.awaitReady("echo", applied.revision(), READY);
        long pid = Long.parseLong(get(applied.url() + "pid").body());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        HttpResponse<String> next = get(applied.url() + "pid");
        assertEquals(200, next.statusCode());
        assertNotEquals(Long.toString(pid), next.body());
    }

    @Test
    void containerConcurrencyIsEnforcedAndMoreInstancesStartUpToMaxScale() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 1, 2));
        harness.serving.awaitReady("echo", applied.revision(), READY);

        List<String> answers = new CopyOnWriteArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    answers.add(get(applied.url() + "slow?ms=1500").body());
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        assertEquals(4, answers.size());
        assertTrue(answers.stream().allMatch(a -> a.endsWith("max=1")), "never two at once on one: " + answers);
        assertEquals(2, answers.stream().map(a -> a.split(" ")[0]).distinct().count(), "max-scale 2: " + answers);
    }

    @Test
    void eventStreamsPassThroughAsTheyAreWritten() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 1));
        harness.serving.awaitReady("echo", applied.revision(), READY);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(applied.url() + "sse"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
            try (var reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                // The agent holds the stream open after the first event: reading it proves nothing is buffered.
                assertEquals("data: one", reader.readLine());
                assertEquals(200, get(applied.url() + "release").statusCode());
                assertEquals("", reader.readLine());
                assertEquals("data: two", reader.readLine());
            }
        });
    }

    @Test
    void aRevisionThatCannotStartKeepsTrafficOnTheOneBefore() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var v1 = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var first = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", v1, 0, 1));
        harness.serving.awaitReady("echo", first.revision(), READY);
        var tampered = new ServingHarness.Artifact(v1.uri(), "sha256:" + "a".repeat(64));
        var second = harness.serving.apply(ServingHarness.manifest("echo", "2.0.0", tampered, 0, 1));

        ServingException refused = assertThrows(ServingException.class,
                () -> harness.serving.awaitReady("echo", second.revision(), READY));
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("sha256"), refused.getMessage());
        ServiceStatus status = harness.serving.get("echo").orElseThrow();
        assertEquals("echo-00001", status.latestReadyRevision());
        assertEquals("echo-00002", status.latestCreatedRevision());
        assertEquals("False", condition(status, "ConfigurationsReady").status());
        assertEquals("True", condition(status, "RoutesReady").status());
        assertTrue(get(first.url() + "hello").body().startsWith("v=1.0.0"));
    }

    @Test
    void restoresDeployedServicesAfterARestartScaledToZero() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var v1 = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var first = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", v1, 0, 1));
        harness.serving.awaitReady("echo", first.revision(), READY);
        harness.close();

        harness = new ServingHarness(home, Duration.ofSeconds(30));
        assertEquals(1, harness.serving.restore());
        assertEquals(0, revision("echo", "echo-00001").instances());
        assertTrue(get(harness.agentUrl("echo") + "hello").body().startsWith("v=1.0.0"));
        var v2 = ServingHarness.artifact(home.resolve("a"), "jar-v2");
        assertEquals("echo-00002",
                harness.serving.apply(ServingHarness.manifest("echo", "2.0.0", v2, 0, 1)).revision());
    }

    @Test
    void unknownAgentsAndBadPathsGetClearAnswers() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        HttpResponse<String> missing = get(harness.agentUrl("nobody") + "hello");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"code\":\"not_found\""), missing.body());
        HttpResponse<String> noSlash = get("http://127.0.0.1:" + harness.port + "/agents/echo");
        assertEquals(308, noSlash.statusCode());
        assertEquals("/agents/echo/", noSlash.headers().firstValue("Location").orElse(""));
        assertEquals(404, get("http://127.0.0.1:" + harness.port + "/agents/Bad_Name/").statusCode());
        assertFalse(harness.serving.delete("nobody"));
    }

    @Test
    void deleteStopsEverything() throws Exception {
        harness = new ServingHarness(home, Duration.ofSeconds(30));
        var artifact = ServingHarness.artifact(home.resolve("a"), "jar-v1");
        var applied = harness.serving.apply(ServingHarness.manifest("echo", "1.0.0", artifact, 0, 1));
        harness.serving.awaitReady("echo", applied.revision(), READY);
        long pid = Long.parseLong(get(applied.url() + "pid").body());
        assertTrue(harness.serving.delete("echo"));
        waitFor(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "instance stopped");
        assertEquals(404, get(applied.url() + "hello").statusCode());
        assertTrue(harness.serving.list().isEmpty());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ServiceStatus.RevisionStatus revision(String service, String revision) {
        return harness.serving.get(service).orElseThrow().revisions().stream()
                .filter(r -> r.name().equals(revision)).findFirst().orElseThrow();
    }

    private static ServiceStatus.Condition condition(ServiceStatus status, String type) {
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
