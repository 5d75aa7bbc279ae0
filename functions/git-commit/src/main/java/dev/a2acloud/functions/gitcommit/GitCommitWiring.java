package dev.a2acloud.functions.gitcommit;

import dev.a2acloud.core.git.BuildCommitter;
import dev.a2acloud.core.git.GitHost;
import dev.a2acloud.core.packaging.ArtifactClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Wiring from settings: artifacts from the control plane ({@code A2A_CONTROL_PLANE_URL}, {@code A2A_SERVICE_TOKEN});
 * local repository copies under {@code A2A_GIT_CACHE_DIR} (default: the temp folder); the manifest settings of
 * {@link GitCommitSettings}. The git host is passed in: Gitea from {@code A2A_GITEA_URL}, {@code A2A_GITEA_USER},
 * {@code A2A_GITEA_TOKEN} and optionally {@code A2A_GITEA_ORG} in the app ({@link GitCommitApplication}), the
 * embedded host when the platform runs on one machine.
 */
public final class GitCommitWiring {
    static final int MAX_PUSH_ATTEMPTS = 5;

    private GitCommitWiring() {
    }

    /** The step over any git host (the embedded platform passes its own). */
    public static GitCommitStep step(Map<String, String> env, GitHost host, HttpClient http) {
        String token = required(env, "A2A_SERVICE_TOKEN");
        ArtifactClient artifacts = new ArtifactClient(URI.create(required(env, "A2A_CONTROL_PLANE_URL")),
                () -> token, http);
        Path cache = Path.of(env.getOrDefault("A2A_GIT_CACHE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "a2a-git-cache").toString()));
        return new GitCommitStep(artifacts::get, new BuildCommitter(host, cache, Clock.systemUTC(), MAX_PUSH_ATTEMPTS),
                GitCommitSettings.fromEnvironment(env));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("git-commit needs " + name + " to be set");
        }
        return value;
    }
}
