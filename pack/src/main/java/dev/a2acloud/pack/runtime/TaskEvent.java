package dev.a2acloud.pack.runtime;

import java.time.Instant;

/** What a streaming subscriber sees: a status change (final = the task ended) or a new artifact. */
sealed interface TaskEvent {
    record Status(TaskState state, Msg message, Instant at, boolean last) implements TaskEvent {
    }

    record ArtifactAdded(Artifact artifact) implements TaskEvent {
    }
}
