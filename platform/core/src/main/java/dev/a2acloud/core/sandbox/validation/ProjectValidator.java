package dev.a2acloud.core.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import dev.a2acloud.events.StageTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates an agent project in stages — fetch, compile, card, check, test, run, frontend — each timed, stopping at
 * the first failure with a reason and the output tail. Everything the project's code can influence runs inside the
 * sandbox with the JDK and the pack classpath bound read-only; the host only copies files, parses the card and scans
 * text. The compiled jar is copied out of the sandbox right after compiling, so later stages (which run the
 * project's own code) cannot swap it.
 */
public final class ProjectValidator {
    static final String PACK_TOOL = "dev.a2acloud.pack.tool.PackTool";
    static final String AGENT_MAIN = "dev.a2acloud.pack.runtime.AgentMain";
    static final String JAR_IN_PROJECT = ".a2a/build/agent.jar";
    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\S+\\.java:\\d+: .*$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Limits for the stages. */
    public record Settings(int memoryMiB, double cpus, int pids, Duration compileTimeout, Duration testTimeout,
                           Duration runTimeout) {
        public static Settings defaults() {
            return new Settings(1024, 2.0, 512, Duration.ofSeconds(120), Duration.ofSeconds(120),
                    Duration.ofSeconds(60));
        }
    }

    private final Sandbox sandbox;
    private final PackToolchain toolchain;
    private final Settings settings;

    public ProjectValidator(Sandbox sandbox, PackToolchain toolchain, Settings settings) {
        this.sandbox = sandbox;
        this.toolchain = toolchain;
        this.settings = settings;
    }

    /**
     * Validates a project folder on this machine (the generate step's {@code test_agent_in_sandbox}, {@code a2a}
     * commands). The folder is copied first, so nothing run in the sandbox touches it; on success the jar is written to
     * {@code <projectDir>/.a2a/build/agent.jar}. {@code expectedVersion} null = take a2a.yaml's.
     */
    public ValidationReport validateDirectory(Path projectDir, String expectedVersion) {
        Path jarOut = projectDir.resolve(JAR_IN_PROJECT);
        return validate(work -> ProjectFiles.copyProject(projectDir, work), expectedVersion, jarOut);
    }

    /** Validates a project tar.gz (entry names relative to the project root); on success the jar goes to {@code jarOut}. */
    public ValidationReport validateArchive(InputStream tarGz, String expectedVersion, Path jarOut) {
        return validate(work -> ProjectFiles.unpackTarGz(tarGz, work), expectedVersion, jarOut);
    }

    interface Fetch {
        void into(Path projectDir) throws IOException;
    }

    private ValidationReport validate(Fetch fetch, String expectedVersion, Path jarOut) {
        Path work = createWork();
        Run run = new Run(work);
        try {
            Path project = Files.createDirectories(work.resolve("project"));
            JsonNode manifest = run.stage(ValidationStage.FETCH, () -> {
                fetch.into(project);
                return readManifest(project);
            });
            String digest = SourceDigest.of(project);
            String version = expectedVersion != null ? expectedVersion : manifest.path("version").asText();
            Path jar = run.stage(ValidationStage.COMPILE, () -> compile(project, work));
            JsonNode card = run.stage(ValidationStage.CARD, () -> card(work, jar));
            run.stage(ValidationStage.CHECK, () -> {
                check(card, manifest, version, project);
                return null;
            });
            if (hasTests(project)) {
                run.stage(ValidationStage.TEST, () -> test(project, jar));
            } else {
                run.skipped(ValidationStage.TEST);
            }
            run.stage(ValidationStage.RUN, () -> runAgent(work, jar));
            if (manifest.hasNonNull("frontend")) {
                run.stage(ValidationStage.FRONTEND, () -> {
                    checkFrontend(project, manifest.get("frontend"));
                    return null;
                });
            } else {
                run.skipped(ValidationStage.FRONTEND);
            }
            Files.createDirectories(jarOut.toAbsolutePath().getParent());
            Files.copy(jar, jarOut, StandardCopyOption.REPLACE_EXISTING);
            return new ValidationReport(card, digest, jarOut, run.timings, null);
        } catch (StageFailed failed) {
            return new ValidationReport(null, null, null, run.timings, failed.failure);
        } catch (IOException e) {
            throw new ValidationException("validation could not write its files: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static JsonNode readManifest(Path project) {
        Path file = project.resolve("a2a.yaml");
        if (!Files.isRegularFile(file)) {
            throw new Rejection("the project has no a2a.yaml at its root; add one with name, version and entrypoint");
        }
        JsonNode manifest;
        try {
            manifest = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new Rejection("a2a.yaml is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (manifest == null || !manifest.isObject()) {
            throw new Rejection("a2a.yaml must be a mapping with name, version and entrypoint");
        }
        for (String field : List.of("name", "version")) {
            if (!manifest.path(field).isValueNode() || manifest.path(field).asText().isBlank()) {
                throw new Rejection("a2a.yaml has no '" + field + "'; add " + field + ": <value>");
            }
        }
        return manifest;
    }

    private Path compile(Path project, Path work) throws IOException {
        Files.createDirectories(project.resolve(".a2a/build"));
        SandboxRequest compile = request(project, settings.compileTimeout(), List.of());
        if (toolchain.mavenRepo() != null) {
            compile = compile.withEnv(Map.of("A2A_MAVEN_REPO", toolchain.mavenRepo().toString()));
        }
        SandboxResult r = sandbox.exec(compile, toolchain.java(),
                javaArgs(toolchain.classpathString(), PACK_TOOL, "compile", "/workspace", "/workspace/" + JAR_IN_PROJECT));
        if (!r.ok()) {
            String errors = COMPILE_ERROR.matcher(r.stderr()).results().map(m -> m.group())
                    .limit(20).collect(Collectors.joining("\n"));
            throw new Rejection(errors.isEmpty() ? "compiling failed: " + summary(r) : "compile errors:\n" + errors,
                    r.exitCode(), r.combinedOutput());
        }
        Path built = project.resolve(JAR_IN_PROJECT);
        if (!Files.isRegularFile(built)) {
            throw new Rejection("the compiler reported success but wrote no " + JAR_IN_PROJECT, r.exitCode(),
                    r.combinedOutput());
        }
        // Move the jar out of reach of everything that runs later (tests and the agent see only a read-only copy).
        Path jar = Files.createDirectories(work.resolve("private")).resolve("agent.jar");
        Files.copy(built, jar, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    private JsonNode card(Path work, Path jar) {
        SandboxResult r = sandbox.exec(request(scratch(work), settings.runTimeout(), List.of(jar.getParent())),
                toolchain.java(), javaArgs(toolchain.classpathString(), PACK_TOOL, "card", "--jar", jar.toString()));
        if (!r.ok()) {
            throw new Rejection("a2a card failed: " + summary(r), r.exitCode(), r.combinedOutput());
        }
        try {
            JsonNode card = JSON.readTree(r.stdout());
            if (card == null || !card.isObject()) {
                throw new Rejection("a2a card printed no JSON object", r.exitCode(), r.combinedOutput());
            }
            return card;
        } catch (IOException e) {
            throw new Rejection("a2a card printed invalid JSON: " + firstLine(e.getMessage()), r.exitCode(),
                    r.combinedOutput());
        }
    }

    private static void check(JsonNode card, JsonNode manifest, String version, Path project) {
        List<String> problems = CardCheck.problems(card, manifest, version, SourceFacts.scan(project));
        if (!problems.isEmpty()) {
            throw new Rejection("the card is not valid:\n- " + String.join("\n- ", problems), 1,
                    card.toPrettyString());
        }
    }

    private static boolean hasTests(Path project) {
        Path tests = project.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            return false;
        }
    }

    private Object test(Path project, Path jar) {
        SandboxResult r = sandbox.exec(request(project, settings.testTimeout(), List.of(jar.getParent())),
                toolchain.java(), javaArgs(toolchain.classpathString(), PACK_TOOL, "test", "/workspace"));
        if (!r.ok()) {
            throw new Rejection("the project's tests failed: " + summary(r), r.exitCode(), r.combinedOutput());
        }
        return null;
    }

    private Object runAgent(Path work, Path jar) throws IOException {
        Path probeDir = copyProbe(work);
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/";
        String script = String.join("\n",
                "log=\"${TMPDIR:-/tmp}/a2a-agent-$$.log\"",
                "PORT=" + port + " A2A_PUBLIC_URL=" + url + " " + shell(toolchain.java()) + " " + jvmOptions()
                        + " -cp " + shell(toolchain.classpathString() + ":" + jar) + " " + AGENT_MAIN
                        + " > \"$log\" 2>&1 &",
                "agent=$!",
                shell(toolchain.java()) + " -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp " + shell(probeDir.toString())
                        + " " + AgentProbe.class.getName() + " " + url + " " + (settings.runTimeout().toMillis() / 2),
                "rc=$?",
                "if [ $rc -ne 0 ]; then echo '--- agent output ---' >&2; tail -c 6000 \"$log\" >&2; fi",
                "kill $agent 2>/dev/null",
                "exit $rc");
        List<Path> binds = List.of(jar.getParent(), probeDir);
        SandboxResult r = sandbox.runShell(request(scratch(work), settings.runTimeout(), binds), script);
        if (!r.ok()) {
            throw new Rejection("the agent did not serve its card and answer a JSON-RPC call inside the sandbox: "
                    + summary(r), r.exitCode(), r.combinedOutput());
        }
        return null;
    }

    private static void checkFrontend(Path project, JsonNode frontend) throws IOException {
        String entry;
        String dir = "frontend";
        if (frontend.isTextual()) {
            entry = frontend.asText();
        } else if (frontend.isObject()) {
            entry = firstText(frontend, "entry", "index", "file", "main");
            dir = Optional.ofNullable(firstText(frontend, "dir", "path", "root")).orElse(dir);
        } else {
            throw new Rejection("a2a.yaml 'frontend' must name the entry file (e.g. frontend: index.html)");
        }
        if (entry == null || entry.isBlank()) {
            throw new Rejection("a2a.yaml 'frontend' declares no entry file; add entry: index.html");
        }
        String dirName = ProjectFiles.checkedName(dir);
        String entryName = ProjectFiles.checkedName(entry);
        Path root = project.resolve(dirName);
        if (!Files.isRegularFile(project.resolve(entryName)) && !Files.isRegularFile(root.resolve(entryName))) {
            throw new Rejection("the frontend entry file '" + entry + "' does not exist (looked in " + dirName
                    + "/ and the project root)");
        }
        if (!Files.isDirectory(root)) {
            root = project.resolve(entryName).getParent();
        }
        for (Path file : SourceDigest.files(root)) {
            if (Files.size(file) > (4 << 20)) {
                continue;
            }
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            Optional<SecretMarkers.Finding> finding = SecretMarkers.find(text);
            if (finding.isPresent()) {
                throw new Rejection(SourceDigest.relative(project, file) + ":" + finding.get().line() + " contains "
                        + finding.get().marker() + "; files served to browsers must hold no secrets or internal "
                        + "host names — call the agent's own skills from the frontend instead");
            }
        }
    }

    private SandboxRequest request(Path workspace, Duration timeout, List<Path> extraBinds) {
        List<Path> binds = new ArrayList<>(toolchain.binds());
        binds.addAll(extraBinds);
        return SandboxRequest.defaults().withWorkspace(workspace).withTimeout(timeout)
                .withMemoryMiB(settings.memoryMiB()).withCpus(settings.cpus()).withPids(settings.pids())
                .withReadOnlyBinds(binds).withEnv(Map.of());
    }

    private List<String> javaArgs(String classpath, String main, String... args) {
        List<String> argv = new ArrayList<>(List.of(jvmOptions().split(" ")));
        argv.addAll(List.of("-cp", classpath, main));
        argv.addAll(List.of(args));
        return argv;
    }

    /** A heap below the sandbox's memory limit (the JVM cannot see the cgroup limit from inside) and a fast start. */
    private String jvmOptions() {
        return "-Xmx" + Math.max(64, settings.memoryMiB() / 2) + "m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m";
    }

    private static Path scratch(Path work) {
        try {
            return Files.createDirectories(work.resolve("scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyProbe(Path work) throws IOException {
        String resource = AgentProbe.class.getName().replace('.', '/') + ".class";
        Path target = work.resolve("probe").resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = AgentProbe.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ValidationException("the agent probe class is missing from the classpath", false);
            }
            Files.copy(in, target);
        }
        return work.resolve("probe");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String shell(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String summary(SandboxResult r) {
        if (r.killed() != null) {
            return "killed by the sandbox (" + r.killed().wire() + " limit) after " + r.duration().toMillis() + " ms";
        }
        String err = r.stderr().strip();
        String last = err.isEmpty() ? r.stdout().strip() : err;
        String[] lines = last.split("\n");
        String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 5), lines.length));
        return "exit code " + r.exitCode() + (tail.isBlank() ? "" : ":\n" + tail);
    }

    private static String firstText(JsonNode node, String... names) {
        for (String n : names) {
            if (node.path(n).isTextual()) {
                return node.path(n).asText();
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Path createWork() {
        try {
            return Files.createTempDirectory("a2a-validate-");
        } catch (IOException e) {
            throw new ValidationException("cannot create a folder to validate in: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // leftover temp files are harmless
        }
    }

    interface StageBody<T> {
        T run() throws IOException;
    }

    /** Times the stages and turns the first failure into a {@link StageFailure}. */
    private static final class Run {
        final List<StageTiming> timings = new ArrayList<>();

        Run(Path work) {
        }

        <T> T stage(ValidationStage stage, StageBody<T> body) {
            long started = System.nanoTime();
            try {
                T value = body.run();
                timings.add(new StageTiming(stage.wire(), millisSince(started), "passed"));
                return value;
            } catch (Rejection r) {
                timings.add(new StageTiming(stage.wire(), millisSince(started), "failed"));
                String log = r.log().isEmpty() ? r.getMessage() : r.log();
                throw new StageFailed(new StageFailure(stage, r.exitCode(), r.getMessage(), log));
            } catch (SandboxException e) {
                if (e.retryable()) {
                    throw e;
                }
                timings.add(new StageTiming(stage.wire(), millisSince(started), "failed"));
                throw new StageFailed(new StageFailure(stage, 1, e.getMessage(), e.getMessage()));
            } catch (IOException e) {
                throw new ValidationException("stage " + stage.wire() + " could not read or write files: "
                        + e.getMessage(), e);
            }
        }

        void skipped(ValidationStage stage) {
            timings.add(new StageTiming(stage.wire(), 0, "skipped"));
        }

        private static long millisSince(long started) {
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static final class StageFailed extends RuntimeException {
        final StageFailure failure;

        StageFailed(StageFailure failure) {
            super(failure.reason(), null, false, false);
            this.failure = failure;
        }
    }
}
