package dev.a2acloud.functions.argosync;

import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildSynced;
import java.util.function.Function;

/**
 * argo-sync: {@code build.committed} → {@code build.synced}. Hands the commit to GitOps (Argo CD in a cluster, the
 * embedded reconciler on one machine) and replies once its revision is Ready. A redelivered event syncs the same
 * commit again, which both implementations treat as a no-op (no second deployment, no new revision). Failures are
 * {@code GitOpsException}/{@code ServingException}s: permanent ones become {@code build.failed}, retryable ones a 503.
 */
public final class ArgoSync implements Function<BuildCommitted, BuildEvent> {
    private final GitOpsSync gitOps;

    public ArgoSync(GitOpsSync gitOps) {
        this.gitOps = gitOps;
    }

    @Override
    public BuildEvent apply(BuildCommitted committed) {
        GitOpsSync.Synced synced = gitOps.sync(new GitOpsSync.Request(committed.agent(), committed.owner(),
                committed.repoUrl(), committed.commit()));
        return new BuildSynced(committed.buildId(), committed.agent(), committed.owner(), committed.version(),
                committed.attempt(), committed.commit(), synced.revision(), synced.url(), committed.card());
    }
}
