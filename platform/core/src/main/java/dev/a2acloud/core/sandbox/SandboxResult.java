package dev.a2acloud.core.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one run. {@code stdout}/{@code stderr} are capped at the request's output limit; a capped stream ends
 * with {@link #TRUNCATION_MARKER} and the number of bytes dropped. {@code changedFiles} and {@code deletedFiles} are
 * paths relative to {@code /workspace}. {@code killed} is null when the command ended by itself.
 */
public record SandboxResult(int exitCode, String stdout, String stderr, boolean stdoutTruncated,
                            boolean stderrTruncated, Duration duration, List<String> changedFiles,
                            List<String> deletedFiles, KillReason killed) {

    public static final String TRUNCATION_MARKER = "\n[a2a-sandbox: output truncated, ";

    public SandboxResult {
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
        deletedFiles = deletedFiles == null ? List.of() : List.copyOf(deletedFiles);
    }

    /** Ended by itself with exit code 0. */
    public boolean ok() {
        return exitCode == 0 && killed == null;
    }

    /** stdout then stderr, for logs and the repair loop. */
    public String combinedOutput() {
        if (stdout.isEmpty()) {
            return stderr;
        }
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }
}
