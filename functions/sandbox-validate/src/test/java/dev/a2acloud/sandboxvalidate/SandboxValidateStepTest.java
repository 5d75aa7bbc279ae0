package dev.a2acloud.sandboxvalidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.sandbox.SafeArchive;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.validation.PackToolchain;
import dev.a2acloud.core.sandbox.validation.ProjectValidator;
import dev.a2acloud.core.sandbox.validation.SourceDigest;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventType;
import dev.a2acloud.events.Origin;
import dev.a2acloud.events.PlatformException;
import dev.a2acloud.functions.support.ProcessedEvents;
import dev.a2acloud.functions.support.StepInvoker;
import dev.a2acloud.functions.support.StepResponse;
import dev.a2acloud.pack.tool.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step over an in-memory workspace and the real validator (bubblewrap sandbox, pack toolchain). */
class SandboxValidateStepTest {
    static ProjectValidator validator;

    /** A workspace holding files by path, answering archives of a prefix like the control plane does. */
    static final class InMemoryStore implements SandboxValidateStep.ProjectStore {
        final Map<String, byte[]> written = new HashMap<>();
        final Path root;

        InMemoryStore(Path root) {
            this.root = root;
        }

        @Override
        public byte[] archive(String prefix) {
            Path dir = root.resolve(prefix);
            return SafeArchive.pack(dir, SafeArchive.allFiles(dir));
        }

        @Override
        public void write(String path, byte[] bytes) {
            written.put(path, bytes);
        }
    }

    @TempDir
    Path workspace;

    @BeforeAll
    static void validator() {
        validator = new ProjectValidator(
                Sandboxes.local(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))),
                PackToolchain.fromPack(), ProjectValidator.Settings.defaults());
    }

    private static BuildGenerated generated(String version) {
        return new BuildGenerated("b-1", "echo", "u-1", version, 1, Origin.PROMPT, "agents/echo/");
    }

    private InMemoryStore templateWorkspace() {
        Template.write("echo", workspace.resolve("agents/echo"));
        return new InMemoryStore(workspace);
    }

    @Test
    void validProjectIsValidatedAndItsJarLeftInTheWorkspace() {
        InMemoryStore store = templateWorkspace();
        BuildEvent out = new SandboxValidateStep(id -> store, validator::validateArchive).apply(generated("0.1.0"));
        BuildValidated validated = assertInstanceOf(BuildValidated.class, out);
        assertEquals(SourceDigest.of(workspace.resolve("agents/echo")), validated.sourceDigest());
        assertEquals("echo", validated.card().path("name").asText());
        assertEquals(7, validated.stages().size());
        assertTrue(store.written.get("agents/echo/.a2a/build/agent.jar").length > 0);
    }

    @Test
    void brokenProjectIsRejectedWithStageAndLogTail() throws IOException {
        InMemoryStore store = templateWorkspace();
        Path agent = workspace.resolve("agents/echo/agent/Agent.java");
        Files.writeString(agent, Files.readString(agent).replace("return text;", "return nope;"));
        BuildEvent out = new SandboxValidateStep(id -> store, validator::validateArchive).apply(generated("0.1.0"));
        BuildRejected rejected = assertInstanceOf(BuildRejected.class, out);
        assertEquals("compile", rejected.stage());
        assertEquals(2, rejected.exitCode());
        assertTrue(rejected.reason().contains("Agent.java:"), rejected.reason());
        assertTrue(rejected.logTail().contains("nope"), rejected.logTail());
        assertTrue(store.written.isEmpty(), "nothing is written for a rejected project");
    }

    @Test
    void unsafePrefixIsAPermanentFailure() {
        SandboxValidateStep step = new SandboxValidateStep(id -> templateWorkspace(), validator::validateArchive);
        PlatformException e = assertThrows(PlatformException.class, () -> step.apply(
                new BuildGenerated("b-1", "echo", "u-1", "0.1.0", 1, Origin.PROMPT, "../other/")));
        assertTrue(!e.retryable() && e.getMessage().contains("sourcePrefix"));
    }

    /** One CloudEvent in, through the function-support adapter, the reply event out (in-process, no HTTP server). */
    @Test
    void answersACloudEventWithTheNextEvent() {
        InMemoryStore store = templateWorkspace();
        EventCodec codec = new EventCodec();
        StepInvoker invoker = StepInvoker.of(SandboxValidateStep.STEP,
                new SandboxValidateStep(id -> store, validator::validateArchive), codec, ProcessedEvents.none());
        StepResponse response = invoker.invoke(codec.encode(generated("0.1.0"), "generate"));
        assertEquals(200, response.status(), response.reason());
        assertEquals(EventType.VALIDATED.ceType(), response.reply().getType());
        assertEquals("/a2a-cloud/sandbox-validate", response.reply().getSource().toString());
        assertInstanceOf(BuildValidated.class, codec.decode(response.reply()));
    }
}
