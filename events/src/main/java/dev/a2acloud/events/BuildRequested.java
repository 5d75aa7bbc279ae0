package dev.a2acloud.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A prompt build was asked for. {@code continuation} is 0 for the first generate invocation; generate replies
 * with the same event and continuation+1 to resume a long loop in a fresh, bounded invocation.
 */
public record BuildRequested(String buildId, String agent, String owner, String version, int attempt,
                             String prompt, @JsonProperty("public") boolean publicAgent, int continuation)
        implements BuildEvent {
}
