package dev.a2acloud.local.git;

import dev.a2acloud.core.git.GitHost;
import dev.a2acloud.core.git.GitRepo;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The embedded {@link GitHost}: bare repositories under {@code A2A_HOME/git}, served by {@link GitServer} at
 * {@code {platformUrl}/git/{owner}/{agent}.git}. Pushes go over that smart HTTP endpoint like they would to Gitea,
 * authenticated with the service token.
 */
public final class EmbeddedGitHost implements GitHost {
    private final BareRepositories repositories;
    private final String platformUrl;
    private final Supplier<String> serviceToken;

    public EmbeddedGitHost(BareRepositories repositories, URI platformUrl, Supplier<String> serviceToken) {
        this.repositories = repositories;
        this.platformUrl = platformUrl.toString().replaceAll("/+$", "");
        this.serviceToken = serviceToken;
    }

    @Override
    public GitRepo ensureRepo(String owner, String agent) {
        repositories.create(owner, agent);
        return new GitRepo(owner, agent, cloneUrl(owner, agent), "a2a", serviceToken.get());
    }

    public URI cloneUrl(String owner, String agent) {
        return URI.create(platformUrl + GitServer.PATH_PREFIX + "/" + owner + "/" + agent + ".git");
    }
}
