package dev.a2acloud.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Commits one build's tree to the agent's repository over smart HTTP and pushes it to {@code main}.
 *
 * <p>The commit is built directly from objects (no working tree) on top of the remote head just fetched, so a
 * non-fast-forward rejection is answered by fetching again and rebuilding on the new head (bounded). Before
 * committing, the history is searched for a commit carrying this build's {@code A2A-Build-Id} and
 * {@code A2A-Attempt} trailers: a redelivered event gets that commit back instead of a second one. Locks are per
 * repository, so builds of different agents never wait for each other.
 */
public final class BuildCommitter {
    public static final String TRAILER_BUILD_ID = "A2A-Build-Id";
    public static final String TRAILER_ATTEMPT = "A2A-Attempt";
    public static final String TRAILER_VERSION = "A2A-Version";
    static final String BRANCH = Constants.R_HEADS + "main";
    private static final String TRACKING = "refs/remotes/origin/main";

    private final GitHost host;
    private final Path cacheDir;
    private final Clock clock;
    private final int maxPushAttempts;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param cacheDir where local bare copies of the repositories are kept between builds (fetches stay small)
     * @param maxPushAttempts how many times a push rejected as non-fast-forward is rebuilt on the new head
     */
    public BuildCommitter(GitHost host, Path cacheDir, Clock clock, int maxPushAttempts) {
        if (maxPushAttempts < 1) {
            throw new IllegalArgumentException("maxPushAttempts must be at least 1");
        }
        this.host = host;
        this.cacheDir = cacheDir;
        this.clock = clock;
        this.maxPushAttempts = maxPushAttempts;
    }

    public CommitResult commit(CommitRequest request) {
        GitRepo repo = host.ensureRepo(request.owner(), request.agent());
        ReentrantLock lock = locks.computeIfAbsent(request.owner() + "/" + request.agent(), k -> new ReentrantLock());
        lock.lock();
        try (Repository local = openCache(request.owner(), request.agent())) {
            for (int attempt = 1; ; attempt++) {
                ObjectId head = fetch(local, repo);
                Optional<ObjectId> earlier = findBuild(local, head, request.buildId(), request.attempt());
                if (earlier.isPresent()) {
                    return new CommitResult(repo.cloneUrl(), earlier.get().name(), true);
                }
                ObjectId commit = createCommit(local, head, request);
                RemoteRefUpdate.Status status = push(local, repo, commit);
                if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
                    return new CommitResult(repo.cloneUrl(), commit.name(), false);
                }
                boolean raced = status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                        || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED;
                if (!raced) {
                    throw GitException.retryable("pushing " + request.buildId() + " to " + repo.cloneUrl()
                            + " was refused (" + status + "); check that the host accepts pushes to main", null);
                }
                if (attempt >= maxPushAttempts) {
                    throw GitException.retryable("pushing " + request.buildId() + " to " + repo.cloneUrl() + " lost "
                            + attempt + " races with other pushes to main; the event will be redelivered", null);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Repository openCache(String owner, String agent) {
        Path dir = cacheDir.resolve(owner).resolve(agent + ".git");
        try {
            Repository repo = FileRepositoryBuilder.create(dir.toFile());
            if (!Files.exists(dir.resolve("HEAD"))) {
                Files.createDirectories(dir.getParent());
                repo.create(true);
            }
            return repo;
        } catch (IOException | IllegalStateException e) {
            throw GitException.retryable("cannot open the local git cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Fetches {@code main} into the cache; returns its commit, or null while the remote repository is empty. */
    private static ObjectId fetch(Repository local, GitRepo repo) {
        try {
            Git.wrap(local).fetch()
                    .setRemote(repo.cloneUrl().toString())
                    .setCredentialsProvider(credentials(repo))
                    // A wildcard, because an empty repository has no main yet and a named ref would fail the fetch.
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                    .setRemoveDeletedRefs(true)
                    .call();
            Ref ref = local.exactRef(TRACKING);
            return ref == null ? null : ref.getObjectId();
        } catch (TransportException e) {
            throw transportFailure("fetching", repo, e);
        } catch (GitAPIException | IOException e) {
            throw GitException.retryable("fetching " + repo.cloneUrl() + " failed: " + e.getMessage(), e);
        }
    }

    static Optional<ObjectId> findBuild(Repository local, ObjectId head, String buildId, int attempt) {
        if (head == null) {
            return Optional.empty();
        }
        String attemptText = Integer.toString(attempt);
        try (RevWalk walk = new RevWalk(local)) {
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                if (commit.getFooterLines(TRAILER_BUILD_ID).contains(buildId)
                        && commit.getFooterLines(TRAILER_ATTEMPT).contains(attemptText)) {
                    return Optional.of(commit.getId());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw GitException.retryable("reading the history of " + local.getDirectory() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private ObjectId createCommit(Repository local, ObjectId parent, CommitRequest request) {
        try (ObjectInserter inserter = local.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, byte[]> file : request.files().entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setLength(file.getValue().length);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
                builder.add(entry);
            }
            builder.finish();
            PersonIdent who = new PersonIdent("A2A Cloud", "builder@a2acloud.dev", clock.instant(), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message(request));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException | IllegalArgumentException e) {
            throw GitException.permanent("cannot build the commit for " + request.buildId() + ": " + e.getMessage()
                    + "; check the file paths of the source");
        }
    }

    static String message(CommitRequest request) {
        return "Deploy " + request.agent() + " " + request.version() + " (build " + request.buildId() + ")\n\n"
                + TRAILER_BUILD_ID + ": " + request.buildId() + "\n"
                + TRAILER_ATTEMPT + ": " + request.attempt() + "\n"
                + TRAILER_VERSION + ": " + request.version() + "\n";
    }

    private static RemoteRefUpdate.Status push(Repository local, GitRepo repo, ObjectId commit) {
        try {
            Iterable<PushResult> results = Git.wrap(local).push()
                    .setRemote(repo.cloneUrl().toString())
                    .setCredentialsProvider(credentials(repo))
                    .setRefSpecs(new RefSpec(commit.name() + ":" + BRANCH))
                    .setForce(false)
                    .call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(BRANCH);
                if (update != null) {
                    return update.getStatus();
                }
            }
            throw GitException.retryable("pushing to " + repo.cloneUrl() + " reported nothing for main", null);
        } catch (TransportException e) {
            throw transportFailure("pushing", repo, e);
        } catch (GitAPIException e) {
            throw GitException.retryable("pushing to " + repo.cloneUrl() + " failed: " + e.getMessage(), e);
        }
    }

    private static GitException transportFailure(String what, GitRepo repo, TransportException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("not authorized") || text.contains("Authentication is required") || text.contains("401")
                || text.contains("403")) {
            return new GitException(what + " " + repo.cloneUrl() + " was refused: the git host did not accept the"
                    + " credentials; check the git token configured for this step", false, e);
        }
        return GitException.retryable(what + " " + repo.cloneUrl() + " failed: " + text, e);
    }

    private static UsernamePasswordCredentialsProvider credentials(GitRepo repo) {
        return new UsernamePasswordCredentialsProvider(repo.username(), repo.password() == null ? "" : repo.password());
    }
}
