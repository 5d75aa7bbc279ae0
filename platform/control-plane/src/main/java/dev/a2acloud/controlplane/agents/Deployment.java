package dev.a2acloud.controlplane.agents;

import java.time.Instant;

/** A deployment event of an agent: {@code committed}, {@code synced}, {@code live}, {@code failed}. */
public record Deployment(long seq, String eventId, String agent, String owner, String buildId, String version,
                         String type, String revision, String url, String commit, String message,
                         Instant recordedAt) {
}
