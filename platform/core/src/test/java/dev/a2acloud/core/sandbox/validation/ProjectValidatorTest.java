package dev.a2acloud.core.sandbox.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.sandbox.SafeArchive;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.events.StageTiming;
import dev.a2acloud.pack.tool.Template;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation outcomes, run for real: the pack's template agent and broken variants of it are compiled, carded, tested
 * and started inside the bubblewrap sandbox with the JDK and the pack classpath bound read-only.
 */
class ProjectValidatorTest {
    static ProjectValidator validator;

    @TempDir
    Path project;

    @BeforeAll
    static void validator() {
        validator = new ProjectValidator(
                Sandboxes.local(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))),
                PackToolchain.fromPack(), ProjectValidator.Settings.defaults());
    }

    private Path template() {
        Template.write("echo", project);
        return project;
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = project.resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(from), from + " in " + file);
        Files.writeString(path, text.replace(from, to));
    }

    private static void assertRejected(ValidationReport report, ValidationStage stage, String... reasonParts) {
        assertFalse(report.passed(), "expected a rejection at " + stage);
        StageFailure f = report.failure();
        assertEquals(stage, f.stage(), f.reason() + "\n--- log ---\n" + f.logTail());
        for (String part : reasonParts) {
            assertTrue(f.reason().contains(part), "'" + part + "' in reason: " + f.reason());
        }
        assertTrue(f.logTail().getBytes().length <= StageFailure.LOG_TAIL_BYTES);
        StageTiming last = report.stages().get(report.stages().size() - 1);
        assertEquals(stage.wire(), last.stage());
        assertEquals("failed", last.outcome());
    }

    @Test
    void templateAgentIsValidated() throws IOException {
        ValidationReport report = validator.validateDirectory(template(), "0.1.0");
        assertTrue(report.passed(), () -> report.failure().reason() + "\n" + report.failure().logTail());
        assertEquals(List.of("fetch", "compile", "card", "check", "test", "run", "frontend"),
                report.stages().stream().map(StageTiming::stage).toList());
        assertEquals("skipped", report.stages().get(6).outcome(), "the template declares no frontend");
        assertEquals("echo", report.card().path("name").asText());
        assertEquals(2, report.card().path("skills").size());
        assertTrue(report.sourceDigest().matches("sha256:[0-9a-f]{64}"));
        assertEquals(SourceDigest.of(project), report.sourceDigest(), "the digest is of the project as validated");
        assertTrue(Files.size(project.resolve(".a2a/build/agent.jar")) > 0);
        assertEquals(project.resolve(".a2a/build/agent.jar"), report.jar());
    }

    @Test
    void compileErrorNamesFileAndLine() throws IOException {
        template();
        replace("agent/Agent.java", "return text;", "return text  // missing semicolon");
        ValidationReport report = validator.validateDirectory(project, "0.1.0");
        assertRejected(report, ValidationStage.COMPILE, "Agent.java:");
        assertTrue(report.failure().reason().matches("(?s).*Agent\\.java:\\d+: .*"), report.failure().reason());
        assertEquals(2, report.failure().exitCode());
    }

    @Test
    void projectWithoutSkillsIsRejected() throws IOException {
        template();
        Files.writeString(project.resolve("agent/Agent.java"), "package agent;\npublic class Agent {\n"
                + "    public String hello() { return \"hi\"; }\n}\n");
        replace("a2a.yaml", "default_skill: echo", "");
        String yaml = Files.readString(project.resolve("a2a.yaml"));
        Files.writeString(project.resolve("a2a.yaml"), yaml.substring(0, yaml.indexOf("skills:")) + "dependencies: []\n");
        deleteTree(project.resolve("tests"));
        ValidationReport report = validator.validateDirectory(project, "0.1.0");
        assertFalse(report.passed());
        assertTrue(report.failure().reason().toLowerCase().contains("skill"), report.failure().reason());
    }

    @Test
    void badA2aYamlIsRejectedAtFetch() throws IOException {
        template();
        Files.writeString(project.resolve("a2a.yaml"), "name: [echo\nversion: 0.1.0\n");
        assertRejected(validator.validateDirectory(project, "0.1.0"), ValidationStage.FETCH, "a2a.yaml");
        Files.writeString(project.resolve("a2a.yaml"), "version: 0.1.0\n");
        assertRejected(validator.validateDirectory(project, "0.1.0"), ValidationStage.FETCH, "'name'");
    }

    @Test
    void cardDisagreeingWithTheCodeIsRejected() throws IOException {
        template();
        replace("a2a.yaml", "skills:\n", "skills:\n  translate:\n    timeout_seconds: 5\n");
        ValidationReport report = validator.validateDirectory(project, "0.1.0");
        assertFalse(report.passed());
        assertTrue(report.failure().reason().contains("translate"), report.failure().reason());
    }

    @Test
    void cardVersionDisagreeingWithTheBuildIsRejectedAtCheck() {
        template();
        assertRejected(validator.validateDirectory(project, "2.0.0"), ValidationStage.CHECK, "2.0.0", "0.1.0");
    }

    @Test
    void codeUsingTheModelWithoutAnLlmModeIsRejectedAtCheck() {
        CardCheck.problems(null, null, null, new SourceFacts(false, false));
        com.fasterxml.jackson.databind.node.ObjectNode card = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        List<String> problems = CardCheck.problems(card, null, null, new SourceFacts(true, true));
        assertTrue(problems.stream().anyMatch(p -> p.contains("ctx.llm()")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no skills")), problems.toString());
    }

    @Test
    void secretInTheFrontendIsRejected() throws IOException {
        template();
        replace("a2a.yaml", "dependencies: []", "frontend:\n  dir: frontend\n  entry: index.html\ndependencies: []");
        Files.createDirectories(project.resolve("frontend"));
        Files.writeString(project.resolve("frontend/index.html"), "<html><body>hi</body></html>\n");
        Files.writeString(project.resolve("frontend/app.js"), "const x = 1;\nconst key = 'sk-proj-"
                + "abcdefghijklmnopqrstuvwxyz0123456789';\n");
        assertRejected(validator.validateDirectory(project, "0.1.0"), ValidationStage.FRONTEND,
                "frontend/app.js:2", "API key");
    }

    @Test
    void failingProjectTestIsRejectedAtTest() throws IOException {
        template();
        replace("tests/AgentTests.java", "words != 3", "words != 4");
        ValidationReport report = validator.validateDirectory(project, "0.1.0");
        assertRejected(report, ValidationStage.TEST, "tests failed");
        assertTrue(report.failure().logTail().contains("statsCountsWords"), report.failure().logTail());
    }

    @Test
    void archiveWithAnEscapingPathIsRejectedAtFetch(@TempDir Path out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry e = new TarArchiveEntry("../escape.txt");
            e.setSize(1);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        ValidationReport report = validator.validateArchive(new ByteArrayInputStream(bytes.toByteArray()), "0.1.0",
                out.resolve("agent.jar"));
        assertRejected(report, ValidationStage.FETCH, "unsafe");
        assertFalse(Files.exists(out.resolve("agent.jar")));
    }

    @Test
    void archiveOfTheTemplateIsValidatedAndTheJarWritten(@TempDir Path out) {
        template();
        byte[] archive = SafeArchive.pack(project, SafeArchive.allFiles(project));
        ValidationReport report = validator.validateArchive(new ByteArrayInputStream(archive), null,
                out.resolve("agent.jar"));
        assertTrue(report.passed(), () -> report.failure().reason());
        assertNotNull(report.card());
        assertTrue(Files.exists(out.resolve("agent.jar")));
        assertNull(report.failure());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
