package dev.a2acloud.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.cli.A2a;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform is killed (SIGKILL, no shutdown hook) while a build is being validated, then started again on the same
 * A2A_HOME: the broker's journal still holds the undelivered event, so the build resumes where its events stand and
 * goes live. The platform runs as {@code a2a up} in a child JVM, as a user runs it; the test ends every process it
 * started, the killed platform's agent and sandbox processes included.
 */
class RestartMidBuildTest {
    @TempDir
    Path home;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void endEverythingStarted() {
        for (ProcessHandle process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroy();
        }
        for (ProcessHandle process : started) {
            process.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
            process.destroyForcibly();
        }
    }

    @Test
    void aBuildInterruptedByAKillFinishesAfterTheRestart() throws Exception {
        int port = freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Process first = up(port, "first");
        PlatformCalls calls = new PlatformCalls(url, awaitUp(first, url, "first"));
        String buildId = calls.startBuild("survivor", "An agent to reverse text");

        awaitLastEvent(calls, buildId, "generated", "first");
        List<ProcessHandle> children = first.descendants().toList();
        first.destroyForcibly();
        first.waitFor(20, TimeUnit.SECONDS);
        // An agent or sandbox process the platform started would outlive a SIGKILL; they are ours to end.
        children.forEach(ProcessHandle::destroyForcibly);

        Process second = up(port, "second");
        calls = new PlatformCalls(url, awaitUp(second, url, "second"));
        assertEquals("running", calls.build(buildId).path("status").asText(), "the kill ended nothing");
        JsonNode build = calls.awaitBuildEnd(buildId, Duration.ofMinutes(5), () -> log("first") + log("second"));
        assertEquals("live", build.path("status").asText(), () -> build + "\n" + log("second"));
        String agent = build.path("url").asText();
        assertEquals("1.0.0", calls.card(agent).path("version").asText());
        assertEquals("tratser", calls.invoke(agent, "reverse_text", Map.of("text", "restart")).path("result")
                .asText());
    }

    private Process up(int port, String run) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), A2a.class.getName(), "up", "--port",
                Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(run + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("A2A_HOME", home.resolve("a2a").toString());
        Process process = builder.start();
        started.add(process.toHandle());
        return process;
    }

    /** Waits for the platform to answer and hand out its local user's token; returns the token. */
    private String awaitUp(Process process, URI url, String run) throws Exception {
        Path token = home.resolve("a2a").resolve("token");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("a2a up (" + run + ") exited with " + process.exitValue() + ":\n" + log(run));
            }
            if (Files.isRegularFile(token) && answers(url)) {
                return Files.readString(token).strip();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a2a up (" + run + ") did not answer at " + url + ":\n" + log(run));
    }

    private static boolean answers(URI url) {
        try {
            return new PlatformCalls(url, null).get(url + "/.well-known/jwks.json").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitLastEvent(PlatformCalls calls, String buildId, String event, String run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode build = calls.build(buildId);
            if (event.equals(build.path("lastEvent").asText())) {
                return;
            }
            if (!build.path("status").asText().equals("running")) {
                throw new AssertionError("the build ended before it could be interrupted: " + build);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("build " + buildId + " never reached '" + event + "':\n" + log(run));
    }

    private String log(String run) {
        try {
            return "--- " + run + " ---\n" + Files.readString(home.resolve(run + ".log"));
        } catch (IOException e) {
            return "(no log for " + run + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
