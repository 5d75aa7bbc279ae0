package dev.a2acloud.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the pack module's tool ({@code dev.a2acloud.pack.tool.PackTool}, docs/contracts.md "Pack entry points") in a
 * child JVM with this JVM's classpath, which holds a2a-pack. A child process keeps the tool's exit codes and output
 * exactly as the pack defines them, and Ctrl-C reaches it (same process group) for {@code serve}.
 */
final class PackTool {
    static final String MAIN = "dev.a2acloud.pack.tool.PackTool";

    private PackTool() {
    }

    static int run(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(extraEnv);
        try {
            Process process = builder.start();
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                return 130;
            }
        } catch (IOException e) {
            throw new CliException("could not run the pack tool: " + e.getMessage(), e);
        }
    }
}
