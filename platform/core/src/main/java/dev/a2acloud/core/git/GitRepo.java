package dev.a2acloud.core.git;

import java.net.URI;

/** An agent's repository on a {@link GitHost}: where to clone and push over smart HTTP, and as whom. */
public record GitRepo(String owner, String agent, URI cloneUrl, String username, String password) {
    @Override
    public String toString() {
        // Records print every field; a password must never reach a log line.
        return "GitRepo[" + owner + "/" + agent + " at " + cloneUrl + "]";
    }
}
