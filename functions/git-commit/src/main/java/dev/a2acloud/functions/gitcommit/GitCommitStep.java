package dev.a2acloud.functions.gitcommit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.a2acloud.core.git.BuildCommitter;
import dev.a2acloud.core.git.CommitRequest;
import dev.a2acloud.core.git.CommitResult;
import dev.a2acloud.core.gitops.AgentRuntimeSpec;
import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.KnativeServiceManifest;
import dev.a2acloud.core.gitops.ServiceManifestInput;
import dev.a2acloud.core.packaging.ArtifactClient;
import dev.a2acloud.core.packaging.PackagingException;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildPackaged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * git-commit: {@code build.packaged} → {@code build.committed}. Commits the packaged source plus
 * {@code deploy/service.yaml} (the Knative Service of this version, from {@code a2a.yaml}'s runtime declarations)
 * to the agent's repository. The commit carries {@code A2A-Build-Id} and {@code A2A-Attempt} trailers, so a
 * redelivered event finds and replies the earlier commit instead of committing twice.
 */
public final class GitCommitStep implements Function<BuildPackaged, BuildEvent> {
    public static final String STEP = "git-commit";
    static final String MANIFEST = "deploy/service.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads a stored artifact, checking its digest. */
    public interface Artifacts {
        byte[] get(String uri, String expectedDigest);
    }

    /** The committing part: {@link BuildCommitter} over a {@code GitHost}. */
    public interface Committer {
        CommitResult commit(CommitRequest request);
    }

    private final Artifacts artifacts;
    private final Committer committer;
    private final GitCommitSettings settings;

    public GitCommitStep(Artifacts artifacts, Committer committer, GitCommitSettings settings) {
        this.artifacts = artifacts;
        this.committer = committer;
        this.settings = settings;
    }

    public GitCommitStep(Artifacts artifacts, BuildCommitter committer, GitCommitSettings settings) {
        this(artifacts, (Committer) committer::commit, settings);
    }

    @Override
    public BuildEvent apply(BuildPackaged packaged) {
        SourceTarball source = SourceTarball.unpack(
                artifacts.get(packaged.sourceUri(), ArtifactClient.digestOf(packaged.sourceUri())));
        if (!source.digest().equals(packaged.sourceDigest())) {
            throw PackagingException.permanent("the source artifact " + packaged.sourceUri() + " holds "
                    + source.digest() + ", not the packaged " + packaged.sourceDigest() + "; package the build again");
        }
        if (source.files().keySet().stream().anyMatch(p -> p.startsWith("deploy/"))) {
            // Everything under deploy/ is applied by GitOps; a project must not smuggle in its own manifests.
            throw GitOpsException.invalid("the project has files under deploy/, which is reserved for the platform's"
                    + " manifest; move them to another folder and build again");
        }
        String yaml = KnativeServiceManifest.toYaml(KnativeServiceManifest.build(new ServiceManifestInput(
                packaged.agent(), packaged.owner(), packaged.buildId(), packaged.version(), runtimeOf(source),
                packaged.jarUri(), packaged.jarDigest(), settings.runtimeImage(),
                settings.publicUrl(packaged.owner(), packaged.agent()), settings.maxScale())));
        Map<String, byte[]> tree = new LinkedHashMap<>(source.files());
        tree.put(MANIFEST, yaml.getBytes(StandardCharsets.UTF_8));
        CommitResult result = committer.commit(new CommitRequest(packaged.owner(), packaged.agent(),
                packaged.buildId(), packaged.attempt(), packaged.version(), tree));
        return new BuildCommitted(packaged.buildId(), packaged.agent(), packaged.owner(), packaged.version(),
                packaged.attempt(), result.repoUrl().toString(), result.commit(), packaged.jarDigest(),
                packaged.jarUri(), packaged.card());
    }

    static AgentRuntimeSpec runtimeOf(SourceTarball source) {
        byte[] a2aYaml = source.files().get("a2a.yaml");
        if (a2aYaml == null) {
            throw GitOpsException.invalid("the packaged source has no a2a.yaml; every agent project needs one");
        }
        JsonNode root;
        try {
            root = YAML.readTree(a2aYaml);
        } catch (IOException e) {
            throw GitOpsException.invalid("a2a.yaml is not valid YAML: " + e.getMessage());
        }
        return AgentRuntimeSpec.fromA2aYaml(root == null ? null : root.get("runtime"));
    }
}
