package dev.a2acloud.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every command taking an agent project directory makes before doing anything with it. */
final class ProjectDir {
    private ProjectDir() {
    }

    static void check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliException.badInput(dir + " is not a directory; pass an agent project directory (one with a2a.yaml)");
        }
        if (!Files.isRegularFile(dir.resolve("a2a.yaml"))) {
            throw CliException.badInput(dir.toAbsolutePath().normalize() + " has no a2a.yaml; is it an agent project? "
                    + "`a2a init NAME` writes one");
        }
    }
}
