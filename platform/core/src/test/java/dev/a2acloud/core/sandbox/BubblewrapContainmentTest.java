package dev.a2acloud.core.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containment of the local bubblewrap backend. Each test does something a command could do on the host without
 * isolation (connect to a host port, write a host file, read a host secret, exhaust memory or processes, run forever,
 * flood output) and asserts the sandbox stopped it. Needs bubblewrap (test/run.sh installs it); the memory and pids
 * tests need cgroups, which this machine gives root (v1).
 */
class BubblewrapContainmentTest {
    static Sandbox sandbox;

    @TempDir
    Path workspace;

    @BeforeAll
    static void localSandbox() {
        sandbox = Sandboxes.local(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        assertTrue(sandbox.describe().startsWith("bubblewrap"), "bubblewrap must be installed: " + sandbox.describe());
    }

    private SandboxRequest request() {
        return SandboxRequest.defaults().withWorkspace(workspace).withTimeout(Duration.ofSeconds(20));
    }

    private static boolean cgroupsUsable() {
        return sandbox.describe().contains("cgroup");
    }

    @Test
    void outboundNetworkIsRefusedEvenToTheHostsLoopback() throws IOException {
        try (ServerSocket hostServer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = hostServer.getLocalPort();
            SandboxResult r = sandbox.runPython(request(), String.join("\n",
                    "import socket",
                    "for host, port in [('127.0.0.1', " + port + "), ('1.1.1.1', 80)]:",
                    "    try:",
                    "        socket.create_connection((host, port), timeout=3).close()",
                    "        print('CONNECTED', host)",
                    "    except OSError as e:",
                    "        print('refused', host, e.errno)"));
            assertTrue(r.ok(), r.toString());
            assertFalse(r.stdout().contains("CONNECTED"), r.stdout());
            assertTrue(r.stdout().contains("refused 127.0.0.1") && r.stdout().contains("refused 1.1.1.1"), r.stdout());
        }
    }

    @Test
    void writesOutsideWorkspaceAreRefusedAndWorkspaceWritesAreReported(@TempDir Path hostDir) {
        Path outside = hostDir.resolve("escape.txt");
        SandboxResult r = sandbox.runShell(request(), String.join("; ",
                "echo x > " + outside + " 2>/dev/null && echo WROTE-HOST-DIR",
                "echo x > /etc/a2a-escape 2>/dev/null && echo WROTE-ETC",
                "echo x > /usr/a2a-escape 2>/dev/null && echo WROTE-USR",
                "mkdir -p out && echo result > out/report.txt && echo wrote-workspace"));
        assertTrue(r.ok(), r.toString());
        assertFalse(r.stdout().contains("WROTE"), r.stdout());
        assertFalse(Files.exists(outside));
        assertFalse(Files.exists(Path.of("/etc/a2a-escape")));
        assertTrue(r.stdout().contains("wrote-workspace"));
        assertEquals(List.of("out/report.txt"), r.changedFiles());
        assertTrue(Files.exists(workspace.resolve("out/report.txt")));
    }

    @Test
    void hostFilesOutsideUsrAndEtcAreInvisible(@TempDir Path hostDir) throws IOException {
        Path secret = Files.writeString(hostDir.resolve("secret.txt"), "host-secret-4711");
        SandboxResult r = sandbox.runShell(request(), "cat " + secret + " 2>&1; ls / ; ls /root /home /var /opt 2>&1;"
                + " echo HOME=$HOME; env");
        assertFalse(r.stdout().contains("host-secret-4711"), r.stdout());
        String root = r.stdout();
        assertFalse(root.contains("\nroot\n") || root.contains("\nhome\n") || root.contains("\nvar\n"), root);
        // Nothing of the caller's environment leaks in either.
        assertFalse(r.stdout().contains("JAVA_HOME") || r.stdout().contains("MAVEN"), r.stdout());
        assertTrue(r.stdout().contains("HOME=/workspace"), r.stdout());
    }

    @Test
    void runsAsAnUnprivilegedUserWithoutCapabilities() {
        SandboxResult r = sandbox.runShell(request(), "id -u; grep CapEff /proc/self/status");
        assertTrue(r.stdout().startsWith("1000\n"), r.stdout());
        assertTrue(r.stdout().contains("CapEff:\t0000000000000000"), r.stdout());
    }

    @Test
    void memoryLimitKills() {
        assumeTrue(cgroupsUsable(), "memory limits need cgroups (run as root or with a delegated cgroup)");
        SandboxResult r = sandbox.runPython(request().withMemoryMiB(64),
                "x = bytearray(400 * 1024 * 1024)\nprint('ALLOCATED', len(x))");
        assertFalse(r.stdout().contains("ALLOCATED"), r.stdout());
        assertEquals(KillReason.MEMORY, r.killed(), r.toString());
        assertNotEquals(0, r.exitCode());
    }

    @Test
    void pidsLimitStopsAForkBomb() {
        assumeTrue(cgroupsUsable(), "pids limits need cgroups (run as root or with a delegated cgroup)");
        long started = System.nanoTime();
        SandboxResult r = sandbox.runShell(request().withPids(32).withTimeout(Duration.ofSeconds(10)),
                "bomb() { bomb | bomb & }; bomb; sleep 2; echo survived");
        assertEquals(KillReason.PIDS, r.killed(), r.toString());
        assertTrue(r.stderr().contains("fork"), r.stderr());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "the bomb was contained quickly");
    }

    @Test
    void timeLimitKillsTheWholeProcessTree() {
        SandboxResult r = sandbox.runShell(request().withTimeout(Duration.ofSeconds(1)),
                "sleep 317 & sleep 318; echo NOT-REACHED");
        assertEquals(KillReason.TIMEOUT, r.killed());
        assertFalse(r.stdout().contains("NOT-REACHED"));
        assertTrue(r.duration().toMillis() < 5000, r.duration().toString());
        waitUntilGone("sleep 317");
    }

    @Test
    void outputFloodIsCappedWithAMarker() {
        SandboxResult r = sandbox.runShell(request().withOutputLimitBytes(64 * 1024),
                "head -c 50000000 /dev/zero | tr '\\0' x; echo done >&2");
        assertTrue(r.ok(), r.stderr());
        assertTrue(r.stdoutTruncated());
        assertTrue(r.stdout().contains(SandboxResult.TRUNCATION_MARKER), "marker present");
        assertTrue(r.stdout().length() < 64 * 1024 + 200, "kept " + r.stdout().length());
        assertEquals("done\n", r.stderr());
    }

    @Test
    void allowListEgressIsRefusedNotSilentlyGranted() {
        SandboxException e = org.junit.jupiter.api.Assertions.assertThrows(SandboxException.class,
                () -> sandbox.runShell(request().withEgress(EgressPolicy.allow(List.of("api.github.com"))), "true"));
        assertEquals(SandboxException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("never grants full network"), e.getMessage());
    }

    @Test
    void requestEnvironmentAndReadOnlyBindsAreVisible(@TempDir Path tools) throws IOException {
        Files.writeString(tools.resolve("tool.txt"), "tool-content\n");
        SandboxResult r = sandbox.runShell(request().withEnv(Map.of("GREETING", "hello"))
                        .withReadOnlyBinds(List.of(tools)),
                "echo $GREETING; cat " + tools + "/tool.txt; echo x > " + tools + "/new 2>/dev/null || echo read-only");
        assertEquals("hello\ntool-content\nread-only\n", r.stdout());
    }

    @Test
    void deletedWorkspaceFilesAreReported() throws IOException {
        Files.writeString(workspace.resolve("old.txt"), "old");
        SandboxResult r = sandbox.runShell(request(), "rm old.txt");
        assertTrue(r.ok(), r.toString());
        assertEquals(List.of("old.txt"), r.deletedFiles());
    }

    @Test
    void longRunningProcessSharesTheHostNetworkWhenAskedAndDiesOnDestroy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(workspace.resolve("index.html"), "served-from-sandbox");
        try (SandboxProcess p = sandbox.start(request(), List.of("python3", "-m", "http.server", "--bind",
                "127.0.0.1", Integer.toString(port)), true)) {
            HttpClient http = HttpClient.newHttpClient();
            String body = null;
            for (int i = 0; i < 100 && body == null; i++) {
                try {
                    body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertEquals("served-from-sandbox", body, () -> log(p));
            p.destroy();
            assertFalse(p.isAlive());
        }
    }

    @Test
    void longRunningProcessWithoutHostNetworkWritesLogsAndIsKilledOnDestroy() throws Exception {
        SandboxProcess p = sandbox.start(request(), List.of("sh", "-c", "echo started; sleep 319"), false);
        for (int i = 0; i < 100 && Files.readString(p.stdoutLog()).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals("started\n", Files.readString(p.stdoutLog()));
        assertTrue(p.isAlive());
        p.destroy();
        assertFalse(p.isAlive());
        waitUntilGone("sleep 319");
    }

    private static String log(SandboxProcess p) {
        try {
            return Files.readString(p.stdoutLog()) + Files.readString(p.stderrLog());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void waitUntilGone(String commandLine) {
        for (int i = 0; i < 100; i++) {
            boolean alive = ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine()
                    .map(c -> c.contains(commandLine)).orElse(false));
            if (!alive) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("a '" + commandLine + "' process outlived the sandbox");
    }
}
