package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.time.Instant;
import java.util.List;

@Command(name = "builds", description = "List your builds: agent, version, status, step.")
final class BuildsCommand extends ListCommand {
    @Override
    String path() {
        return "/v1/builds";
    }

    @Override
    String view(JsonNode answer, Instant now) {
        return view(Json.items(answer, "builds", "items"), now);
    }

    static String view(List<JsonNode> builds, Instant now) {
        if (builds.isEmpty()) {
            return "No builds yet. Start one: a2a build NAME \"what it should do\"\n";
        }
        Table table = new Table("BUILD", "AGENT", "VERSION", "STATUS", "STEP", "AGE", "REASON");
        for (JsonNode build : builds) {
            table.row(Json.text(build, "buildId", "id"), Json.text(build, "agent", "name"), Json.text(build, "version"),
                    Json.text(build, "status"), Json.text(build, "currentStep", "step"),
                    Ages.since(Json.instant(build, "createdAt", "created", "startedAt"), now),
                    oneLine(Json.text(build, "failureReason", "reason")));
        }
        return table.toString();
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
