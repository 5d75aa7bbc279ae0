package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "build",
        description = {"Build an agent from a description and deploy it; ends with its live URL.",
                "Starts the embedded platform in the background when none answers locally."})
final class BuildCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "Agent name (a DNS label, e.g. echo).")
    String name;

    @Parameters(index = "1", paramLabel = "PROMPT", description = "What the agent should do, in plain words.")
    String prompt;

    @Option(names = "--version", paramLabel = "VERSION",
            description = "Version to build, e.g. 2.0.0 (default: the platform picks the next one).")
    String version;

    @Option(names = "--public", description = "Make the agent callable without a token.")
    boolean publicAgent;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the live display.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); the build itself goes on.")
    int timeoutSeconds;

    @Override
    public Integer call() {
        AgentName.check(name);
        if (prompt.isBlank()) {
            throw CliException.badInput("the prompt is empty; say what the agent should do");
        }
        if (version != null && !version.matches("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?")) {
            throw CliException.badInput("--agent-version must look like 1.2.3, not '" + version + "'");
        }
        if (timeoutSeconds <= 0) {
            throw CliException.badInput("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        A2a root = A2a.of(spec);
        var out = spec.commandLine().getOut();
        PlatformClient platform = remote.client(root, true, json ? spec.commandLine().getErr() : out);
        ObjectNode body = PlatformClient.object().put("name", name).put("prompt", prompt);
        if (version != null) {
            body.put("version", version);
        }
        if (publicAgent) {
            body.put("public", true);
        }
        JsonNode accepted = platform.post("/v1/builds", body);
        return BuildRun.follow(root, platform, accepted, name, json, timeoutSeconds, out);
    }
}
