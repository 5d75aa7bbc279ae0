package dev.a2acloud.core.sandbox.validation;

import dev.a2acloud.events.PlatformException;

/** Validation could not be carried out (not: the project failed — that is a {@link StageFailure}). */
public class ValidationException extends PlatformException {
    public ValidationException(String message, Throwable cause) {
        super(message, true, cause);
    }

    public ValidationException(String message, boolean retryable) {
        super(message, retryable);
    }
}
