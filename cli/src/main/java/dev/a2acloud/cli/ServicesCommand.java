package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.time.Instant;

@Command(name = "services",
        description = "List your agents' services the way `kn service list` does.")
final class ServicesCommand extends ListCommand {
    @Override
    String path() {
        return "/v1/services";
    }

    @Override
    String view(JsonNode answer, Instant now) {
        return ServiceViews.list(Json.items(answer, "services", "items"), now);
    }
}
