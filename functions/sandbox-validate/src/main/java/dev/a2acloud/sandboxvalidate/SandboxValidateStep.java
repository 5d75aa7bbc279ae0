package dev.a2acloud.sandboxvalidate;

import dev.a2acloud.core.sandbox.validation.ValidationReport;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.PlatformException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The sandbox-validate step: {@code build.generated} in, {@code build.validated} or {@code build.rejected} out. It
 * fetches the project from the workspace under the build's grant, runs the {@code ProjectValidator} stages in the
 * sandbox and, when they pass, leaves the compiled jar at {@code <prefix>.a2a/build/agent.jar} for package. A project
 * that fails is an answer ({@code build.rejected} with the stage, exit code and log tail), not an error; trouble
 * reaching the workspace or the sandbox is thrown retryable so the broker redelivers.
 */
public final class SandboxValidateStep implements Function<BuildGenerated, BuildEvent> {
    static final String STEP = "sandbox-validate";
    static final String JAR = ".a2a/build/agent.jar";

    /** The build's project files, reached with the build's workspace grant. */
    public interface ProjectStore {
        /** tar.gz of everything under {@code prefix}, entry names relative to it. */
        byte[] archive(String prefix);

        void write(String path, byte[] bytes);
    }

    /** The {@link ProjectStore} of a build (exchanges the step's service credential for the build's grant). */
    public interface ProjectStores {
        ProjectStore forBuild(String buildId);
    }

    /** {@code ProjectValidator::validateArchive}. */
    public interface ArchiveValidator {
        ValidationReport validate(InputStream tarGz, String expectedVersion, Path jarOut);
    }

    private final ProjectStores stores;
    private final ArchiveValidator validator;

    public SandboxValidateStep(ProjectStores stores, ArchiveValidator validator) {
        this.stores = stores;
        this.validator = validator;
    }

    @Override
    public BuildEvent apply(BuildGenerated event) {
        String prefix = event.sourcePrefix();
        if (prefix == null || !prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("..")) {
            throw new ValidateStepException("sourcePrefix '" + prefix + "' must be a workspace folder like agents/"
                    + event.agent() + "/", false);
        }
        ProjectStore store = stores.forBuild(event.buildId());
        byte[] archive = store.archive(prefix);
        Path scratch = scratch();
        try {
            Path jar = scratch.resolve("agent.jar");
            ValidationReport report = validator.validate(new ByteArrayInputStream(archive), event.version(), jar);
            if (!report.passed()) {
                var f = report.failure();
                return new BuildRejected(event.buildId(), event.agent(), event.owner(), event.version(),
                        event.attempt(), event.origin(), prefix, f.stage().wire(), f.exitCode(), f.reason(),
                        f.logTail());
            }
            store.write(prefix + JAR, Files.readAllBytes(jar));
            return new BuildValidated(event.buildId(), event.agent(), event.owner(), event.version(),
                    event.attempt(), event.origin(), prefix, report.sourceDigest(), report.card(), report.stages());
        } catch (IOException e) {
            throw new ValidateStepException("could not read the compiled jar: " + e.getMessage(), true);
        } finally {
            deleteTree(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("a2a-sandbox-validate-");
        } catch (IOException e) {
            throw new ValidateStepException("cannot create a scratch folder: " + e.getMessage(), true);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** The step's root exception. */
    static final class ValidateStepException extends PlatformException {
        ValidateStepException(String message, boolean retryable) {
            super(message, retryable);
        }
    }
}
