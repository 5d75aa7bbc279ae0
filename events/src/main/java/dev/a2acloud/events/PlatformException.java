package dev.a2acloud.events;

/**
 * Root of every area's exception. {@link #retryable()} states the retry intent: a retryable failure makes a step
 * answer 503 so the broker redelivers; a permanent one ends the build with a clear reason instead of looping.
 */
public abstract class PlatformException extends RuntimeException {
    private final boolean retryable;

    protected PlatformException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    protected PlatformException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
