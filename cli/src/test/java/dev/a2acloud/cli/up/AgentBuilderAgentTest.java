package dev.a2acloud.cli.up;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the platform finds the agent-builder it serves, and how a class folder becomes a jar it can serve. */
class AgentBuilderAgentTest {

    @Test
    void theBuilderJarOnTheClassPathHoldsTheAgentAndItsManifest(@TempDir Path home) throws Exception {
        Path jar = AgentBuilderAgent.jar(home);
        assertTrue(Files.isRegularFile(jar), jar + " is a jar file");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertNotNull(file.getJarEntry("a2a.yaml"), "a2a.yaml at the root");
            assertNotNull(file.getJarEntry("builder/AgentBuilder.class"), "the entrypoint class");
            assertNotNull(file.getJarEntry("skills/build/SKILL.md"), "the skill bundle");
        }
    }

    @Test
    void aClassFolderIsPackedIntoTheSameJarEveryTime(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("builder"));
        Files.writeString(classes.resolve("a2a.yaml"), "name: agent-builder\nversion: 0.1.0\n");
        Files.write(classes.resolve("builder/AgentBuilder.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Path first = AgentBuilderAgent.packed(classes, dir.resolve("out/agent-builder.jar"));
        byte[] firstBytes = Files.readAllBytes(first);
        Path again = AgentBuilderAgent.packed(classes, dir.resolve("out/agent-builder.jar"));
        assertArrayEquals(firstBytes, Files.readAllBytes(again), "same folder, same bytes, same digest");
        try (JarFile jar = new JarFile(again.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
            assertEquals(List.of("a2a.yaml", "builder/AgentBuilder.class"), names);
        }
        try (var leftovers = Files.list(dir.resolve("out"))) {
            assertEquals(1, leftovers.count(), "no partial files left beside the jar");
        }
    }
}
