package dev.a2acloud.cli;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectTarballTest {
    @Test
    void packsSourcesSortedRelativeAndWithoutBuilderState(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a2a.yaml"), "name: echo # the agent\nversion: '1.0.0'\n");
        Files.createDirectories(dir.resolve("agent"));
        Files.writeString(dir.resolve("agent/Agent.java"), "class Agent {}");
        Files.createDirectories(dir.resolve(".a2a/build"));
        Files.writeString(dir.resolve(".a2a/build/agent.jar"), "jar");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/x.class"), "x");
        byte[] tarball = ProjectTarball.of(dir);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        assertEquals(List.of("a2a.yaml", "agent/Agent.java"), names);
        assertArrayEquals(tarball, ProjectTarball.of(dir), "the same tree packs to the same bytes");
        assertEquals("echo", ProjectTarball.a2aYamlValue(dir, "name"));
        assertEquals("1.0.0", ProjectTarball.a2aYamlValue(dir, "version"));
        assertNull(ProjectTarball.a2aYamlValue(dir, "entrypoint"));
    }

    @Test
    void refusesSymbolicLinks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a2a.yaml"), "name: echo\n");
        Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
        CliException refused = assertThrows(CliException.class, () -> ProjectTarball.of(dir));
        assertTrue(refused.getMessage().contains("passwd is a symbolic link"), refused.getMessage());
        assertEquals(2, refused.exitCode());
    }
}
