package dev.a2acloud.pack;

import dev.a2acloud.events.PlatformException;

/**
 * Root of every A2A Pack failure: invalid declarations, a2a.yaml problems, compile errors, platform calls made by
 * {@code ctx.llm/sandbox/workspace}. {@link #field()} names what to fix when the problem is one field.
 */
public class PackException extends PlatformException {
    private final String field;

    public PackException(String message, String field, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.field = field;
    }

    public PackException(String message) {
        this(message, null, false, null);
    }

    /** A declaration is wrong: the message names the field and says what is allowed. */
    public static PackException invalid(String field, String message) {
        return new PackException(field + ": " + message, field, false, null);
    }

    public static PackException retryable(String message, Throwable cause) {
        return new PackException(message, null, true, cause);
    }

    public String field() {
        return field;
    }
}
