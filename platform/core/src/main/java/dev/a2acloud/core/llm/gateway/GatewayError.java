package dev.a2acloud.core.llm.gateway;

/**
 * A refusal the gateway answers in LiteLLM's error shape {@code {"error":{"message","type","param","code"}}}:
 * {@code type} is LiteLLM's class of error, {@code code} the machine-readable reason callers branch on.
 */
public final class GatewayError extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final long retryAfterSeconds;

    GatewayError(int status, String type, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GatewayError invalidGrant(String message) {
        return new GatewayError(401, "auth_error", "invalid_grant", message, 0);
    }

    static GatewayError badRequest(String code, String message) {
        return new GatewayError(400, "invalid_request_error", code, message, 0);
    }

    static GatewayError budgetExceeded(String message) {
        return new GatewayError(400, "budget_exceeded", "budget_exceeded", message, 0);
    }

    static GatewayError rateLimited(String message, long retryAfterSeconds) {
        return new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", message, retryAfterSeconds);
    }

    static GatewayError upstream(int status, String code, String message) {
        return new GatewayError(status, "api_error", code, message, 0);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
