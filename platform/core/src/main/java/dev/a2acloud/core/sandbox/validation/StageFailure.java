package dev.a2acloud.core.sandbox.validation;

/**
 * The first stage that failed: {@code reason} says what to fix in one or a few lines (compile errors as
 * {@code file:line: message}); {@code logTail} is the last 8 KB of the stage's output for the repair loop.
 */
public record StageFailure(ValidationStage stage, int exitCode, String reason, String logTail) {
    public static final int LOG_TAIL_BYTES = 8 * 1024;

    public StageFailure {
        logTail = tail(logTail == null ? "" : logTail);
    }

    static String tail(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= LOG_TAIL_BYTES) {
            return text;
        }
        String cut = new String(bytes, bytes.length - LOG_TAIL_BYTES, LOG_TAIL_BYTES,
                java.nio.charset.StandardCharsets.UTF_8);
        // Drop a partial first character or line so the tail starts cleanly.
        int newline = cut.indexOf('\n');
        return newline >= 0 && newline < 200 ? cut.substring(newline + 1) : cut;
    }
}
