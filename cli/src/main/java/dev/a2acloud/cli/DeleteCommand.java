package dev.a2acloud.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "delete",
        description = "Delete an agent: its service stops and its URL goes away (its git history stays).")
final class DeleteCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Override
    public Integer call() {
        AgentName.check(name);
        remote.client(A2a.of(spec), false, spec.commandLine().getErr()).delete("/v1/agents/" + name);
        spec.commandLine().getOut().println("Agent '" + name + "' deleted.");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
