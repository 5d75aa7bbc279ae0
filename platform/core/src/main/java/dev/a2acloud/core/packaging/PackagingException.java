package dev.a2acloud.core.packaging;

import dev.a2acloud.events.PlatformException;

/** Root of the packaging area: building the source tarball and storing the build's artifacts. */
public class PackagingException extends PlatformException {
    public PackagingException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public static PackagingException permanent(String message) {
        return new PackagingException(message, false, null);
    }

    public static PackagingException retryable(String message, Throwable cause) {
        return new PackagingException(message, true, cause);
    }
}
