package dev.a2acloud.local.git;

import dev.a2acloud.core.git.GitException;
import dev.a2acloud.core.git.RepoNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The embedded git host's storage: one bare repository per agent at {@code <root>/{owner}/{agent}.git} (root is
 * {@code A2A_HOME/git}). Repositories are only created here, through {@link EmbeddedGitHost#ensureRepo}; the servlet
 * never creates one for an unknown path.
 */
public final class BareRepositories {
    private final Path root;

    public BareRepositories(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    Path directory(String owner, String agent) {
        RepoNames.check(owner, agent);
        return root.resolve(owner).resolve(agent + ".git");
    }

    public boolean exists(String owner, String agent) {
        return RepoNames.valid(owner, agent) && Files.isRegularFile(directory(owner, agent).resolve("HEAD"));
    }

    /** Creates the bare repository (HEAD → main) unless it exists; safe against concurrent callers in this JVM. */
    synchronized void create(String owner, String agent) {
        Path dir = directory(owner, agent);
        if (Files.isRegularFile(dir.resolve("HEAD"))) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
                repo.create(true);
                repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
                StoredConfig config = repo.getConfig();
                // History is the deploy record: no force pushes, no deleted branches.
                config.setBoolean("receive", null, "denyNonFastForwards", true);
                config.setBoolean("receive", null, "denyDeletes", true);
                config.save();
            }
        } catch (IOException | IllegalStateException e) {
            throw GitException.retryable("cannot create the repository " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing repository; the caller closes it. Empty when there is none (never creates one). */
    public Optional<Repository> open(String owner, String agent) {
        if (!exists(owner, agent)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FileRepositoryBuilder().setGitDir(directory(owner, agent).toFile())
                    .setMustExist(true).readEnvironment().build());
        } catch (IOException e) {
            throw GitException.retryable("cannot open the repository of " + owner + "/" + agent + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A file at a commit, for in-process readers such as the GitOps reconciler ({@code deploy/service.yaml}).
     * Empty when the repository, the commit or the file does not exist.
     */
    public Optional<byte[]> readFile(String owner, String agent, String commit, String path) {
        Optional<Repository> opened = open(owner, agent);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (Repository repo = opened.get(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(commit);
            if (id == null) {
                return Optional.empty();
            }
            RevCommit rev = walk.parseCommit(id);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, rev.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                return Optional.of(repo.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes());
            }
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw GitException.retryable("cannot read " + path + " at " + commit + " of " + owner + "/" + agent
                    + ": " + e.getMessage(), e);
        }
    }
}
