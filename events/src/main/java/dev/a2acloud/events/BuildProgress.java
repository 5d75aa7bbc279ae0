package dev.a2acloud.events;

/**
 * Something a person watching the build wants to see: {@code kind} is e.g. {@code tool_called},
 * {@code file_written}, {@code tests_run}, {@code stage}; {@code step} is the function that emitted it.
 */
public record BuildProgress(String buildId, String agent, String owner, String version, int attempt,
                            String step, String kind, String message) implements BuildEvent {
}
