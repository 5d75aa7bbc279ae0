package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "agents", description = "List your agents: version, status, URL.")
final class AgentsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--json", description = "Print the platform's JSON.")
    boolean json;

    @Override
    public Integer call() {
        A2a root = A2a.of(spec);
        JsonNode answer = remote.client(root, false, spec.commandLine().getErr()).get("/v1/agents");
        var out = spec.commandLine().getOut();
        out.print(json ? answer.toPrettyString() + "\n" : view(Json.items(answer, "agents", "items"), root.clock().instant()));
        out.flush();
        return 0;
    }

    static String view(List<JsonNode> agents, Instant now) {
        if (agents.isEmpty()) {
            return "No agents yet. Build one: a2a build NAME \"what it should do\"\n";
        }
        Table table = new Table("NAME", "VERSION", "STATUS", "URL", "AGE");
        for (JsonNode agent : agents) {
            table.row(Json.text(agent, "name"),
                    Json.text(agent, "version", "currentVersion", "latestVersion", "liveVersion"),
                    Json.text(agent, "status", "state"), Json.text(agent, "url"),
                    Ages.since(Json.instant(agent, "createdAt", "created", "updatedAt"), now));
        }
        return table.toString();
    }
}
