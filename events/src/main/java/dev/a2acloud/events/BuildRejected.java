package dev.a2acloud.events;

/** Validation failed at {@code stage}; {@code logTail} is the last 8 KB of output, for the repair loop. */
public record BuildRejected(String buildId, String agent, String owner, String version, int attempt,
                            Origin origin, String sourcePrefix, String stage, int exitCode, String reason,
                            String logTail) implements BuildEvent {
}
