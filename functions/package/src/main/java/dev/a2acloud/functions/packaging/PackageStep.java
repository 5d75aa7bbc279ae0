package dev.a2acloud.functions.packaging;

import dev.a2acloud.core.packaging.ArtifactClient;
import dev.a2acloud.core.packaging.ArtifactConflictException;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildValidated;
import java.util.Optional;
import java.util.function.Function;

/**
 * package: {@code build.validated} → {@code build.packaged}. Rebuilds the reproducible source tarball from the
 * workspace, ships it only when its source digest still equals the validated one, and stores it with the jar
 * sandbox-validate compiled as content-addressed artifacts. Storing is idempotent (same bytes → same answer), so a
 * redelivery replies the same event; a version that already exists with another source is refused, never overwritten.
 */
public final class PackageStep implements Function<BuildValidated, BuildEvent> {
    public static final String STEP = "package";
    static final String JAR = ".a2a/build/agent.jar";

    /** The build's workspace files, opened with the build's workspace grant. */
    public interface ProjectFiles {
        /** tar.gz of everything under the prefix, entry names relative to it. */
        byte[] archive(String prefix);

        Optional<byte[]> readIfExists(String path);
    }

    /** Where artifacts are stored (the control plane's artifact API). */
    public interface Artifacts {
        ArtifactClient.Stored put(String buildId, ArtifactClient.Kind kind, byte[] bytes);
    }

    private final Function<String, ProjectFiles> workspaceOfBuild;
    private final Artifacts artifacts;

    /** @param workspaceOfBuild opens the workspace of a build id (exchanging the step's credential for a grant) */
    public PackageStep(Function<String, ProjectFiles> workspaceOfBuild, Artifacts artifacts) {
        this.workspaceOfBuild = workspaceOfBuild;
        this.artifacts = artifacts;
    }

    @Override
    public BuildEvent apply(BuildValidated validated) {
        String prefix = validated.sourcePrefix();
        ProjectFiles files = workspaceOfBuild.apply(validated.buildId());
        SourceTarball source = SourceTarball.unpack(files.archive(prefix));
        if (!source.digest().equals(validated.sourceDigest())) {
            return failed(validated, "the project in " + prefix + " changed after it was validated (validated "
                    + validated.sourceDigest() + ", now " + source.digest() + "); nothing was shipped — build again"
                    + " so the current source is validated");
        }
        Optional<byte[]> jar = files.readIfExists(prefix + JAR);
        if (jar.isEmpty()) {
            return failed(validated, "the compiled jar " + prefix + JAR + " is missing; sandbox-validate leaves it"
                    + " there — build again to compile it");
        }
        ArtifactClient.Stored storedSource;
        try {
            storedSource = artifacts.put(validated.buildId(), ArtifactClient.Kind.SOURCE, source.bytes());
        } catch (ArtifactConflictException e) {
            return failed(validated, "version " + validated.version() + " of " + validated.agent()
                    + " already exists with a different source, and versions are never overwritten: "
                    + e.getMessage() + " — raise the version in a2a.yaml and build again");
        }
        ArtifactClient.Stored storedJar = artifacts.put(validated.buildId(), ArtifactClient.Kind.JAR, jar.get());
        return new BuildPackaged(validated.buildId(), validated.agent(), validated.owner(), validated.version(),
                validated.attempt(), prefix, source.digest(), storedSource.uri(), storedJar.digest(), storedJar.uri(),
                validated.card());
    }

    private static BuildFailed failed(BuildValidated v, String reason) {
        return new BuildFailed(v.buildId(), v.agent(), v.owner(), v.version(), v.attempt(), STEP, reason, null);
    }
}
