package dev.a2acloud.core.sandbox;

import dev.a2acloud.events.PlatformException;

/** Root of the sandbox area. Permanent: the request cannot run as asked; retryable: the sandbox host had trouble. */
public class SandboxException extends PlatformException {
    private final Kind kind;

    /** Lets HTTP front ends answer 400 for bad requests, 422-like refusals and 503 for host trouble. */
    public enum Kind { BAD_REQUEST, REFUSED, UNAVAILABLE }

    SandboxException(Kind kind, String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The request itself is wrong (bad limit, bad path, bad env name); the message names what to fix. */
    public static SandboxException badRequest(String message) {
        return new SandboxException(Kind.BAD_REQUEST, message, false, null);
    }

    /** This host cannot run the request with the isolation it asks for (no bubblewrap, allow-list egress, …). */
    public static SandboxException refused(String message) {
        return new SandboxException(Kind.REFUSED, message, false, null);
    }

    /** Starting or supervising the sandbox failed for a reason that may pass (I/O, a busy runner). */
    public static SandboxException unavailable(String message, Throwable cause) {
        return new SandboxException(Kind.UNAVAILABLE, message, true, cause);
    }
}
