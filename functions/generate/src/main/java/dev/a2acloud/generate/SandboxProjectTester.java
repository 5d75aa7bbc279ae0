package dev.a2acloud.generate;

import dev.a2acloud.core.sandbox.validation.ProjectValidator;
import dev.a2acloud.core.sandbox.validation.ValidationReport;
import dev.a2acloud.core.workspace.WorkspaceClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * {@code test_agent_in_sandbox}: the project as the workspace holds it (downloaded as the same archive
 * sandbox-validate fetches), run through the same {@link ProjectValidator} stages. The jar it compiles is thrown away;
 * sandbox-validate compiles its own.
 */
public final class SandboxProjectTester implements ProjectTester {
    private final WorkspaceClient workspace;
    private final ProjectValidator validator;

    public SandboxProjectTester(WorkspaceClient workspace, ProjectValidator validator) {
        this.workspace = workspace;
        this.validator = validator;
    }

    @Override
    public Outcome test(String prefix, String version) {
        byte[] archive = workspace.downloadArchive(prefix);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("a2a-generate-test");
            ValidationReport report = validator.validateArchive(new ByteArrayInputStream(archive), version,
                    scratch.resolve("agent.jar"));
            String stages = report.stages().stream().map(s -> s.stage() + " " + s.millis() + " ms")
                    .collect(Collectors.joining(", "));
            if (report.passed()) {
                return new Outcome(true, null, null, "", stages);
            }
            return new Outcome(false, report.failure().stage().wire(), report.failure().reason(),
                    report.failure().logTail(), stages);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a scratch folder for the sandbox test", e);
        } finally {
            if (scratch != null) {
                try (var walk = Files.walk(scratch)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }
}
