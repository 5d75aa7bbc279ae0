package dev.a2acloud.core.gitops;

/**
 * Makes the cluster (or local serving) run what {@code deploy/} holds at a commit, and says where it answers.
 * Production: Argo CD ({@link ArgoCdSync}); embedded: the local reconciler. Both are idempotent on the commit.
 */
public interface GitOpsSync {

    /** Blocks (bounded) until the commit's Knative Service is Ready. */
    Synced sync(Request request);

    /** {@code repoUrl} holds {@code deploy/service.yaml}; {@code commit} is the full SHA-1 to run. */
    record Request(String agent, String owner, String repoUrl, String commit) {
    }

    /** The ready revision serving the commit and the agent's URL (ending in '/'). */
    record Synced(String revision, String url) {
    }
}
