package dev.a2acloud.controlplane.builds;

import java.time.Instant;

/**
 * A build as projected from its events. {@code status} is {@code running}, {@code live} or {@code failed};
 * {@code lastType} the short type of the event that last moved it; {@code progress} orders events within a build
 * (see {@link BuildProgression}) so a late event never moves it backwards.
 */
public record BuildRecord(String id, String owner, String agent, String version, String origin, boolean publicAgent,
                          String prompt, String status, String lastType, int attempt, int progress,
                          String failureStage, String failureReason, String logTail, String url,
                          String sourceDigest, String jarDigest, Instant createdAt, Instant updatedAt,
                          Instant endedAt) {
    public static final String RUNNING = "running";
    public static final String LIVE = "live";
    public static final String FAILED = "failed";

    public boolean ended() {
        return status.equals(LIVE) || status.equals(FAILED);
    }
}
