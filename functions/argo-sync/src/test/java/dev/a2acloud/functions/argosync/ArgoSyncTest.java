package dev.a2acloud.functions.argosync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildSynced;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgoSyncTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void syncsTheCommitAndRepliesWithTheReadyRevisionAndUrl() throws Exception {
        List<GitOpsSync.Request> requests = new ArrayList<>();
        ArgoSync step = new ArgoSync(request -> {
            requests.add(request);
            return new GitOpsSync.Synced("echo-00003", "http://127.0.0.1:8080/agents/echo/");
        });
        var card = new ObjectMapper().readTree("{\"skills\":[{\"id\":\"echo\"}]}");
        BuildCommitted committed = new BuildCommitted("b-1", "echo", "u-1", "1.2.0", 2,
                "http://127.0.0.1:8080/git/u-1/echo.git", COMMIT, "sha256:" + "a".repeat(64), "http://x/a", card);

        BuildSynced synced = (BuildSynced) step.apply(committed);

        assertEquals(List.of(new GitOpsSync.Request("echo", "u-1", "http://127.0.0.1:8080/git/u-1/echo.git",
                COMMIT)), requests);
        assertEquals(new BuildSynced("b-1", "echo", "u-1", "1.2.0", 2, COMMIT, "echo-00003",
                "http://127.0.0.1:8080/agents/echo/", card), synced);
        assertSame(card, synced.card());
    }

    @Test
    void gitOpsFailuresKeepTheirRetryIntent() {
        ArgoSync step = new ArgoSync(request -> {
            throw new GitOpsException("Argo CD did not sync echo; last seen: …", false, null);
        });
        BuildCommitted committed = new BuildCommitted("b-1", "echo", "u-1", "1.2.0", 1, "http://g/echo.git", COMMIT,
                "sha256:" + "a".repeat(64), "http://x/a", null);
        GitOpsException failure = assertThrows(GitOpsException.class, () -> step.apply(committed));
        assertEquals(false, failure.retryable());
    }
}
