package dev.a2acloud.local.serving;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an instance as a plain child process on the host network. Used where no sandbox with long-running processes
 * is available; it cannot enforce the egress policy, which {@link #isolatesNetwork()} reports so serving says it.
 */
public final class HostProcessLauncher implements InstanceLauncher {
    private static final System.Logger LOG = System.getLogger(HostProcessLauncher.class.getName());

    @Override
    public LaunchedInstance launch(Launch launch) throws IOException {
        Files.createDirectories(launch.workDir());
        Files.createDirectories(launch.logFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        Process process = builder.start();
        LOG.log(Level.DEBUG, "started {0} as pid {1}", launch.revision(), process.pid());
        return new ProcessInstance(process);
    }

    @Override
    public boolean isolatesNetwork() {
        return false;
    }

    private record ProcessInstance(Process process) implements LaunchedInstance {
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
            process.onExit().thenRun(action);
        }

        @Override
        public void stop(Duration grace) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
