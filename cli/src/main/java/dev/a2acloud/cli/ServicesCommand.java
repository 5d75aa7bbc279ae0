package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "services",
        description = "List your agents' services the way `kn service list` does.")
final class ServicesCommand implements Callable<Integer> {
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
        JsonNode answer = remote.client(root, false, spec.commandLine().getErr()).get("/v1/services");
        var out = spec.commandLine().getOut();
        out.print(json ? answer.toPrettyString() + "\n"
                : ServiceViews.list(Json.items(answer, "services", "items"), root.clock().instant()));
        out.flush();
        return 0;
    }
}
