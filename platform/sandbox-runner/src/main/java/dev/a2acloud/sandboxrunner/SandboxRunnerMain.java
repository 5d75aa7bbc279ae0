package dev.a2acloud.sandboxrunner;

import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.remote.SandboxRunService;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts the sandbox runner. Environment: {@code PORT} (8088), {@code A2A_SERVICE_TOKEN} (required),
 * {@code A2A_SANDBOX_BACKEND} (default {@code microsandbox} here: the runner lives on KVM nodes),
 * {@code A2A_SANDBOX_BIND_ROOTS} (colon-separated host paths callers may bind read-only; default the JDK),
 * {@code A2A_SANDBOX_MAX_CONCURRENT} (4).
 */
public final class SandboxRunnerMain {
    private SandboxRunnerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putIfAbsent("A2A_SANDBOX_BACKEND", "microsandbox");
        Sandbox backend = Sandboxes.fromEnvironment(env);
        List<Path> roots = Arrays.stream(env.getOrDefault("A2A_SANDBOX_BIND_ROOTS", System.getProperty("java.home"))
                .split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
        int port = Integer.parseInt(env.getOrDefault("PORT", "8088"));
        int concurrent = Integer.parseInt(env.getOrDefault("A2A_SANDBOX_MAX_CONCURRENT", "4"));
        SandboxRunnerServer server = new SandboxRunnerServer(new InetSocketAddress(port),
                new SandboxRunService(backend, roots), env.get("A2A_SERVICE_TOKEN"), concurrent).start();
        Logger.getLogger(SandboxRunnerMain.class.getName()).info("sandbox runner on port " + server.port()
                + " with backend " + backend.describe());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
