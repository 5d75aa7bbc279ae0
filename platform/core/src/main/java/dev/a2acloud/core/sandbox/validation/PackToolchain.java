package dev.a2acloud.core.sandbox.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JDK and the a2a-pack classpath that validation runs inside the sandbox ({@code PackTool}, {@code AgentMain}).
 * Both are host paths: the local sandbox sees {@code /usr} already and binds the rest read-only at the same path.
 */
public record PackToolchain(Path javaHome, List<Path> classpath, Path mavenRepo) {
    public PackToolchain {
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new ValidationException("the pack classpath is empty; pass PackClasspath.entries()", false);
        }
        javaHome = javaHome.toAbsolutePath().normalize();
        mavenRepo = mavenRepo == null ? null : mavenRepo.toAbsolutePath().normalize();
    }

    /**
     * The JDK of this JVM, the pack classpath of this JVM ({@code PackClasspath.entries()}) and the local Maven
     * repository ({@code A2A_MAVEN_REPO} or {@code ~/.m2/repository}, if it exists) for the extra dependencies a2a.yaml
     * may declare — bound read-only, never the whole {@code ~/.m2} (settings.xml may hold credentials).
     */
    public static PackToolchain fromPack() {
        String env = System.getenv("A2A_MAVEN_REPO");
        Path repo = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new PackToolchain(Path.of(System.getProperty("java.home")), dev.a2acloud.pack.PackClasspath.entries(),
                java.nio.file.Files.isDirectory(repo) ? repo : null);
    }

    /** The JDK this JVM runs on, with the given pack classpath (normally {@code PackClasspath.entries()}). */
    public static PackToolchain ofCurrentJdk(List<Path> packClasspath) {
        return new PackToolchain(Path.of(System.getProperty("java.home")), packClasspath.stream()
                .map(p -> p.toAbsolutePath().normalize()).toList(), null);
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
        if (mavenRepo != null && !mavenRepo.startsWith("/usr")) {
            binds.add(mavenRepo);
        }
        for (Path entry : classpath) {
            if (!entry.startsWith("/usr") && binds.stream().noneMatch(entry::startsWith)) {
                binds.add(entry);
            }
        }
        return binds;
    }
}
