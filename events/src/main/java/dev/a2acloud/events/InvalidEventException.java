package dev.a2acloud.events;

/**
 * An inbound event was refused: unknown type, wrong {@code specversion}, a missing attribute or a payload that
 * violates its schema. Never retryable — redelivering the same bytes cannot fix them; the sender must.
 * {@link #field()} names what to fix (a CloudEvent attribute such as {@code buildid}, or a JSON pointer into the
 * data such as {@code /data/attempt}).
 */
public final class InvalidEventException extends PlatformException {
    private final String field;

    public InvalidEventException(String field, String message) {
        super(field + ": " + message, false);
        this.field = field;
    }

    public InvalidEventException(String field, String message, Throwable cause) {
        super(field + ": " + message, false, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
