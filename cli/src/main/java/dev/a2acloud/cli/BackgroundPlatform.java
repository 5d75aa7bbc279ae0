package dev.a2acloud.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code a2a up} as a background process of its own (its own session, so Ctrl-C on the build does not stop
 * it) with its output in {@code $A2A_HOME/platform.log}, then waits until it answers.
 */
final class BackgroundPlatform implements PlatformStarter {
    private static final long STARTUP_LIMIT_MILLIS = 180_000;

    private final Map<String, String> env;

    BackgroundPlatform(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void start(URI url, PrintWriter progress) {
        A2aHome home = A2aHome.from(env);
        Path log = home.platformLog();
        int port = url.getPort() > 0 ? url.getPort() : 80;
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(A2a.class.getName());
        command.add("up");
        command.add("--port");
        command.add(Integer.toString(port));
        Process process;
        try {
            Files.createDirectories(home.dir());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("A2A_HOME", home.dir().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new CliException("could not start the embedded platform (" + String.join(" ", command) + "): "
                    + e.getMessage() + "; start it yourself with `a2a up`", e);
        }
        progress.println("No platform answers at " + url + "; starting one in the background (log: " + log + ")");
        progress.flush();
        PlatformClient probe = new PlatformClient(url, null);
        long deadline = System.currentTimeMillis() + STARTUP_LIMIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (probe.answers() && Files.isRegularFile(home.tokenFile())) {
                long pid = process.pid();
                progress.println("The platform is up at " + url + " (pid " + pid + "; it keeps running — stop it with"
                        + " `kill " + pid + "`)");
                progress.flush();
                return;
            }
            if (!process.isAlive()) {
                throw new CliException("the embedded platform stopped while starting (exit " + process.exitValue()
                        + "); the end of " + log + ":\n" + tail(log));
            }
            sleep();
        }
        throw new CliException("the embedded platform did not answer at " + url + " within "
                + STARTUP_LIMIT_MILLIS / 1000 + " s; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the platform", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
