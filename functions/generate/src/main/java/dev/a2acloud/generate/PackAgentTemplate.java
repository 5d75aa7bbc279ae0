package dev.a2acloud.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The template the pack ships under {@code template/} on its classpath (a folder in development, entries of the
 * pack jar when packaged), read once. Text files get the agent's name filled in where the template says
 * {@code {{name}}}; a2a.yaml's {@code version} becomes the build's.
 */
public final class PackAgentTemplate implements AgentTemplate {
    static final String ROOT = "template/";
    private final Map<String, byte[]> files;

    private PackAgentTemplate(Map<String, byte[]> files) {
        this.files = files;
    }

    public static PackAgentTemplate fromClasspath(ClassLoader loader) {
        URL root = loader.getResource(ROOT);
        if (root == null) {
            throw new GenerateException("the A2A Pack template (" + ROOT + ") is not on the classpath; "
                    + "put the a2a-pack jar on the generate step's classpath", false);
        }
        try {
            Map<String, byte[]> files = "jar".equals(root.getProtocol()) ? fromJar(root) : fromFolder(root);
            if (files.isEmpty()) {
                throw new GenerateException("the A2A Pack template at " + root + " is empty", false);
            }
            return new PackAgentTemplate(files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the A2A Pack template at " + root, e);
        }
    }

    @Override
    public Map<String, byte[]> files(String agent, String version) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        files.forEach((path, bytes) -> out.put(path, fill(path, bytes, agent, version)));
        return out;
    }

    private static byte[] fill(String path, byte[] bytes, String agent, String version) {
        if (!(path.endsWith(".yaml") || path.endsWith(".java") || path.endsWith(".md") || path.endsWith(".html"))) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replace("{{name}}", agent)
                .replace("{{version}}", version);
        if (path.equals("a2a.yaml")) {
            // The template carries a starter version; a build's a2a.yaml must state the build's version.
            text = text.replaceFirst("(?m)^version:.*$",
                    "version: " + java.util.regex.Matcher.quoteReplacement(version));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> fromFolder(URL root) throws IOException {
        Path dir;
        try {
            dir = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(URL root) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(ROOT)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(ROOT.length()), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }
}
