package dev.a2acloud.events;

/**
 * The payload of every build event. Each carries who and what it is about; none carries a token
 * (events land in logs and dead-letter sinks — steps exchange their service credential for grants).
 */
public sealed interface BuildEvent permits BuildRequested, BuildGenerated, BuildRejected, BuildValidated,
        BuildPackaged, BuildCommitted, BuildSynced, BuildLive, BuildFailed, BuildProgress {
    String buildId();

    /** The agent name; also the CloudEvent {@code subject}. */
    String agent();

    /** The user id that owns the build. */
    String owner();

    /** The version being built, e.g. {@code 1.0.0}. */
    String version();

    /** Repair attempt, starting at 1. */
    int attempt();

    default EventType type() {
        return EventType.of(this);
    }
}
