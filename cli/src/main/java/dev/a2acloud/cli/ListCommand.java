package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * A command that lists what one {@code GET /v1/…} returns: a table for people, the platform's JSON with
 * {@code --json}. Subclasses name the path and draw the table; the options are the same for all of them.
 */
abstract class ListCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--json", description = "Print the platform's JSON.")
    boolean json;

    /** The API path listed, e.g. {@code /v1/agents}. */
    abstract String path();

    /** The table (or the "nothing yet" line) for the platform's answer. */
    abstract String view(JsonNode answer, Instant now);

    @Override
    public Integer call() {
        A2a root = A2a.of(spec);
        JsonNode answer = remote.client(root, false, spec.commandLine().getErr()).get(path());
        var out = spec.commandLine().getOut();
        out.print(json ? answer.toPrettyString() + "\n" : view(answer, root.clock().instant()));
        out.flush();
        return 0;
    }
}
