package dev.a2acloud.core.git;

import dev.a2acloud.events.PlatformException;

/** Root of the git area. Refused credentials and bad names are permanent; an unreachable host is retryable. */
public class GitException extends PlatformException {
    public GitException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public static GitException permanent(String message) {
        return new GitException(message, false, null);
    }

    public static GitException retryable(String message, Throwable cause) {
        return new GitException(message, true, cause);
    }
}
