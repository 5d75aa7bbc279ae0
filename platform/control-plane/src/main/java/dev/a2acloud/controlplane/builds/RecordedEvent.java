package dev.a2acloud.controlplane.builds;

import java.time.Instant;

/** One event of a build's timeline, as recorded (payload = the event's JSON data). */
public record RecordedEvent(long seq, String eventId, String buildId, String type, String source, int attempt,
                            Instant recordedAt, String payload) {
}
