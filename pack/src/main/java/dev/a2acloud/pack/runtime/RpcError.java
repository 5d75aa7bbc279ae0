package dev.a2acloud.pack.runtime;

/** A JSON-RPC error with its A2A code; the message says what to fix. */
final class RpcError extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int TASK_NOT_FOUND = -32001;
    static final int TASK_NOT_CANCELABLE = -32002;
    static final int UNSUPPORTED_OPERATION = -32004;
    static final int CONTENT_TYPE_NOT_SUPPORTED = -32005;

    private final int code;
    private final String field;

    RpcError(int code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    int code() {
        return code;
    }

    String field() {
        return field;
    }

    static RpcError invalidParams(String message) {
        return new RpcError(INVALID_PARAMS, message, null);
    }

    static RpcError contentTypeNotSupported(String message) {
        return new RpcError(CONTENT_TYPE_NOT_SUPPORTED, message, null);
    }
}
