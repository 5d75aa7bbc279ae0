package dev.a2acloud.core.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a command on this machine: joins a fresh cgroup with the request's limits (where cgroups are usable), applies
 * rlimits, drains capped output, enforces the wall-clock timeout by killing the whole process tree, and reports what
 * changed under the workspace. Subclasses decide the isolation around the command.
 */
abstract class LocalSandbox implements Sandbox {
    private final Cgroups cgroups;
    private final String prlimit;

    LocalSandbox(Cgroups cgroups, String prlimit) {
        this.cgroups = cgroups;
        this.prlimit = prlimit;
    }

    /** The isolated command line for {@code commandLine} with {@code workspace} as /workspace. */
    abstract List<String> isolate(SandboxRequest request, Path workspace, List<String> commandLine,
                                  boolean shareHostNetwork);

    /** The environment of the launched wrapper process itself (the isolation usually rebuilds it). */
    abstract void prepareEnvironment(Map<String, String> environment, SandboxRequest request, Path workspace);

    abstract void checkEgress(SandboxRequest request);

    /** How long to wait before killing: the command's timeout, plus whatever the backend needs to boot. */
    java.time.Duration wallClock(SandboxRequest request) {
        return request.timeout();
    }

    /** Lets a backend read its tool's own verdicts from the output (e.g. a timeout it enforced itself). */
    SandboxResult interpret(SandboxResult result) {
        return result;
    }

    /** Called once the command line ran or was destroyed, to release anything the tool keeps (e.g. a named VM). */
    void cleanup(List<String> isolatedCommandLine) {
    }

    String isolationName() {
        return cgroups.version() == Cgroups.Version.NONE ? "rlimits" : "cgroup-" + cgroups.version().name().toLowerCase();
    }

    @Override
    public SandboxResult exec(SandboxRequest request, String command, List<String> args) {
        if (command == null || command.isBlank()) {
            throw SandboxException.badRequest("command is missing");
        }
        checkEgress(request);
        List<String> commandLine = new ArrayList<>();
        commandLine.add(command);
        commandLine.addAll(args);
        Path workspace = request.workspace() != null ? existingWorkspace(request.workspace()) : tempWorkspace();
        try {
            return run(request, workspace, commandLine);
        } finally {
            if (request.workspace() == null) {
                deleteTree(workspace);
            }
        }
    }

    private SandboxResult run(SandboxRequest request, Path workspace, List<String> commandLine) {
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace);
        Cgroups.Group group = cgroups.create(request);
        long started = System.nanoTime();
        try {
            List<String> isolated = isolate(request, workspace, commandLine, false);
            Process process = launch(request, workspace, isolated, group, null);
            process.getOutputStream().close();
            CappedOutput out = new CappedOutput(request.outputLimitBytes());
            CappedOutput err = new CappedOutput(request.outputLimitBytes());
            Thread outReader = Thread.ofVirtual().start(() -> out.drain(process.getInputStream()));
            Thread errReader = Thread.ofVirtual().start(() -> err.drain(process.getErrorStream()));
            boolean timedOut = !process.waitFor(wallClock(request).toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                killTree(process, group);
                process.waitFor(5, TimeUnit.SECONDS);
            }
            // Anything a child left holding the pipes open is killed so the readers end.
            if (!outReader.join(Duration.ofSeconds(2)) | !errReader.join(Duration.ofSeconds(2))) {
                killTree(process, group);
                closeQuietly(process);
                outReader.join(Duration.ofSeconds(2));
                errReader.join(Duration.ofSeconds(2));
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            int exit = process.isAlive() ? 137 : process.exitValue();
            KillReason killed = killReason(group, timedOut, exit);
            cleanup(isolated);
            WorkspaceSnapshot after = WorkspaceSnapshot.of(workspace);
            return interpret(new SandboxResult(exit, out.text(), err.text(), out.truncated(), err.truncated(),
                    duration, after.changedSince(before), after.deletedSince(before), killed));
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot start the sandbox: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.unavailable("interrupted while waiting for the sandbox", e);
        } finally {
            if (group != null) {
                group.killAll();
                group.delete();
            }
        }
    }

    private static KillReason killReason(Cgroups.Group group, boolean timedOut, int exit) {
        if (group != null && group.oomKilled()) {
            return KillReason.MEMORY;
        }
        // Hitting the pids limit is reported even when the command exits 0: a fork was refused, so it did not run
        // as written (a fork bomb's parent typically returns at once while its children fail).
        if (group != null && group.pidsLimitHit()) {
            return KillReason.PIDS;
        }
        return timedOut ? KillReason.TIMEOUT : null;
    }

    @Override
    public SandboxProcess start(SandboxRequest request, List<String> commandLine, boolean shareHostNetwork) {
        if (commandLine == null || commandLine.isEmpty()) {
            throw SandboxException.badRequest("command line is missing");
        }
        if (!shareHostNetwork) {
            checkEgress(request);
        }
        Path workspace = request.workspace() != null ? existingWorkspace(request.workspace()) : tempWorkspace();
        Cgroups.Group group = cgroups.create(request);
        try {
            Path logs = Files.createTempDirectory("a2a-sandbox-logs-");
            Path stdout = logs.resolve("stdout.log");
            Path stderr = logs.resolve("stderr.log");
            List<String> isolated = isolate(request, workspace, commandLine, shareHostNetwork);
            Process process = launch(request, workspace, isolated, group, new Path[]{stdout, stderr});
            process.getOutputStream().close();
            return new LocalProcess(process, group, stdout, stderr, request.workspace() == null ? workspace : null,
                    () -> cleanup(isolated));
        } catch (IOException | RuntimeException e) {
            if (group != null) {
                group.killAll();
                group.delete();
            }
            throw e instanceof SandboxException se ? se
                    : SandboxException.unavailable("cannot start the sandboxed process: " + e.getMessage(), e);
        }
    }

    private Process launch(SandboxRequest request, Path workspace, List<String> isolated, Cgroups.Group group,
                           Path[] logs) throws IOException {
        for (Path bind : request.readOnlyBinds()) {
            if (!Files.exists(bind)) {
                throw SandboxException.badRequest("read-only bind " + bind + " does not exist on this host");
            }
        }
        List<Path> procs = group == null ? List.of() : group.procsFiles();
        boolean memoryByCgroup = group != null;
        List<String> argv = ResourceLimits.wrap(procs, prlimit, request, memoryByCgroup, memoryByCgroup, isolated);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workspace.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        prepareEnvironment(builder.environment(), request, workspace);
        if (logs != null) {
            builder.redirectOutput(logs[0].toFile()).redirectError(logs[1].toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder.start();
    }

    static void killTree(Process process, Cgroups.Group group) {
        if (group != null) {
            group.killAll();
        }
        // Without cgroups (or for anything outside them): the process and every descendant we can still see.
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    private static void closeQuietly(Process process) {
        try {
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // closing only unblocks the readers
        }
    }

    private static Path existingWorkspace(Path workspace) {
        if (!Files.isDirectory(workspace)) {
            throw SandboxException.badRequest("workspace " + workspace + " is not a directory");
        }
        return workspace;
    }

    private static Path tempWorkspace() {
        try {
            return Files.createTempDirectory("a2a-sandbox-ws-");
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot create a workspace folder: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    private static final class LocalProcess implements SandboxProcess {
        private final Process process;
        private final Cgroups.Group group;
        private final Path stdout;
        private final Path stderr;
        private final Path tempWorkspace;
        private final Runnable cleanup;
        private volatile boolean destroyed;

        LocalProcess(Process process, Cgroups.Group group, Path stdout, Path stderr, Path tempWorkspace,
                     Runnable cleanup) {
            this.cleanup = cleanup;
            this.process = process;
            this.group = group;
            this.stdout = stdout;
            this.stderr = stderr;
            this.tempWorkspace = tempWorkspace;
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public Path stdoutLog() {
            return stdout;
        }

        @Override
        public Path stderrLog() {
            return stderr;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public OptionalInt exitCode() {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public boolean waitFor(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public synchronized void destroy() {
            if (destroyed) {
                return;
            }
            destroyed = true;
            killTree(process, group);
            waitFor(Duration.ofSeconds(5));
            if (group != null) {
                group.delete();
            }
            cleanup.run();
            deleteTree(tempWorkspace);
        }
    }
}
