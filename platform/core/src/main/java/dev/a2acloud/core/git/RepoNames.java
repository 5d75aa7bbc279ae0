package dev.a2acloud.core.git;

import java.util.regex.Pattern;

/** Owner ids and agent names become path segments of repository URLs; only safe, unambiguous ones are accepted. */
public final class RepoNames {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,62})");
    private static final Pattern AGENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})");

    private RepoNames() {
    }

    public static void check(String owner, String agent) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw GitException.permanent("owner '" + owner + "' cannot name a repository; use letters, digits, '_'"
                    + " or '-', at most 63 characters");
        }
        if (agent == null || !AGENT.matcher(agent).matches()) {
            throw GitException.permanent("agent '" + agent + "' cannot name a repository; use lower-case letters,"
                    + " digits or '-', at most 63 characters");
        }
    }

    public static boolean valid(String owner, String agent) {
        return owner != null && agent != null && OWNER.matcher(owner).matches() && AGENT.matcher(agent).matches();
    }
}
