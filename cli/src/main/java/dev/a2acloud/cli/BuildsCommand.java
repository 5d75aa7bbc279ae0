package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "builds", description = "List your builds: agent, version, status, step.")
final class BuildsCommand implements Callable<Integer> {
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
        JsonNode answer = remote.client(root, false, spec.commandLine().getErr()).get("/v1/builds");
        var out = spec.commandLine().getOut();
        out.print(json ? answer.toPrettyString() + "\n" : view(Json.items(answer, "builds", "items"), root.clock().instant()));
        out.flush();
        return 0;
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
