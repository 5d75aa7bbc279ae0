package dev.a2acloud.generate;

import dev.a2acloud.events.PlatformException;

/** The generate step could not go on; permanent ones end the build as {@code build.failed} with this message. */
public final class GenerateException extends PlatformException {
    public GenerateException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public GenerateException(String message, boolean retryable) {
        super(message, retryable);
    }
}
