package dev.a2acloud.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "card",
        description = "Compile an agent project and print its A2A agent card, without serving it.")
final class CardCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project (default: .).")
    Path dir = Path.of(".");

    @Override
    public Integer call() {
        ProjectDir.check(dir);
        return PackTool.run(Map.of(), "card", dir.toString());
    }
}
