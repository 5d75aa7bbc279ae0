package dev.a2acloud.local.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts one agent instance as a long-running process. Declared here, narrow, so serving can run on the sandbox's
 * long-running processes where they exist and on a plain host process otherwise.
 */
public interface InstanceLauncher {

    LaunchedInstance launch(Launch launch) throws IOException;

    /**
     * Whether instances get their own network limited to the platform and their egress policy. When false they share
     * the host network and serving says so loudly (log, status condition, {@code egressEnforced=false}).
     */
    boolean isolatesNetwork();

    /**
     * One start: {@code command} with exactly {@code env} (nothing inherited), output appended to {@code logFile};
     * {@code readOnlyPaths} must be visible to the process (the verified artifact, the pack runtime).
     */
    record Launch(String revision, List<String> command, Map<String, String> env, Path workDir, Path logFile,
                  List<Path> readOnlyPaths) {
    }

    /** A started process. */
    interface LaunchedInstance {
        boolean alive();

        long pid();

        /** Runs {@code action} once when the process has exited, whoever ended it. */
        void onExit(Runnable action);

        /** Asks the process to stop, waits up to {@code grace}, then kills it. */
        void stop(Duration grace);
    }
}
