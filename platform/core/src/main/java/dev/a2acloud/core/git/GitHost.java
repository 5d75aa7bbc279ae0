package dev.a2acloud.core.git;

/**
 * Where agent repositories live: managed Gitea ({@link GiteaGitHost}) in a cluster, the platform's embedded git
 * server when run on one machine. Both serve smart HTTP, so {@link BuildCommitter} pushes the same way to either.
 */
public interface GitHost {
    /**
     * The repository of {@code owner}'s agent, created empty (default branch {@code main}) when missing. Idempotent
     * and safe to call concurrently; this is the only way a repository comes into being.
     */
    GitRepo ensureRepo(String owner, String agent);
}
