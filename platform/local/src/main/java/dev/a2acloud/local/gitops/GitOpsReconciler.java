package dev.a2acloud.local.gitops;

import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.local.serving.LocalServing;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The embedded GitOps: like Argo CD, reads {@code deploy/service.yaml} at exactly the built commit from the git server
 * (over smart HTTP, the same way a cluster would) and applies it — to local serving — then waits, bounded, until
 * the revision it made is Ready. Re-syncing a commit is a no-op: the same template is the same revision.
 */
public final class GitOpsReconciler implements GitOpsSync {
    private static final System.Logger LOG = System.getLogger(GitOpsReconciler.class.getName());
    static final String MANIFEST_PATH = "deploy/service.yaml";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private final LocalServing serving;
    private final Path cacheDir;
    private final Supplier<Optional<CredentialsProvider>> credentials;
    private final Duration readyTimeout;
    /** One fetch at a time per repository; different agents never wait for each other. */
    private final java.util.Map<String, Object> repoLocks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param cacheDir    where fetched repositories are kept (bare mirrors, one per repo URL)
     * @param credentials for the git server (embedded: any user, the service token as password)
     */
    public GitOpsReconciler(LocalServing serving, Path cacheDir, Supplier<Optional<CredentialsProvider>> credentials,
                            Duration readyTimeout) {
        this.serving = serving;
        this.cacheDir = cacheDir;
        this.credentials = credentials;
        this.readyTimeout = readyTimeout;
    }

    @Override
    public Synced sync(Request request) {
        if (request.commit() == null || !COMMIT.matcher(request.commit()).matches()) {
            throw GitOpsException.invalid("commit must be a full 40-hex SHA-1, was " + request.commit());
        }
        Service manifest = readManifest(request.repoUrl(), request.commit());
        String name = manifest.getMetadata() == null ? null : manifest.getMetadata().getName();
        if (!request.agent().equals(name)) {
            throw GitOpsException.invalid(MANIFEST_PATH + " at " + request.commit() + " names service '" + name
                    + "', not the agent '" + request.agent() + "'; regenerate it with KnativeServiceManifest");
        }
        LocalServing.Applied applied = serving.apply(manifest);
        LOG.log(Level.INFO, "{0} at {1}: revision {2}{3}", request.agent(), request.commit(), applied.revision(),
                applied.newRevision() ? " created" : " unchanged");
        serving.awaitReady(applied.service(), applied.revision(), readyTimeout);
        return new Synced(applied.revision(), applied.url());
    }

    /** {@code deploy/service.yaml} as committed at {@code commit}. */
    Service readManifest(String repoUrl, String commit) {
        synchronized (repoLocks.computeIfAbsent(repoUrl, url -> new Object())) {
            return readLocked(repoUrl, commit);
        }
    }

    private Service readLocked(String repoUrl, String commit) {
        try (Repository repository = mirror(repoUrl)) {
            ObjectId id = ObjectId.fromString(commit);
            if (!repository.getObjectDatabase().has(id)) {
                fetch(repository, repoUrl);
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit revCommit;
                try {
                    revCommit = walk.parseCommit(id);
                } catch (MissingObjectException e) {
                    throw GitOpsException.invalid("commit " + commit + " is not in " + repoUrl
                            + "; was git-commit's push lost?");
                }
                try (TreeWalk tree = TreeWalk.forPath(repository, MANIFEST_PATH, revCommit.getTree())) {
                    if (tree == null) {
                        throw GitOpsException.invalid(repoUrl + " has no " + MANIFEST_PATH + " at " + commit);
                    }
                    String yaml = new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    return parse(yaml, commit);
                }
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot read " + repoUrl + " at " + commit + ": " + e.getMessage(), true, e);
        }
    }

    private static Service parse(String yaml, String commit) {
        Object parsed;
        try {
            parsed = KUBE.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw GitOpsException.invalid(MANIFEST_PATH + " at " + commit + " is not valid YAML: " + e.getMessage());
        }
        if (!(parsed instanceof Service service)) {
            throw GitOpsException.invalid(MANIFEST_PATH + " at " + commit
                    + " must be one serving.knative.dev/v1 Service, was " + (parsed == null ? "empty"
                    : parsed.getClass().getSimpleName()));
        }
        return service;
    }

    private void fetch(Repository repository, String repoUrl) {
        try (Git git = Git.wrap(repository)) {
            var fetch = git.fetch().setRemote(repoUrl)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                    .setTimeout(60);
            credentials.get().ifPresent(fetch::setCredentialsProvider);
            fetch.call();
        } catch (TransportException e) {
            boolean auth = String.valueOf(e.getMessage()).toLowerCase().contains("not authorized")
                    || String.valueOf(e.getMessage()).contains("401");
            throw new GitOpsException("cannot fetch " + repoUrl + ": " + e.getMessage()
                    + (auth ? "; the git server refused the platform's credentials (check A2A_SERVICE_TOKEN)" : ""),
                    !auth, e);
        } catch (GitAPIException e) {
            throw new GitOpsException("cannot fetch " + repoUrl + ": " + e.getMessage(), true, e);
        }
    }

    private Repository mirror(String repoUrl) throws IOException {
        Path dir = cacheDir.resolve(sha1(repoUrl) + ".git");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(cacheDir);
            try {
                Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create " + dir + ": " + e.getMessage(), e);
            }
        }
        return new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true)
                .build();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
