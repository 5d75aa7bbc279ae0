package dev.a2acloud.core.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.grants.WorkspaceGrant;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile tarballs: each is refused with its reason, and nothing of it reaches the workspace. */
class TarballIntakeTest {
    static final TarballLimits SMALL = new TarballLimits(1 << 20, 8 << 20, 1000, 8);

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("zip-slip", good().file("../../evil.sh", "boom").bytes(), "path_traversal"),
                Arguments.of("zip-slip inside", good().file("agent/../../x", "boom").bytes(), "path_traversal"),
                Arguments.of("absolute", good().file("/etc/cron.d/evil", "boom").bytes(), "absolute_path"),
                Arguments.of("backslash", good().file("..\\..\\evil", "boom").bytes(), "backslash"),
                Arguments.of("symlink", good().special("agent/link", TarConstants.LF_SYMLINK, "/etc/passwd").bytes(),
                        "symlink_entry"),
                Arguments.of("hardlink", good().special("agent/hard", TarConstants.LF_LINK, "/etc/shadow").bytes(),
                        "hardlink_entry"),
                Arguments.of("char device", good().special("dev/null", TarConstants.LF_CHR, null).bytes(),
                        "device_entry"),
                Arguments.of("block device", good().special("dev/sda", TarConstants.LF_BLK, null).bytes(),
                        "device_entry"),
                Arguments.of("fifo", good().special("pipe", TarConstants.LF_FIFO, null).bytes(), "fifo_entry"),
                Arguments.of("gzip bomb", good().zeros("agent/bomb.bin", 64L << 20).bytes(),
                        "uncompressed_too_large"),
                Arguments.of("too deep", good().file("a/b/c/d/e/f/g/h/i/j.txt", "x").bytes(), "too_deep"),
                Arguments.of("duplicate", good().file("a2a.yaml", "again").bytes(), "duplicate_entry"),
                Arguments.of("nul in name", good().file("agent/" + "n".repeat(120) + "\u0000y", "x").bytes(), "nul_byte"),
                Arguments.of("over-long name", good().file("agent/" + "n".repeat(300), "x").bytes(),
                        "name_too_long"),
                Arguments.of("not gzip", "plain text, not a tarball".getBytes(StandardCharsets.UTF_8), "bad_tarball"),
                Arguments.of("truncated", truncated(), "bad_tarball"),
                Arguments.of("empty", new byte[0], "bad_tarball"),
                Arguments.of("compressed too large", good().file("agent/noise.bin", noise(1_200_000)).bytes(),
                        "compressed_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesAndWritesNothing(String name, byte[] tarGz, String code, @TempDir Path root) {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        WorkspaceAccess access = new WorkspaceAccess(store, grant());
        WorkspaceException e = assertThrows(WorkspaceException.class,
                () -> access.untar("agents/echo/", new ByteArrayInputStream(tarGz), SMALL));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(List.of(), store.list("u-alice", ""), "nothing may be written from a refused tarball");
    }

    @Test
    void refusesAHundredThousandEntries(@TempDir Path root) {
        Tarballs many = good();
        for (int i = 0; i < 100_000; i++) {
            many.file("f/" + i, new byte[0]);
        }
        byte[] tarGz = many.bytes();
        WorkspaceAccess access = new WorkspaceAccess(new DirectoryWorkspaceStore(root), grant());
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> access.untar("agents/echo/",
                new ByteArrayInputStream(tarGz), new TarballLimits(64 << 20, 64 << 20, 10_000, 8)));
        assertEquals("too_many_entries", e.code());
        assertEquals(WorkspaceException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void refusesATarballThatWritesOutsideTheGrant(@TempDir Path root) {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        WorkspaceAccess access = new WorkspaceAccess(store, grant());
        byte[] tarGz = good().bytes();
        WorkspaceException e = assertThrows(WorkspaceException.class,
                () -> access.untar("agents/other/", new ByteArrayInputStream(tarGz), SMALL));
        assertEquals(WorkspaceException.Kind.OUTSIDE_GRANT, e.kind());
        assertEquals(List.of(), store.list("u-alice", ""));
    }

    @Test
    void unpacksAGoodTarballAndTarsItBackReproducibly(@TempDir Path root) {
        DirectoryWorkspaceStore store = new DirectoryWorkspaceStore(root);
        WorkspaceAccess access = new WorkspaceAccess(store, grant());
        List<WriteResult> written = access.untar("agents/echo/",
                new ByteArrayInputStream(good().directory("skills").bytes()), SMALL);
        assertEquals(List.of("agents/echo/a2a.yaml", "agents/echo/agent/Agent.java"),
                written.stream().map(WriteResult::path).sorted().toList());
        byte[] once = access.tar("agents/echo/");
        byte[] twice = access.tar("agents/echo/");
        assertArrayEquals(once, twice, "the same files give the same bytes");
        List<TarballEntry> entries = new TarballReader(SMALL).read(new ByteArrayInputStream(once));
        assertEquals(List.of("a2a.yaml", "agent/Agent.java"), entries.stream().map(TarballEntry::path).toList());
        assertTrue(Arrays.equals("class Agent {}".getBytes(StandardCharsets.UTF_8), entries.get(1).data()));
    }

    static Tarballs good() {
        return new Tarballs().file("a2a.yaml", "name: echo\nversion: 1.0.0\n")
                .file("agent/Agent.java", "class Agent {}");
    }

    static WorkspaceGrant grant() {
        return WorkspaceGrant.forAgent("u-alice", "echo", "b-1", Instant.now().plusSeconds(600));
    }

    private static byte[] truncated() {
        byte[] full = good().file("agent/more.txt", noise(20_000)).bytes();
        return Arrays.copyOf(full, full.length / 2);
    }

    private static byte[] noise(int size) {
        byte[] data = new byte[size];
        new java.util.Random(42).nextBytes(data);
        return data;
    }
}
