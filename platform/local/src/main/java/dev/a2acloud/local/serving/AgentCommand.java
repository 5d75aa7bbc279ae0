package dev.a2acloud.local.serving;

import java.nio.file.Path;
import java.util.List;

/** The command line that serves a verified agent jar (the pack runtime's {@code AgentMain} in production). */
@FunctionalInterface
public interface AgentCommand {
    List<String> command(Path artifactJar);

    /** Paths the command reads besides the jar (runtime classpath), so a sandbox can bind them read-only. */
    default List<Path> readOnlyPaths() {
        return List.of();
    }
}
