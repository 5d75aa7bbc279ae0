package dev.a2acloud.core.workspace;

import dev.a2acloud.events.PlatformException;

/**
 * A workspace operation was refused or failed. {@link #kind()} tells an HTTP layer which status to answer and a
 * caller whether to retry; {@link #code()} is the machine-readable reason (e.g. {@code path_traversal}).
 */
public final class WorkspaceException extends PlatformException {
    private final Kind kind;
    private final String code;

    public WorkspaceException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public WorkspaceException(Kind kind, String code, String message, Throwable cause) {
        super(message, kind == Kind.UNAVAILABLE, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Classes of failure, each with the HTTP status it maps to. */
    public enum Kind {
        BAD_PATH(400), BAD_TARBALL(400), TOO_LARGE(413), OUTSIDE_GRANT(403), NOT_FOUND(404), CONFLICT(409),
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    static WorkspaceException badPath(String code, String raw, String why) {
        return new WorkspaceException(Kind.BAD_PATH, code, "path '" + printable(raw) + "' refused: " + why);
    }

    /** Paths in messages are shown with control characters escaped so a log line cannot be forged. */
    static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (char c : raw.toCharArray()) {
            if (shown++ == 200) {
                return out.append("…").toString();
            }
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
