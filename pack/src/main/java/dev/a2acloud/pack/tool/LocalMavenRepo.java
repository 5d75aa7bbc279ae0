package dev.a2acloud.pack.tool;

import dev.a2acloud.pack.PackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extra dependencies from a2a.yaml, found only in the local Maven repository ({@code ~/.m2/repository}, or
 * {@code A2A_MAVEN_REPO}). Nothing is downloaded: an agent build must be reproducible offline, so a missing
 * artifact is refused with what to do. Only the named jars are used, not their transitive dependencies.
 */
final class LocalMavenRepo {
    private final Path root;

    LocalMavenRepo(Path root) {
        this.root = root;
    }

    static LocalMavenRepo fromEnvironment() {
        String env = System.getenv("A2A_MAVEN_REPO");
        return new LocalMavenRepo(env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    List<Path> resolve(List<String> coordinates) {
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < coordinates.size(); i++) {
            String[] gav = coordinates.get(i).split(":");
            Path jar = root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw PackException.invalid("dependencies[" + i + "]", coordinates.get(i) + " is not in the local Maven "
                        + "repository (" + jar + "); only artifacts already there can be used — no network "
                        + "resolution. Remove it or install it first (mvn dependency:get)");
            }
            jars.add(jar);
        }
        return jars;
    }
}
