package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows one build to its end: reads {@code GET /v1/builds/{id}/events} (SSE), feeds a {@link BuildProgressModel},
 * tells the display, and when the stream drops before the end, reconnects (replayed events are ignored by id) or reads
 * the build's final state from {@code GET /v1/builds/{id}}.
 */
final class BuildFollower {
    interface Display {
        void changed(BuildProgressModel model, BuildProgressModel.Change change);

        default void close() {
        }
    }

    private final PlatformClient platform;
    private final Clock clock;

    BuildFollower(PlatformClient platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    BuildProgressModel follow(String buildId, Duration limit, Display display) {
        BuildProgressModel model = new BuildProgressModel(clock.instant());
        Instant deadline = clock.instant().plus(limit);
        int quietReconnects = 0;
        try {
            while (!model.ended()) {
                if (clock.instant().isAfter(deadline)) {
                    throw new CliException("build " + buildId + " did not finish within " + limit.toSeconds()
                            + " s; it may still finish: `a2a builds` shows where it stands");
                }
                try {
                    platform.stream("/v1/builds/" + buildId + "/events", event -> {
                        accept(model, event, display);
                        return !model.ended();
                    });
                } catch (CliException e) {
                    if (quietReconnects++ > 5) {
                        throw e;
                    }
                }
                if (!model.ended()) {
                    readFinalState(buildId, model, display);
                    if (!model.ended()) {
                        sleep(500);
                    }
                }
            }
        } finally {
            display.close();
        }
        return model;
    }

    private void accept(BuildProgressModel model, SseEvent event, Display display) {
        JsonNode data;
        try {
            data = PlatformClient.JSON.readTree(event.data());
        } catch (IOException e) {
            return; // a keep-alive or a line we do not understand; the stream goes on
        }
        String type = data.path("type").isTextual() ? data.path("type").asText() : event.name();
        JsonNode payload = data.path("data").isObject() ? data.path("data")
                : data.path("payload").isObject() ? data.path("payload") : data;
        Instant at = Json.instant(data, "time", "at", "recordedAt");
        String id = event.id() != null ? event.id() : Json.text(data, "id", "eventId");
        BuildProgressModel.Change change = model.accept(id.isEmpty() ? null : id, type, payload,
                at != null ? at : clock.instant());
        display.changed(model, change);
    }

    /** When the stream ended early: a build that is already over says so in its record. */
    private void readFinalState(String buildId, BuildProgressModel model, Display display) {
        JsonNode build = platform.get("/v1/builds/" + buildId);
        String status = Json.text(build, "status").toLowerCase(java.util.Locale.ROOT);
        if (status.equals("live") || status.equals("failed")) {
            BuildProgressModel.Change change = model.accept("final-" + buildId, status, build, clock.instant());
            display.changed(model, change);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}
