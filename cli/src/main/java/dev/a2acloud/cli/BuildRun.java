package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;

/** What {@code build} and {@code deploy} share once the platform accepted a build: follow it, print its end. */
final class BuildRun {
    private BuildRun() {
    }

    static int follow(A2a root, PlatformClient platform, JsonNode accepted, String agent, boolean json,
                      int timeoutSeconds, PrintWriter out) {
        String buildId = Json.text(accepted, "buildId", "id", "build.buildId");
        if (buildId.isEmpty()) {
            throw new CliException("the platform accepted the build but did not say its id: " + accepted);
        }
        if (!json) {
            out.println("Building '" + agent + "' (build " + buildId + ", version "
                    + (Json.text(accepted, "version").isEmpty() ? "?" : Json.text(accepted, "version")) + ")");
            out.flush();
        }
        BuildFollower.Display display = json ? BuildDisplays.silent()
                : root.terminal() ? new BuildDisplays.Live(out, root.clock()) : BuildDisplays.plain(out);
        long started = System.nanoTime();
        BuildProgressModel model = new BuildFollower(platform, root.clock())
                .follow(buildId, Duration.ofSeconds(timeoutSeconds), display);
        long totalMillis = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            out.println(BuildSummary.json(buildId, agent, model, totalMillis).toString());
        } else {
            out.print(BuildSummary.text(agent, model, totalMillis));
        }
        out.flush();
        return model.live() ? 0 : 1;
    }
}
