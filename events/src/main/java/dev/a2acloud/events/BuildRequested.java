package dev.a2acloud.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A prompt build was asked for. {@code continuation} is 0 for the first generate invocation; generate replies
 * with the same event and continuation+1 to resume a long loop in a fresh, bounded invocation.
 */
public record BuildRequested(String buildId, String agent, String owner, String version, int attempt,
                             String prompt, @JsonProperty("public") boolean publicAgent, int continuation)
        implements BuildEvent {

    /** From the wire: {@code public} is optional in the schema and means false when absent. */
    @JsonCreator
    static BuildRequested fromJson(@JsonProperty("buildId") String buildId, @JsonProperty("agent") String agent,
                                   @JsonProperty("owner") String owner, @JsonProperty("version") String version,
                                   @JsonProperty("attempt") int attempt, @JsonProperty("prompt") String prompt,
                                   @JsonProperty("public") Boolean publicAgent,
                                   @JsonProperty("continuation") int continuation) {
        return new BuildRequested(buildId, agent, owner, version, attempt, prompt, Boolean.TRUE.equals(publicAgent),
                continuation);
    }
}
