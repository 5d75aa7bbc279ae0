package dev.a2acloud.core.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @Test
    void storesByDigestOnceAndRefusesCorruption(@TempDir Path dir) throws Exception {
        ArtifactStore store = ArtifactStore.inDirectory(dir);
        byte[] data = "agent.jar".getBytes(StandardCharsets.UTF_8);
        StoredArtifact stored = store.put(data);
        assertEquals(Digests.sha256(data), stored.digest());
        assertTrue(stored.created());
        assertFalse(store.put(data).created(), "the same bytes are stored once");
        assertArrayEquals(data, store.get(stored.digest()).orElseThrow());
        assertTrue(store.get(Digests.sha256(new byte[] {1})).isEmpty());

        String hex = stored.digest().substring(7);
        Path file = dir.resolve(ArtifactStore.BUCKET).resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        Files.write(file, "tampered".getBytes(StandardCharsets.UTF_8));
        ArtifactException corrupt = assertThrows(ArtifactException.class, () -> store.get(stored.digest()));
        assertTrue(corrupt.getMessage().contains("corrupt"));
        // Putting the right bytes again repairs it (the digest no longer matches what is stored).
        assertTrue(store.put(data).created());
        assertArrayEquals(data, store.get(stored.digest()).orElseThrow());
    }

    @Test
    void refusesMalformedDigests(@TempDir Path dir) {
        ArtifactStore store = ArtifactStore.inDirectory(dir);
        for (String digest : new String[] {"sha256:../../etc", "md5:abc", "sha256:" + "A".repeat(64), "", "sha256:"}) {
            assertThrows(ArtifactException.class, () -> store.get(digest), digest);
        }
    }
}
