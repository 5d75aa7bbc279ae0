package dev.a2acloud.controlplane.agents;

import java.time.Instant;

/**
 * An agent name claimed by an owner. {@code status}: {@code building} (no live version yet), {@code live},
 * {@code failed} (the last build failed and nothing is live).
 */
public record AgentRecord(String name, String owner, boolean publicAgent, String status, String currentVersion,
                          String url, String card, String latestBuildId, Instant createdAt, Instant updatedAt) {
}
