package dev.a2acloud.events;

/** The broker did not accept an event. Retryable for 5xx, 429 and I/O failures; permanent for other refusals. */
public final class EventPublishException extends PlatformException {
    private final int status;

    public EventPublishException(String message, int status, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.status = status;
    }

    /** The broker's HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
