package dev.a2acloud.pack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command line that serves a compiled agent: java executable, JVM flags, class path (the pack classpath plus
 * the agent jar) and {@code dev.a2acloud.pack.runtime.AgentMain}. Serving and the sandbox build processes with it so
 * every launcher uses the same, measured flags (test/bench/agent.sh).
 *
 * <p>AOT cache: with {@link Options#aotCache()} set and the file present, {@code -XX:AOTCache=<file>} is added
 * (JDK 25; a cache created by {@link #trainingCommand}). A missing file is skipped, never an error: the cache only
 * speeds start. The environment variable {@code A2A_AOT_CACHE} gives the default.
 */
public final class PackLaunch {
    public static final String MAIN_CLASS = "dev.a2acloud.pack.runtime.AgentMain";

    /** Flags measured to shorten start without hurting warm throughput for small agents. */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");

    /**
     * @param javaExecutable the {@code java} binary; null = the one running this code
     * @param jvmFlags       replaces {@link #DEFAULT_JVM_FLAGS} when not null
     * @param aotCache       an AOT cache file (JDK 25 {@code -XX:AOTCache}); null = {@code A2A_AOT_CACHE} or none
     */
    public record Options(Path javaExecutable, List<String> jvmFlags, Path aotCache) {
        public static Options defaults() {
            String env = System.getenv("A2A_AOT_CACHE");
            return new Options(null, null, env == null || env.isBlank() ? null : Path.of(env));
        }

        public Options withJava(Path v) {
            return new Options(v, jvmFlags, aotCache);
        }

        public Options withJvmFlags(List<String> v) {
            return new Options(javaExecutable, v, aotCache);
        }

        public Options withAotCache(Path v) {
            return new Options(javaExecutable, jvmFlags, v);
        }
    }

    /** JVM warnings (e.g. an unusable AOT cache) go to stderr: stdout carries only "agent … serving on port n". */
    static final List<String> LOG_TO_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    private PackLaunch() {
    }

    public static List<String> command(Path agentJar) {
        return command(agentJar, Options.defaults());
    }

    /** {@code agentJar} null = the agent comes from {@code A2A_ARTIFACT_PATH}/{@code A2A_ARTIFACT_URI} instead. */
    public static List<String> command(Path agentJar, Options options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java(options).toString());
        cmd.addAll(LOG_TO_STDERR);
        cmd.addAll(options.jvmFlags() == null ? DEFAULT_JVM_FLAGS : options.jvmFlags());
        if (options.aotCache() != null && Files.isRegularFile(options.aotCache())) {
            cmd.add("-XX:AOTCache=" + options.aotCache());
        }
        cmd.add("-cp");
        cmd.add(classPath(agentJar));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    /**
     * A one-step JDK 25 training run ({@code -XX:AOTCacheOutput}) that writes an AOT cache for this class path: the
     * agent starts, answers its own card and default skill once and exits. Run it with {@link #trainingEnvironment()};
     * the cache is only used with the same java and the same class path (same agent jar path).
     */
    public static List<String> trainingCommand(Path agentJar, Path aotCacheOutput, Options options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java(options).toString());
        cmd.addAll(options.jvmFlags() == null ? DEFAULT_JVM_FLAGS : options.jvmFlags());
        cmd.add("-XX:AOTCacheOutput=" + aotCacheOutput);
        cmd.add("-cp");
        cmd.add(classPath(agentJar));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    /** The environment a training run needs on top of the usual one: train-and-exit, any free loopback port. */
    public static java.util.Map<String, String> trainingEnvironment() {
        return java.util.Map.of("A2A_AOT_TRAINING", "1", "PORT", "0", "A2A_BIND_HOST", "127.0.0.1");
    }

    /**
     * Writes an AOT cache that does not depend on the agent: the training run serves the template agent loaded from
     * {@code A2A_ARTIFACT_PATH} (a separate class loader), so the cache holds the pack, Jackson and JDK classes of
     * the plain pack class path. Any agent then starts with it via {@code command(null, options.withAotCache(cache))}
     * plus {@code A2A_ARTIFACT_PATH} or {@code A2A_ARTIFACT_URI}. Needs JDK 25+ as the launch java; returns false
     * (and leaves no file) when the cache could not be made — agents still start, only slower.
     */
    public static boolean createSharedAotCache(Path cacheOut, Options options, java.time.Duration timeout) {
        Path work = null;
        try {
            work = Files.createTempDirectory("a2a-aot-");
            Path project = work.resolve("template");
            Path jar = work.resolve("agent.jar");
            dev.a2acloud.pack.tool.Template.write("aot-training", project);
            new dev.a2acloud.pack.tool.ProjectCompiler().compile(project, jar);
            Path tmp = cacheOut.resolveSibling(cacheOut.getFileName() + ".tmp");
            ProcessBuilder pb = new ProcessBuilder(trainingCommand(null, tmp, options))
                    .redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
            pb.environment().putAll(trainingEnvironment());
            pb.environment().put("A2A_ARTIFACT_PATH", jar.toString());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                Files.deleteIfExists(tmp);
                return false;
            }
            Files.move(tmp, cacheOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (work != null) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // temp folder; best effort
                }
            }
        }
    }

    public static String classPath(Path agentJar) {
        String cp = PackClasspath.asClassPath();
        return agentJar == null ? cp : cp + File.pathSeparator + agentJar.toAbsolutePath().normalize();
    }

    private static Path java(Options options) {
        if (options.javaExecutable() != null) {
            return options.javaExecutable();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
