package dev.a2acloud.cli;

import dev.a2acloud.events.PlatformException;

/**
 * Root of the CLI's failures. The message is printed as is, so it says what went wrong and what to do;
 * {@link #exitCode()} is 2 for bad input and 1 for everything else.
 */
public class CliException extends PlatformException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    CliException(String message, int exitCode, Throwable cause) {
        super(message, false, cause);
        this.exitCode = exitCode;
    }

    static CliException badInput(String message) {
        return new CliException(message, 2, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
