package dev.a2acloud.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.packaging.ArtifactClient;
import dev.a2acloud.core.packaging.ArtifactConflictException;
import dev.a2acloud.core.packaging.PackagingException;
import dev.a2acloud.core.packaging.SourceTarball;
import dev.a2acloud.core.workspace.TarballEntry;
import dev.a2acloud.core.workspace.TarballWriter;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PackageStepTest {
    private static final String PREFIX = "agents/echo/";

    /** The workspace as the control plane serves it: files by full path, archives of a prefix with relative names. */
    static final class FakeWorkspace implements PackageStep.ProjectFiles {
        final Map<String, byte[]> files = new TreeMap<>();

        FakeWorkspace put(String path, String content) {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public byte[] archive(String prefix) {
            List<TarballEntry> entries = new ArrayList<>();
            files.forEach((path, data) -> {
                if (path.startsWith(prefix)) {
                    entries.add(new TarballEntry(path.substring(prefix.length()), data));
                }
            });
            return TarballWriter.write(entries);
        }

        @Override
        public Optional<byte[]> readIfExists(String path) {
            return Optional.ofNullable(files.get(path));
        }
    }

    /** The artifact contract: content-addressed, idempotent, one source per (agent, version). */
    static final class FakeArtifacts implements PackageStep.Artifacts {
        final Map<String, byte[]> blobs = new HashMap<>();
        final Map<String, String> sourceOfVersion = new HashMap<>();
        final List<String> puts = new ArrayList<>();
        String version = "1.0.0";

        @Override
        public ArtifactClient.Stored put(String buildId, ArtifactClient.Kind kind, byte[] bytes) {
            String digest = Digests.sha256(bytes);
            if (kind == ArtifactClient.Kind.SOURCE) {
                String previous = sourceOfVersion.putIfAbsent(version, digest);
                if (previous != null && !previous.equals(digest)) {
                    throw new ArtifactConflictException("echo " + version + " already exists with source " + previous);
                }
            }
            puts.add(buildId + ":" + kind);
            blobs.put(digest, bytes);
            return new ArtifactClient.Stored(digest, "http://cp/v1/artifacts/" + digest, bytes.length);
        }
    }

    private static FakeWorkspace project() {
        return new FakeWorkspace()
                .put(PREFIX + "a2a.yaml", "name: echo\nversion: 1.0.0\n")
                .put(PREFIX + "agent/Agent.java", "class Agent {}\n")
                .put(PREFIX + ".a2a/transcript.json", "{}")
                .put(PREFIX + ".a2a/build/agent.jar", "compiled")
                .put("agents/other/a2a.yaml", "name: other\n");
    }

    private static String digestOf(FakeWorkspace ws) {
        Map<String, byte[]> files = new HashMap<>();
        ws.files.forEach((p, d) -> {
            if (p.startsWith(PREFIX)) {
                files.put(p.substring(PREFIX.length()), d);
            }
        });
        return SourceTarball.of(files).digest();
    }

    private static BuildValidated validated(String buildId, String digest) {
        return new BuildValidated(buildId, "echo", "u-1", "1.0.0", 1, Origin.PROMPT, PREFIX, digest,
                new ObjectMapper().createObjectNode().put("name", "echo"), List.of());
    }

    @Test
    void shipsTheValidatedSourceAndTheJar() {
        FakeWorkspace ws = project();
        FakeArtifacts artifacts = new FakeArtifacts();
        BuildValidated in = validated("b-1", digestOf(ws));
        BuildPackaged out = assertInstanceOf(BuildPackaged.class, new PackageStep(id -> ws, artifacts).apply(in));
        assertEquals(in.sourceDigest(), out.sourceDigest());
        assertEquals(Digests.sha256("compiled".getBytes(StandardCharsets.UTF_8)), out.jarDigest());
        assertEquals("http://cp/v1/artifacts/" + out.jarDigest(), out.jarUri());
        byte[] source = artifacts.blobs.get(out.sourceUri().substring("http://cp/v1/artifacts/".length()));
        SourceTarball shipped = SourceTarball.unpack(source);
        assertEquals(List.of("a2a.yaml", "agent/Agent.java"), List.copyOf(shipped.files().keySet()));
        assertEquals(in.sourceDigest(), shipped.digest());
        assertEquals(in.card(), out.card());
        assertEquals(PREFIX, out.sourcePrefix());
    }

    @Test
    void aRedeliveryRepliesTheSameEvent() {
        FakeWorkspace ws = project();
        PackageStep step = new PackageStep(id -> ws, new FakeArtifacts());
        BuildValidated in = validated("b-1", digestOf(ws));
        assertEquals(step.apply(in), step.apply(in));
    }

    @Test
    void aSourceThatChangedAfterValidationIsNotShipped() {
        FakeWorkspace ws = project();
        String validatedDigest = digestOf(ws);
        ws.put(PREFIX + "agent/Agent.java", "class Agent { /* edited */ }\n");
        FakeArtifacts artifacts = new FakeArtifacts();
        BuildFailed failed = assertInstanceOf(BuildFailed.class,
                new PackageStep(id -> ws, artifacts).apply(validated("b-1", validatedDigest)));
        assertEquals("package", failed.stage());
        assertTrue(failed.reason().contains("changed after it was validated"), failed.reason());
        assertTrue(artifacts.puts.isEmpty());
    }

    @Test
    void builderStateDoesNotCountAsAChange() {
        FakeWorkspace ws = project();
        String validatedDigest = digestOf(ws);
        ws.put(PREFIX + ".a2a/transcript.json", "{\"more\":true}");
        assertInstanceOf(BuildPackaged.class,
                new PackageStep(id -> ws, new FakeArtifacts()).apply(validated("b-1", validatedDigest)));
    }

    @Test
    void aMissingJarFailsTheBuild() {
        FakeWorkspace ws = project();
        ws.files.remove(PREFIX + PackageStep.JAR);
        BuildFailed failed = assertInstanceOf(BuildFailed.class,
                new PackageStep(id -> ws, new FakeArtifacts()).apply(validated("b-1", digestOf(ws))));
        assertTrue(failed.reason().contains("agent.jar"), failed.reason());
    }

    @Test
    void anExistingVersionWithAnotherSourceIsRefusedNotOverwritten() {
        FakeArtifacts artifacts = new FakeArtifacts();
        FakeWorkspace first = project();
        new PackageStep(id -> first, artifacts).apply(validated("b-1", digestOf(first)));
        FakeWorkspace second = project().put(PREFIX + "agent/Agent.java", "class Agent { int v2; }\n");
        BuildEvent out = new PackageStep(id -> second, artifacts).apply(validated("b-2", digestOf(second)));
        BuildFailed failed = assertInstanceOf(BuildFailed.class, out);
        assertTrue(failed.reason().contains("raise the version"), failed.reason());
        assertEquals(List.of("b-1:SOURCE", "b-1:JAR"), artifacts.puts);
    }

    @Test
    void retryableTroubleIsLeftToTheBroker() {
        FakeWorkspace ws = project();
        PackageStep step = new PackageStep(id -> ws, (id, kind, bytes) -> {
            throw PackagingException.retryable("control plane down", null);
        });
        assertTrue(assertThrows(PackagingException.class, () -> step.apply(validated("b-1", digestOf(ws))))
                .retryable());
    }
}
