package dev.a2acloud.core.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.sandbox.validation.SourceDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTarballTest {
    @TempDir
    Path tmp;

    private static Path project(Path dir, Instant mtime) throws Exception {
        write(dir.resolve("a2a.yaml"), "name: echo\nversion: 1.0.0\n", mtime);
        write(dir.resolve("agent/Agent.java"), "class Agent {}\n", mtime);
        write(dir.resolve("skills/echo/SKILL.md"), "---\nname: echo\n---\n", mtime);
        write(dir.resolve("frontend/index.html"), "<h1>é</h1>", mtime);
        write(dir.resolve(".a2a/transcript.json"), "{\"turns\":" + mtime.getEpochSecond() + "}", mtime);
        write(dir.resolve(".a2a/build/agent.jar"), "jar" + mtime, mtime);
        return dir;
    }

    private static void write(Path file, String content, Instant mtime) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    @Test
    void sameTreeTwiceGivesTheSameBytesAndDigest() throws Exception {
        Path dir = project(tmp.resolve("p"), Instant.parse("2026-01-01T00:00:00Z"));
        SourceTarball first = SourceTarball.ofDirectory(dir);
        SourceTarball second = SourceTarball.ofDirectory(dir);
        assertArrayEquals(first.bytes(), second.bytes());
        assertEquals(first.digest(), second.digest());
        assertEquals(Digests.sha256(first.bytes()), first.tarballDigest());
    }

    @Test
    void timesPermissionsAndBuilderStateOnDiskDoNotChangeTheDigest() throws Exception {
        Path a = project(tmp.resolve("a"), Instant.parse("2026-01-01T00:00:00Z"));
        Path b = project(tmp.resolve("b"), Instant.parse("2030-06-15T12:34:56Z"));
        Files.setPosixFilePermissions(b.resolve("a2a.yaml"), PosixFilePermissions.fromString("rwx------"));
        SourceTarball ta = SourceTarball.ofDirectory(a);
        SourceTarball tb = SourceTarball.ofDirectory(b);
        assertEquals(ta.digest(), tb.digest());
        assertEquals(ta.tarballDigest(), tb.tarballDigest());
        assertArrayEquals(ta.bytes(), tb.bytes());
    }

    @Test
    void builderStateIsNeverPackaged() throws Exception {
        SourceTarball t = SourceTarball.ofDirectory(project(tmp.resolve("p"), Instant.EPOCH));
        assertEquals(List.of("a2a.yaml", "agent/Agent.java", "frontend/index.html", "skills/echo/SKILL.md"),
                List.copyOf(t.files().keySet()));
        SourceTarball back = SourceTarball.unpack(t.bytes());
        assertEquals(t.digest(), back.digest());
        assertArrayEquals(t.bytes(), back.bytes());
    }

    @Test
    void aChangedFileChangesTheDigest() throws Exception {
        Path dir = project(tmp.resolve("p"), Instant.EPOCH);
        String before = SourceTarball.ofDirectory(dir).digest();
        Files.writeString(dir.resolve("agent/Agent.java"), "class Agent { }\n");
        assertNotEquals(before, SourceTarball.ofDirectory(dir).digest());
    }

    @Test
    void agreesWithTheDigestSandboxValidateComputes() throws Exception {
        Path dir = project(tmp.resolve("p"), Instant.parse("2026-03-03T03:03:03Z"));
        write(dir.resolve("agent/Ü.java"), "x", Instant.EPOCH);
        write(dir.resolve("agent/z/\uE000.txt"), "private use", Instant.EPOCH);
        write(dir.resolve("agent/z/\uD83D\uDE00.txt"), "emoji sorts by UTF-8 bytes", Instant.EPOCH);
        assertEquals(SourceDigest.of(dir), SourceTarball.ofDirectory(dir).digest());
    }

    @Test
    void mapAndDirectoryGiveTheSameTarball() throws Exception {
        Path dir = project(tmp.resolve("p"), Instant.EPOCH);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("skills/echo/SKILL.md", "---\nname: echo\n---\n".getBytes(StandardCharsets.UTF_8));
        files.put("./a2a.yaml", "name: echo\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
        files.put("frontend/index.html", "<h1>é</h1>".getBytes(StandardCharsets.UTF_8));
        files.put("agent/Agent.java", "class Agent {}\n".getBytes(StandardCharsets.UTF_8));
        files.put(".a2a/transcript.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(SourceTarball.ofDirectory(dir).bytes(), SourceTarball.of(files).bytes());
    }

    @Test
    void badProjectsAreRefusedWithWhatToFix() throws Exception {
        assertThrows(PackagingException.class, () -> SourceTarball.of(Map.of(".a2a/x", new byte[1])));
        assertThrows(PackagingException.class, () -> SourceTarball.of(Map.of("../etc/passwd", new byte[1])));
        assertThrows(PackagingException.class, () -> SourceTarball.of(Map.of("/abs", new byte[1])));
        Path dir = project(tmp.resolve("p"), Instant.EPOCH);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("a2a.yaml"));
        PackagingException e = assertThrows(PackagingException.class, () -> SourceTarball.ofDirectory(dir));
        assertTrue(e.getMessage().contains("link"), e.getMessage());
        assertFalse(e.retryable());
        assertThrows(PackagingException.class, () -> SourceTarball.unpack("not a tarball".getBytes()));
    }
}
