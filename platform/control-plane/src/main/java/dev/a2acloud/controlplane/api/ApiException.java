package dev.a2acloud.controlplane.api;

import dev.a2acloud.events.PlatformException;

/**
 * A refusal with its HTTP status, machine code, message (what is wrong and what to do) and the offending field.
 * The one shape every failure of the API is answered with: {@code {"error": {"code", "message", "field?"}}}.
 */
public class ApiException extends PlatformException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, status >= 500);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }

    /** For what the caller may not know exists: the same answer as for what does not exist. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }
}
