package dev.a2acloud.core.artifacts;

import dev.a2acloud.events.PlatformException;

/** An artifact could not be stored or read, or is not what its digest promises. */
public final class ArtifactException extends PlatformException {
    public ArtifactException(String message, boolean retryable) {
        super(message, retryable);
    }

    public ArtifactException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
