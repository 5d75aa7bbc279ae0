package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "send",
        description = "Send a text message to an agent over A2A (JSON-RPC SendMessage) and print its answer.")
final class SendCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The message.")
    String text;

    @Option(names = "--json", description = "Print the JSON-RPC result as it came.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        AgentName.check(name);
        if (timeoutSeconds <= 0) {
            throw CliException.badInput("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        var url = AgentCalls.agentUrl(remote.client(A2a.of(spec), false, spec.commandLine().getErr()), name);
        JsonNode result = new AgentCalls().sendMessage(url, text, Duration.ofSeconds(timeoutSeconds));
        var out = spec.commandLine().getOut();
        out.println(json ? result.toPrettyString() : AgentCalls.replyText(result));
        out.flush();
        String state = AgentCalls.taskState(result);
        return state.contains("FAILED") || state.equalsIgnoreCase("failed") || state.contains("REJECTED") ? 1 : 0;
    }
}
