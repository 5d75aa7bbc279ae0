package dev.a2acloud.core.grants;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a workspace token allows: reads of paths matching any {@code allow} pattern (e.g. {@code agents/echo/**}),
 * writes only under a {@code write} prefix (e.g. {@code agents/echo/}) that is also allowed. Paths given to the
 * checks must already be normalised (see {@code dev.a2acloud.core.workspace.WorkspacePath}).
 *
 * @param owner   the user whose bucket this is
 * @param buildId the build the grant was issued for, or null for a user's own grant
 */
public record WorkspaceGrant(String owner, String bucket, List<String> allow, List<String> write, String mode,
                             String buildId, Instant expiresAt) {
    /** Reads across the allowed patterns, writes confined to the write prefixes. */
    public static final String MODE_READ_WRITE_OVERLAY = "read_write_overlay";
    /** Reads only. */
    public static final String MODE_READ_ONLY = "read_only";

    public WorkspaceGrant {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(bucket, "bucket");
        allow = List.copyOf(allow);
        write = List.copyOf(write);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!mode.equals(MODE_READ_WRITE_OVERLAY) && !mode.equals(MODE_READ_ONLY)) {
            throw new IllegalArgumentException("mode must be read_write_overlay or read_only, was " + mode);
        }
    }

    /** A grant for one agent's project folder: read and write {@code agents/{name}/}. */
    public static WorkspaceGrant forAgent(String owner, String agent, String buildId, Instant expiresAt) {
        String prefix = "agents/" + agent + "/";
        return new WorkspaceGrant(owner, owner, List.of(prefix + "**"), List.of(prefix), MODE_READ_WRITE_OVERLAY,
                buildId, expiresAt);
    }

    public boolean mayRead(String path) {
        return allow.stream().anyMatch(pattern -> matches(pattern, path));
    }

    public boolean mayWrite(String path) {
        return !mode.equals(MODE_READ_ONLY) && mayRead(path)
                && write.stream().anyMatch(prefix -> path.startsWith(prefix) && path.length() > prefix.length());
    }

    /** True when listing {@code prefix} can reveal something readable (the prefix lies inside or above a pattern). */
    public boolean mayList(String prefix) {
        return allow.stream().anyMatch(pattern -> {
            String fixed = fixedPart(pattern);
            return prefix.startsWith(fixed) || fixed.startsWith(prefix);
        });
    }

    public void checkRead(String path) {
        if (!mayRead(path)) {
            throw new GrantException(GrantException.Refusal.OUT_OF_SCOPE,
                    "'" + path + "' is not readable with this grant (allowed: " + allow + ")");
        }
    }

    public void checkWrite(String path) {
        if (!mayWrite(path)) {
            throw new GrantException(GrantException.Refusal.OUT_OF_SCOPE,
                    "'" + path + "' is not writable with this grant (writable prefixes: " + write + ", mode " + mode
                            + ")");
        }
    }

    private static String fixedPart(String pattern) {
        int star = pattern.indexOf('*');
        return star < 0 ? pattern : pattern.substring(0, star);
    }

    /**
     * Patterns: {@code **} matches any rest (including across {@code /}), {@code *} matches within one segment;
     * anything else must match literally. Deliberately tiny so its behaviour is obvious.
     */
    static boolean matches(String pattern, String path) {
        return matchFrom(pattern, 0, path, 0);
    }

    private static boolean matchFrom(String pattern, int p, String path, int s) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                boolean deep = p + 1 < pattern.length() && pattern.charAt(p + 1) == '*';
                int next = deep ? p + 2 : p + 1;
                for (int i = s; i <= path.length(); i++) {
                    if (matchFrom(pattern, next, path, i)) {
                        return true;
                    }
                    if (i < path.length() && !deep && path.charAt(i) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (s >= path.length() || path.charAt(s) != c) {
                return false;
            }
            p++;
            s++;
        }
        return s == path.length();
    }
}
