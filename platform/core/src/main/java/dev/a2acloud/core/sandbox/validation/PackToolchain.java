package dev.a2acloud.core.sandbox.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JDK and the a2a-pack classpath that validation runs inside the sandbox ({@code PackTool}, {@code AgentMain}).
 * Both are host paths: the local sandbox sees {@code /usr} already and binds the rest read-only at the same path.
 */
public record PackToolchain(Path javaHome, List<Path> classpath) {
    public PackToolchain {
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new ValidationException("the pack classpath is empty; pass PackClasspath.entries()", false);
        }
        javaHome = javaHome.toAbsolutePath().normalize();
    }

    /** The JDK this JVM runs on, with the given pack classpath (normally {@code PackClasspath.entries()}). */
    public static PackToolchain ofCurrentJdk(List<Path> packClasspath) {
        return new PackToolchain(Path.of(System.getProperty("java.home")), packClasspath.stream()
                .map(p -> p.toAbsolutePath().normalize()).toList());
    }

    public String java() {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    public String classpathString() {
        return classpath.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    /** The host paths the sandbox must bind read-only for this toolchain to run inside it. */
    public List<Path> binds() {
        List<Path> binds = new ArrayList<>();
        if (!javaHome.startsWith("/usr")) {
            binds.add(javaHome);
        }
        for (Path entry : classpath) {
            if (!entry.startsWith("/usr") && binds.stream().noneMatch(entry::startsWith)) {
                binds.add(entry);
            }
        }
        return binds;
    }
}
