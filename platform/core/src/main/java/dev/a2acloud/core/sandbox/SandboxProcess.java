package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/** A long-running sandboxed process (an agent instance); its output goes to log files. */
public interface SandboxProcess extends AutoCloseable {
    long pid();

    Path stdoutLog();

    Path stderrLog();

    boolean isAlive();

    /** The exit code once it has ended. */
    OptionalInt exitCode();

    /** Waits up to {@code timeout} for the process to end; true when it has. */
    boolean waitFor(Duration timeout);

    /** Kills the whole process tree and releases its limits. Idempotent. */
    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
