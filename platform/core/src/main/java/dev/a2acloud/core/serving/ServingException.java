package dev.a2acloud.core.serving;

import dev.a2acloud.events.PlatformException;

/** Root of serving failures: a manifest that cannot run (permanent) or an instance that is not ready yet (retryable). */
public class ServingException extends PlatformException {
    public ServingException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public ServingException(String message, boolean retryable) {
        super(message, retryable);
    }
}
