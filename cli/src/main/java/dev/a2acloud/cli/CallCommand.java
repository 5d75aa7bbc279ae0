package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "call",
        description = "Call one skill of an agent directly (POST /invoke/SKILL) and print its result.")
final class CallCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Parameters(index = "1", paramLabel = "SKILL", description = "The skill id.")
    String skill;

    @Option(names = "--arg", paramLabel = "KEY=VALUE",
            description = "An argument; VALUE is read as JSON when it is JSON (42, true, {\"a\":1}), else as text. Repeatable.")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        AgentName.check(name);
        if (!skill.matches("[A-Za-z0-9_.-]+")) {
            throw CliException.badInput("invalid skill id '" + skill + "': letters, digits, '_', '.' and '-' only");
        }
        if (timeoutSeconds <= 0) {
            throw CliException.badInput("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        var url = AgentCalls.agentUrl(remote.client(A2a.of(spec), false, spec.commandLine().getErr()), name);
        JsonNode answer = new AgentCalls().invoke(url, skill, arguments(args), Duration.ofSeconds(timeoutSeconds));
        var out = spec.commandLine().getOut();
        JsonNode result = answer.has("result") ? answer.path("result") : answer;
        out.println(result.isTextual() ? result.asText() : result.toPrettyString());
        out.flush();
        return 0;
    }

    static ObjectNode arguments(Map<String, String> args) {
        ObjectNode arguments = PlatformClient.object();
        args.forEach((key, value) -> arguments.set(key, valueOf(value)));
        return arguments;
    }

    private static JsonNode valueOf(String value) {
        if (value.isBlank()) {
            return PlatformClient.JSON.getNodeFactory().textNode(value);
        }
        try {
            return PlatformClient.JSON.reader()
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(value);
        } catch (IOException e) {
            return PlatformClient.JSON.getNodeFactory().textNode(value);
        }
    }
}
