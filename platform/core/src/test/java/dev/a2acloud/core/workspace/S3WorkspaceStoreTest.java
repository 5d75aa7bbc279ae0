package dev.a2acloud.core.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.a2acloud.core.artifacts.ArtifactStore;
import dev.a2acloud.core.artifacts.StoredArtifact;
import dev.a2acloud.core.grants.WorkspaceGrant;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store against a real S3-compatible server on loopback: Adobe S3Mock 5.x started in-process (it is a Spring
 * Boot application; no Docker needed), spoken to over HTTP by aws-sdk-s3 with an endpoint override and path-style
 * access, exactly as against MinIO.
 */
class S3WorkspaceStoreTest {
    @TempDir
    static Path s3root;
    static S3MockApplication s3;
    static S3WorkspaceStore store;

    @BeforeAll
    static void startS3() {
        s3 = S3MockApplication.start(new java.util.HashMap<>(Map.of(
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                "com.adobe.testing.s3mock.store.root", s3root.toString(),
                "server.address", "127.0.0.1",
                S3MockApplication.PROP_SILENT, true)));
        store = S3WorkspaceStore.connect(URI.create("http://127.0.0.1:" + s3.getHttpPort()), "us-east-1",
                "test-access", "test-secret", true);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.stop();
        }
    }

    @Test
    void writesReadsListsAndDeletesCreatingTheBucketOnFirstWrite() {
        assertTrue(store.read("u-s3-one", "agents/echo/a2a.yaml").isEmpty(), "missing bucket reads as missing");
        assertEquals(List.of(), store.list("u-s3-one", "agents/"));
        store.write("u-s3-one", "agents/echo/a2a.yaml", bytes("name: echo"));
        store.write("u-s3-one", "agents/echo/agent/Agent.java", bytes("class Agent {}"));
        store.write("u-s3-one", "agents/other/a2a.yaml", bytes("name: other"));
        assertArrayEquals(bytes("name: echo"), store.read("u-s3-one", "agents/echo/a2a.yaml").orElseThrow());
        assertEquals(List.of(new StoredObject("agents/echo/a2a.yaml", 10),
                        new StoredObject("agents/echo/agent/Agent.java", 14)),
                store.list("u-s3-one", "agents/echo/"));
        store.write("u-s3-one", "agents/echo/a2a.yaml", bytes("name: echo2"));
        assertArrayEquals(bytes("name: echo2"), store.read("u-s3-one", "agents/echo/a2a.yaml").orElseThrow());
        assertTrue(store.delete("u-s3-one", "agents/echo/a2a.yaml"));
        assertFalse(store.delete("u-s3-one", "agents/echo/a2a.yaml"));
        assertTrue(store.read("u-s3-one", "agents/echo/a2a.yaml").isEmpty());
    }

    @Test
    void listsPastOnePage() {
        for (int i = 0; i < 1005; i++) {
            store.write("u-s3-many", String.format("agents/many/f%04d", i), new byte[] {1});
        }
        assertEquals(1005, store.list("u-s3-many", "agents/many/").size());
    }

    @Test
    void grantCheckedAccessAndTarballsWorkOverS3() {
        WorkspaceAccess access = new WorkspaceAccess(store,
                WorkspaceGrant.forAgent("u-s3-two", "echo", "b-1", Instant.now().plusSeconds(600)));
        access.untar("agents/echo/", new ByteArrayInputStream(TarballIntakeTest.good().bytes()),
                TarballLimits.DEFAULT);
        assertEquals(2, access.list("agents/echo/").size());
        assertThrows(WorkspaceException.class, () -> access.read("agents/echo/../../x"));
        assertEquals(WorkspaceException.Kind.OUTSIDE_GRANT,
                assertThrows(WorkspaceException.class, () -> access.write("agents/evil/x", bytes("x"))).kind());
    }

    @Test
    void artifactsAreContentAddressedOverS3() {
        ArtifactStore artifacts = new ArtifactStore(store);
        StoredArtifact first = artifacts.put(bytes("jar bytes"));
        StoredArtifact again = artifacts.put(bytes("jar bytes"));
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.digest(), again.digest());
        assertArrayEquals(bytes("jar bytes"), artifacts.get(first.digest()).orElseThrow());
    }

    @Test
    void anUnreachableServerIsARetryableFailure() {
        S3WorkspaceStore down = S3WorkspaceStore.connect(URI.create("http://127.0.0.1:1"), "us-east-1", "a", "b",
                true);
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> down.write("u-down", "x", bytes("x")));
        assertTrue(e.retryable());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
