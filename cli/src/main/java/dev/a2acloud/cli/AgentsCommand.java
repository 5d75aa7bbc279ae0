package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.time.Instant;
import java.util.List;

@Command(name = "agents", description = "List your agents: version, status, URL.")
final class AgentsCommand extends ListCommand {
    @Override
    String path() {
        return "/v1/agents";
    }

    @Override
    String view(JsonNode answer, Instant now) {
        return view(Json.items(answer, "agents", "items"), now);
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
