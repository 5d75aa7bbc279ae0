package dev.a2acloud.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve",
        description = "Compile an agent project and serve it here (card, JSON-RPC, /invoke) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project (default: .).")
    Path dir = Path.of(".");

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "8081")
    int port;

    @Override
    public Integer call() {
        ProjectDir.check(dir);
        if (port < 1 || port > 65535) {
            throw CliException.badInput("--port must be between 1 and 65535, not " + port);
        }
        return PackTool.run(Map.of("PORT", Integer.toString(port),
                "A2A_PUBLIC_URL", "http://127.0.0.1:" + port + "/"), "serve", dir.toString());
    }
}
