package dev.a2acloud.pack;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The paths (jars or class folders) an agent project compiles against and an agent process runs with: this module
 * and its few runtime dependencies, found where the running JVM loaded them from. Nothing else — a tiny classpath is
 * what keeps an agent's cold start short.
 */
public final class PackClasspath {
    // One class per jar: a2a-pack, events (PlatformException), jackson core/databind/annotations, YAML + SnakeYAML.
    private static final List<String> MARKERS = List.of(
            "dev.a2acloud.pack.PackClasspath",
            "dev.a2acloud.events.PlatformException",
            "com.fasterxml.jackson.core.JsonParser",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "org.yaml.snakeyaml.LoaderOptions");

    private PackClasspath() {
    }

    public static List<Path> entries() {
        Set<Path> paths = new LinkedHashSet<>();
        for (String marker : MARKERS) {
            paths.add(locationOf(marker));
        }
        return List.copyOf(new ArrayList<>(paths));
    }

    /** {@link #entries()} joined with the platform's path separator, for {@code -cp}. */
    public static String asClassPath() {
        return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, PackClasspath.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new PackException("cannot tell where " + className + " was loaded from; run the pack from jars "
                        + "or class folders on the class path (not from a custom class loader)");
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (ClassNotFoundException e) {
            throw new PackException(className + " is not on the class path; the pack needs it at runtime. "
                    + "Put a2a-pack and its dependencies (jackson-databind, jackson-dataformat-yaml, events) on -cp");
        } catch (URISyntaxException e) {
            throw new PackException("the location of " + className + " is not a file path: " + e.getMessage());
        }
    }
}
