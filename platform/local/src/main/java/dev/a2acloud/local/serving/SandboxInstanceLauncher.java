package dev.a2acloud.local.serving;

import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxProcess;
import dev.a2acloud.core.sandbox.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs instances through the platform sandbox (bubblewrap + cgroups locally): filesystem, process and resource
 * isolation, with the verified jar and the runtime bound read-only. The instance must listen where the activator
 * can reach it, so it shares the host network — egress is NOT enforced, which {@link #isolatesNetwork()} reports.
 * The sandbox's stdout/stderr files are followed into the revision's log so {@code a2a logs} sees them live.
 */
public final class SandboxInstanceLauncher implements InstanceLauncher {
    private static final Duration FOLLOW_PAUSE = Duration.ofMillis(200);

    private final Sandbox sandbox;
    private final SandboxRequest base;

    /** {@code base}: limits for every instance (CPU, memory, pids); env, workspace and binds are set per launch. */
    public SandboxInstanceLauncher(Sandbox sandbox, SandboxRequest base) {
        this.sandbox = sandbox;
        this.base = base;
    }

    @Override
    public LaunchedInstance launch(Launch launch) throws IOException {
        Files.createDirectories(launch.workDir());
        Files.createDirectories(launch.logFile().getParent());
        Map<String, String> env = new HashMap<>(launch.env());
        env.put("HOME", "/workspace");
        List<Path> binds = new ArrayList<>();
        for (Path path : launch.readOnlyPaths()) {
            Path normal = path.toAbsolutePath().normalize();
            if (!normal.startsWith("/usr") && !binds.contains(normal)) { // /usr is bound already
                binds.add(normal);
            }
        }
        SandboxRequest request = base.withEnv(env).withWorkspace(launch.workDir()).withReadOnlyBinds(binds)
                .withTimeout(Duration.ofHours(1));
        SandboxProcess process = sandbox.start(request, launch.command(), true);
        Thread follower = Thread.ofVirtual().name("logs-" + launch.revision())
                .start(() -> follow(process, launch.logFile()));
        return new Sandboxed(process, follower);
    }

    @Override
    public boolean isolatesNetwork() {
        return false;
    }

    /** Appends what the process writes to its two log files onto the revision log until it ends. */
    private static void follow(SandboxProcess process, Path logFile) {
        long outAt = 0;
        long errAt = 0;
        try (OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            boolean last = false;
            while (true) {
                boolean alive = process.isAlive();
                outAt = copyNew(process.stdoutLog(), outAt, log);
                errAt = copyNew(process.stderrLog(), errAt, log);
                log.flush();
                if (last) {
                    return;
                }
                if (!alive) {
                    last = true; // one more pass for what was written just before the end
                    continue;
                }
                Thread.sleep(FOLLOW_PAUSE);
            }
        } catch (IOException | InterruptedException e) {
            // the log is best effort; the process is unaffected
        }
    }

    private static long copyNew(Path file, long from, OutputStream to) throws IOException {
        if (file == null || !Files.isRegularFile(file) || Files.size(file) <= from) {
            return from;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            return from + in.transferTo(to);
        }
    }

    private record Sandboxed(SandboxProcess process, Thread follower) implements LaunchedInstance {
        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void onExit(Runnable action) {
            Thread.ofVirtual().start(() -> {
                while (!process.waitFor(Duration.ofSeconds(60))) {
                    Thread.onSpinWait();
                }
                action.run();
            });
        }

        @Override
        public void stop(Duration grace) {
            process.destroy();
        }
    }
}
