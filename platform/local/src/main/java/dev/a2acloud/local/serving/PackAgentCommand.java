package dev.a2acloud.local.serving;

import dev.a2acloud.pack.PackClasspath;
import dev.a2acloud.pack.PackLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent runtime: {@code java … dev.a2acloud.pack.runtime.AgentMain} with the pack's measured flags; the agent
 * itself comes from {@code A2A_ARTIFACT_PATH}, which the runtime verifies against {@code A2A_ARTIFACT_DIGEST} again
 * before loading it.
 */
public final class PackAgentCommand implements AgentCommand {
    private final PackLaunch.Options options;

    public PackAgentCommand(PackLaunch.Options options) {
        this.options = options;
    }

    public static PackAgentCommand defaults() {
        return new PackAgentCommand(PackLaunch.Options.defaults());
    }

    @Override
    public List<String> command(Path artifactJar) {
        return PackLaunch.command(null, options);
    }

    @Override
    public List<Path> readOnlyPaths() {
        List<Path> paths = new ArrayList<>(PackClasspath.entries());
        paths.add(Path.of(System.getProperty("java.home")));
        if (options.aotCache() != null) {
            paths.add(options.aotCache());
        }
        return paths;
    }
}
