package dev.a2acloud.pack.tool;

import dev.a2acloud.pack.PackClasspath;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.A2aYaml;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles an agent project in-process (javax.tools) against {@link PackClasspath#entries()} plus the a2a.yaml
 * dependencies, and writes the agent jar: classes, {@code a2a.yaml}, {@code skills/**}, {@code frontend/**} at its
 * root and the dependency jars' classes inside (so the jar alone is the artifact). The jar is deterministic —
 * sorted entries, fixed timestamps — so the same sources give the same digest.
 */
public final class ProjectCompiler {
    private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L + 86_400_000L); // 1980-01-02

    private final LocalMavenRepo maven;

    public ProjectCompiler() {
        this(LocalMavenRepo.fromEnvironment());
    }

    ProjectCompiler(LocalMavenRepo maven) {
        this.maven = maven;
    }

    /** Reads and checks {@code dir/a2a.yaml}. */
    public static A2aYaml descriptor(Path dir) {
        Path yaml = dir.resolve("a2a.yaml");
        if (!Files.isRegularFile(yaml)) {
            throw PackException.invalid("a2a.yaml", dir.toAbsolutePath() + " has no a2a.yaml; is it an agent project? "
                    + "(PackTool init <name> <dir> writes one)");
        }
        try {
            return A2aYaml.parse(Files.readString(yaml));
        } catch (IOException e) {
            throw PackException.invalid("a2a.yaml", "cannot be read: " + e.getMessage());
        }
    }

    /** Compiles {@code dir} into {@code outJar}; throws {@link CompileFailed} with file:line messages. */
    public A2aYaml compile(Path dir, Path outJar) {
        A2aYaml yaml = descriptor(dir);
        List<Path> deps = maven.resolve(yaml.dependencies());
        Path classes = null;
        try {
            classes = Files.createTempDirectory("a2a-classes-");
            List<Path> classpath = new ArrayList<>(PackClasspath.entries());
            classpath.addAll(deps);
            javac(dir, sources(dir, "agent"), classpath, classes);
            writeJar(dir, classes, deps, outJar);
            return yaml;
        } catch (IOException e) {
            throw new PackException("could not write the agent jar " + outJar + ": " + e.getMessage());
        } finally {
            deleteQuietly(classes);
        }
    }

    /** Compiles the project tests ({@code tests/**}) against the agent jar into {@code classesOut}. */
    public void compileTests(Path dir, Path agentJar, Path classesOut) {
        A2aYaml yaml = descriptor(dir);
        List<Path> classpath = new ArrayList<>(PackClasspath.entries());
        classpath.addAll(maven.resolve(yaml.dependencies()));
        classpath.add(agentJar);
        javac(dir, sources(dir, "tests"), classpath, classesOut);
    }

    static List<Path> sources(Path dir, String folder) {
        Path root = dir.resolve(folder);
        if (!Files.isDirectory(root)) {
            throw new CompileFailed(List.of(folder + "/: the folder is missing; put the " + folder + " sources (*.java) there"));
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
            if (files.isEmpty()) {
                throw new CompileFailed(List.of(folder + "/: no .java files"));
            }
            return files;
        } catch (IOException e) {
            throw new PackException("cannot list " + root + ": " + e.getMessage());
        }
    }

    private static void javac(Path dir, List<Path> sources, List<Path> classpath, Path out) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new PackException("no Java compiler in this runtime (" + System.getProperty("java.home")
                    + "); run the pack with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-parameters", "-proc:none", "-encoding", "UTF-8",
                    "-nowarn", "-Xlint:none", "-implicit:none",
                    "-classpath", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                    "-d", out.toString());
            StringWriter output = new StringWriter();
            Boolean ok = compiler.getTask(output, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String file = d.getSource() == null ? "<javac>" : relative(dir, Path.of(d.getSource().toUri()));
                errors.add(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).replaceAll("\\s*\n\\s*", "; "));
            }
            if (!Boolean.TRUE.equals(ok)) {
                if (errors.isEmpty()) {
                    errors.add("<javac>:0: " + output.toString().trim());
                }
                throw new CompileFailed(errors);
            }
        } catch (IOException e) {
            throw new PackException("javac failed: " + e.getMessage());
        }
    }

    private static String relative(Path dir, Path file) {
        Path base = dir.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(base) ? base.relativize(f).toString().replace('\\', '/') : f.toString();
    }

    private static void writeJar(Path dir, Path classes, List<Path> deps, Path outJar) throws IOException {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        for (Path dep : deps) {
            try (JarFile jar = new JarFile(dep.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (e.isDirectory() || name.startsWith("META-INF/") || name.equals("module-info.class")) {
                        continue;
                    }
                    try (InputStream in = jar.getInputStream(e)) {
                        entries.put(name, in.readAllBytes());
                    }
                }
            }
        }
        addTree(classes, "", entries);
        entries.put("a2a.yaml", Files.readAllBytes(dir.resolve("a2a.yaml")));
        for (String folder : List.of("skills", "frontend")) {
            if (Files.isDirectory(dir.resolve(folder))) {
                addTree(dir.resolve(folder), folder + "/", entries);
            }
        }
        Path parent = outJar.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".agent-", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Created-By", "a2a-pack");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(file)) {
            JarEntry m = new JarEntry(JarFile.MANIFEST_NAME);
            m.setLastModifiedTime(FIXED_TIME);
            jar.putNextEntry(m);
            manifest.write(jar);
            jar.closeEntry();
            for (var e : entries.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setLastModifiedTime(FIXED_TIME);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        Files.move(tmp, outJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void addTree(Path root, String prefix, TreeMap<String, byte[]> entries) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    entries.put(prefix + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder; best effort
        }
    }
}
