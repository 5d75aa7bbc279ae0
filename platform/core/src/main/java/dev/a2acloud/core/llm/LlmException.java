package dev.a2acloud.core.llm;

import dev.a2acloud.events.PlatformException;

/**
 * A model call failed. {@link #code()} is the gateway's error code where there is one ({@code budget_exceeded},
 * {@code rate_limit_exceeded}, {@code model_not_allowed}, {@code invalid_grant}, {@code timeout},
 * {@code upstream_error}); rate limits and unreachable gateways are retryable, everything else is permanent.
 */
public final class LlmException extends PlatformException {
    private final String code;
    private final int httpStatus;

    public LlmException(String code, int httpStatus, String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public LlmException(String code, int httpStatus, String message, boolean retryable) {
        this(code, httpStatus, message, retryable, null);
    }

    public String code() {
        return code;
    }

    /** The HTTP status the gateway answered, or 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }
}
