package dev.a2acloud.functions.gitcommit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.git.BuildCommitter;
import dev.a2acloud.core.git.GitHost;
import dev.a2acloud.core.git.GitRepo;
import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.KnativeServiceManifest;
import dev.a2acloud.core.packaging.PackagingException;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildPackaged;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step with real JGit repositories: the host hands out {@code file://} bare repositories (JGit's local transport),
 * the same committer code the HTTP tests in {@code local} run against the embedded git server.
 */
class GitCommitStepTest {
    private static final String IMAGE = "ghcr.io/a2acloud/agent-runtime@sha256:" + "e".repeat(64);
    private static final GitCommitSettings SETTINGS = new GitCommitSettings(IMAGE, null, 10);
    @TempDir
    Path tmp;
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final List<String> downloads = new ArrayList<>();
    private GitHost host;

    @BeforeEach
    void bareRepositories() {
        host = (owner, agent) -> {
            Path dir = tmp.resolve("remote").resolve(owner).resolve(agent + ".git");
            try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
                if (!dir.resolve("HEAD").toFile().exists()) {
                    repo.create(true);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new GitRepo(owner, agent, dir.toUri(), "a2a", "unused");
        };
    }

    private GitCommitStep step() {
        BuildCommitter committer = new BuildCommitter(host, tmp.resolve("cache"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 3);
        return new GitCommitStep((uri, digest) -> {
            downloads.add(uri);
            byte[] bytes = blobs.get(uri);
            assertEquals(Digests.sha256(bytes), digest);
            return bytes;
        }, committer, SETTINGS);
    }

    private BuildPackaged packaged(String buildId, Map<String, String> files) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        files.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        SourceTarball source = SourceTarball.of(raw);
        String uri = "http://cp/v1/artifacts/" + source.tarballDigest();
        blobs.put(uri, source.bytes());
        String jarDigest = Digests.sha256("jar".getBytes());
        return new BuildPackaged(buildId, "echo", "u-1", "1.0.0", 1, "agents/echo/", source.digest(), uri,
                jarDigest, "http://cp/v1/artifacts/" + jarDigest, new ObjectMapper().createObjectNode());
    }

    private static Map<String, String> project() {
        return Map.of("a2a.yaml", "name: echo\nversion: 1.0.0\nruntime:\n  concurrency: 3\n  resources:\n"
                + "    memory: 128Mi\n", "agent/Agent.java", "class Agent {}\n");
    }

    private List<RevCommit> history() throws Exception {
        try (Repository repo = FileRepositoryBuilder.create(tmp.resolve("remote/u-1/echo.git").toFile());
             Git git = Git.wrap(repo)) {
            List<RevCommit> out = new ArrayList<>();
            git.log().add(repo.resolve("refs/heads/main")).call().forEach(out::add);
            return out;
        }
    }

    private String fileAt(String commit, String path) throws Exception {
        try (Repository repo = FileRepositoryBuilder.create(tmp.resolve("remote/u-1/echo.git").toFile());
             org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
             TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(repo.resolve(commit)).getTree())) {
            return tree == null ? null : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void commitsTheSourceAndTheServiceManifest() throws Exception {
        BuildPackaged in = packaged("b-1", project());
        BuildCommitted out = assertInstanceOf(BuildCommitted.class, step().apply(in));
        assertEquals(tmp.resolve("remote/u-1/echo.git").toUri().toString(), out.repoUrl());
        assertEquals(history().get(0).getName(), out.commit());
        assertEquals(in.jarDigest(), out.jarDigest());
        assertEquals("class Agent {}\n", fileAt(out.commit(), "agent/Agent.java"));
        Service service = KnativeServiceManifest.fromYaml(fileAt(out.commit(), "deploy/service.yaml"));
        assertEquals("echo", service.getMetadata().getName());
        assertEquals("b-1", service.getMetadata().getLabels().get(KnativeServiceManifest.LABEL_BUILD_ID));
        assertEquals(3L, service.getSpec().getTemplate().getSpec().getContainerConcurrency());
        var container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(IMAGE, container.getImage());
        assertEquals("128Mi", container.getResources().getLimits().get("memory").toString());
        assertTrue(container.getEnv().contains(new EnvVar("A2A_ARTIFACT_DIGEST", in.jarDigest(), null)));
        assertTrue(container.getEnv().contains(new EnvVar("A2A_ARTIFACT_URI", in.jarUri(), null)));
        assertEquals(List.of("b-1"), history().get(0).getFooterLines(BuildCommitter.TRAILER_BUILD_ID));
    }

    @Test
    void aRedeliveredEventDoesNotCommitTwice() throws Exception {
        BuildPackaged in = packaged("b-1", project());
        BuildCommitted first = (BuildCommitted) step().apply(in);
        BuildCommitted again = (BuildCommitted) step().apply(in);
        assertEquals(first, again);
        assertEquals(1, history().size());
        BuildCommitted next = (BuildCommitted) step().apply(packaged("b-2", project()));
        assertEquals(2, history().size());
        assertEquals(first.commit(), history().get(1).getName());
        assertFalse(next.commit().equals(first.commit()));
    }

    @Test
    void aSourceArtifactWithOtherContentIsRefused() {
        BuildPackaged in = packaged("b-1", project());
        BuildPackaged lying = new BuildPackaged(in.buildId(), in.agent(), in.owner(), in.version(), in.attempt(),
                in.sourcePrefix(), Digests.sha256("something else".getBytes()), in.sourceUri(), in.jarDigest(),
                in.jarUri(), in.card());
        PackagingException e = assertThrows(PackagingException.class, () -> step().apply(lying));
        assertFalse(e.retryable());
    }

    @Test
    void projectsThatCannotBeDeployedFailWithTheReason() {
        Map<String, String> withDeploy = new HashMap<>(project());
        withDeploy.put("deploy/evil.yaml", "kind: ClusterRoleBinding");
        assertTrue(assertThrows(GitOpsException.class, () -> step().apply(packaged("b-1", withDeploy)))
                .getMessage().contains("deploy/"));
        assertThrows(GitOpsException.class, () -> step().apply(packaged("b-2",
                Map.of("agent/Agent.java", "class Agent {}"))));
        GitOpsException bad = assertThrows(GitOpsException.class, () -> step().apply(packaged("b-3",
                Map.of("a2a.yaml", "runtime: {concurrency: -1}"))));
        assertFalse(bad.retryable());
    }

    @Test
    void settingsNameTheVariableToFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GitCommitSettings.fromEnvironment(Map.of("A2A_RUNTIME_IMAGE", "runtime:latest")));
        assertTrue(e.getMessage().contains("A2A_RUNTIME_IMAGE"));
        assertEquals("http://h/agents/echo/", GitCommitSettings.fromEnvironment(Map.of("A2A_RUNTIME_IMAGE", IMAGE,
                "A2A_PUBLIC_URL_TEMPLATE", "http://h/agents/{agent}/")).publicUrl("u-1", "echo"));
    }
}
