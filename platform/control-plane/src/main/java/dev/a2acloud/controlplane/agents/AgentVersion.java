package dev.a2acloud.controlplane.agents;

import java.time.Instant;

/** A version of an agent with its immutable artifacts. */
public record AgentVersion(String agent, String version, String owner, String buildId, String sourceDigest,
                           String sourceUri, String jarDigest, String jarUri, String card, Instant createdAt) {
}
