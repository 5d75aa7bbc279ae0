package dev.a2acloud.core.gitops;

import dev.a2acloud.events.PlatformException;

/**
 * Root of the gitops area: building deploy manifests and syncing them. A bad declaration is permanent (the build
 * fails with the message); trouble reaching Argo CD or the cluster is retryable.
 */
public class GitOpsException extends PlatformException {
    public GitOpsException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public static GitOpsException invalid(String message) {
        return new GitOpsException(message, false, null);
    }
}
