package dev.a2acloud.events;

/** The build ended without a live agent; {@code reason} says what happened and what to do. */
public record BuildFailed(String buildId, String agent, String owner, String version, int attempt,
                          String stage, String reason, String logTail) implements BuildEvent {
}
