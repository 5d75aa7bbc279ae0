package dev.a2acloud.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "init",
        description = "Write a working starter agent project (the template the builder starts from).")
final class InitCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "NAME", description = "Agent name (a DNS label, e.g. echo).")
    String name;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Where to write it (default: ./NAME).")
    Path dir;

    @Override
    public Integer call() {
        AgentName.check(name);
        Path target = dir != null ? dir : Path.of(name);
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw CliException.badInput(target + " already exists and is not empty; choose another --dir");
        }
        return PackTool.run(Map.of(), "init", name, target.toString());
    }

    private static boolean isEmptyDirectory(Path path) {
        try (var entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
