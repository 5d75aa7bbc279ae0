package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The source and {@code deploy/service.yaml} are committed; {@code commit} is the full SHA-1. */
public record BuildCommitted(String buildId, String agent, String owner, String version, int attempt,
                             String repoUrl, String commit, String jarDigest, String jarUri, JsonNode card)
        implements BuildEvent {
}
