package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "logs", description = {"Show an agent's recent history: its deployments and its instances' output.",
        "Instance output is read on the platform's machine (the embedded platform); in a cluster use",
        "kubectl logs -l serving.knative.dev/service=NAME -c agent."})
final class LogsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Option(names = "--revision", paramLabel = "REVISION", description = "A revision, e.g. NAME-00002 (default: the serving one).")
    String revision;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many lines of instance output (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        AgentName.check(name);
        if (lines <= 0) {
            throw CliException.badInput("--lines must be positive, not " + lines);
        }
        if (revision != null && !revision.matches(java.util.regex.Pattern.quote(name) + "-\\d{5}")) {
            throw CliException.badInput("--revision must name a revision of " + name + ", e.g. " + name + "-00001");
        }
        A2a root = A2a.of(spec);
        var out = spec.commandLine().getOut();
        PlatformClient platform = remote.client(root, false, spec.commandLine().getErr());
        // Asking the API first also proves the caller owns the agent before anything is read from disk.
        JsonNode service = platform.get("/v1/services/" + name);
        out.print(deployments(platform, root.clock().instant()));
        String shown = revision != null ? revision : Json.text(service, "latestReadyRevision", "latestCreatedRevision");
        if (shown.isEmpty()) {
            out.println("No revision of " + name + " has run yet.");
        } else if (RemoteOptions.isLocal(platform.base())) {
            out.print(instanceLog(root.home().dir(), name, shown, lines));
        } else {
            out.println("Instance output lives in the cluster: kubectl logs -l serving.knative.dev/revision=" + shown
                    + " -c agent");
        }
        out.flush();
        return 0;
    }

    private String deployments(PlatformClient platform, Instant now) {
        JsonNode answer;
        try {
            answer = platform.get("/v1/agents/" + name + "/deployments");
        } catch (CliException e) {
            return "Deployments: not available (" + e.getMessage() + ")\n\n";
        }
        List<JsonNode> items = Json.items(answer, "deployments", "items");
        if (items.isEmpty()) {
            return "Deployments: none yet\n\n";
        }
        Table table = new Table("AGE", "VERSION", "REVISION", "EVENT", "DETAIL");
        for (JsonNode item : items) {
            table.row(Ages.since(Json.instant(item, "at", "time", "createdAt", "deployedAt"), now),
                    Json.text(item, "version"), Json.text(item, "revision"), Json.text(item, "type", "event", "status"),
                    BuildDisplays.oneLine(Json.text(item, "message", "url", "reason", "commit")));
        }
        return "Deployments:\n" + table + "\n";
    }

    /** Local serving keeps each revision's output under $A2A_HOME/serving/logs/{service}/{revision}.log. */
    static String instanceLog(Path home, String service, String revision, int lines) {
        Path file = home.resolve("serving").resolve("logs").resolve(service).resolve(revision + ".log");
        StringBuilder out = new StringBuilder("Instance output of " + revision + " (" + file + "):\n");
        if (!Files.isRegularFile(file)) {
            return out.append("  (nothing yet: no instance of it has started)\n").toString();
        }
        try {
            List<String> all = Files.readAllLines(file);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append("  ").append(l).append('\n'));
        } catch (IOException e) {
            out.append("  (cannot read it: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }
}
