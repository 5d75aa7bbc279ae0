package dev.a2acloud.core.sandbox.validation;

/** Thrown inside a stage to end validation with a clear reason; the validator turns it into a {@link StageFailure}. */
final class Rejection extends RuntimeException {
    private final int exitCode;
    private final String log;

    Rejection(String reason) {
        this(reason, 1, "");
    }

    Rejection(String reason, int exitCode, String log) {
        super(reason, null, false, false);
        this.exitCode = exitCode;
        this.log = log;
    }

    int exitCode() {
        return exitCode;
    }

    String log() {
        return log;
    }
}
