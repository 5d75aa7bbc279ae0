package dev.a2acloud.events;

/** A project is in the workspace under {@code sourcePrefix} (e.g. {@code agents/echo/}) ready for validation. */
public record BuildGenerated(String buildId, String agent, String owner, String version, int attempt,
                             Origin origin, String sourcePrefix) implements BuildEvent {
}
