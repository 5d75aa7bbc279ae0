package dev.a2acloud.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLaunchTest {
    @Test
    void commandIsJavaFlagsClasspathMain(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("agent.jar");
        List<String> cmd = PackLaunch.command(jar, PackLaunch.Options.defaults().withAotCache(null)
                .withJava(Path.of("/opt/jdk/bin/java")));
        assertEquals("/opt/jdk/bin/java", cmd.get(0));
        assertEquals(PackLaunch.MAIN_CLASS, cmd.get(cmd.size() - 1));
        String cp = cmd.get(cmd.indexOf("-cp") + 1);
        assertTrue(cp.endsWith(File.pathSeparator + jar.toAbsolutePath()), cp);
        assertTrue(cp.startsWith(PackClasspath.asClassPath()));
        assertTrue(cmd.containsAll(PackLaunch.DEFAULT_JVM_FLAGS));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), "a missing cache is not passed");

        Path cache = Files.createFile(dir.resolve("pack.aot"));
        List<String> cached = PackLaunch.command(null, PackLaunch.Options.defaults().withAotCache(cache)
                .withJvmFlags(List.of("-Xmx64m")));
        assertTrue(cached.contains("-XX:AOTCache=" + cache));
        assertTrue(cached.contains("-Xmx64m"));
        assertEquals(PackClasspath.asClassPath(), cached.get(cached.indexOf("-cp") + 1));
    }

    @Test
    void classpathHoldsOnlyThePackAndItsRuntimeDependencies() {
        List<Path> entries = PackClasspath.entries();
        assertEquals(7, entries.size(), entries.toString());
        assertTrue(entries.stream().noneMatch(p -> p.toString().contains("junit") || p.toString().contains("networknt")));
    }
}
