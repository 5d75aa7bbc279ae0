package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "service", description = "Inspect one agent's service.",
        subcommands = {ServiceCommand.Describe.class})
final class ServiceCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'a2a service describe NAME'");
    }

    @Command(name = "describe",
            description = "Show a service the way `kn service describe` does: URL, revisions, conditions.")
    static final class Describe implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
        String name;

        @Option(names = "--json", description = "Print the platform's JSON.")
        boolean json;

        @Override
        public Integer call() {
            AgentName.check(name);
            A2a root = A2a.of(spec);
            JsonNode service = remote.client(root, false, spec.commandLine().getErr()).get("/v1/services/" + name);
            var out = spec.commandLine().getOut();
            out.print(json ? service.toPrettyString() + "\n" : ServiceViews.describe(service, root.clock().instant()));
            out.flush();
            return 0;
        }
    }
}
