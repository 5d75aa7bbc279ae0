package dev.a2acloud.functions.cardprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.functions.argosync.ArgoSync;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build.committed → argo-sync (embedded reconciler) → build.synced → card-probe → build.live with a real A2A Pack
 * agent process, git over smart HTTP and artifacts over HTTP ({@link DeliveryFixture} says what stands in for what).
 */
class DeliveryChainTest {
    @TempDir
    Path dir;

    @Test
    void aCommittedVersionGoesLiveAndTheNextOneReplacesIt() throws Exception {
        try (DeliveryFixture fixture = new DeliveryFixture(dir, Duration.ofSeconds(60))) {
            ArgoSync argoSync = fixture.argoSync();
            CardProbe cardProbe = fixture.cardProbe();

            BuildCommitted v1 = fixture.commit("0.1.0", "b-1");
            BuildSynced synced = assertInstanceOf(BuildSynced.class, argoSync.apply(v1));
            assertEquals("echo-00001", synced.revision());
            BuildLive live = assertInstanceOf(BuildLive.class, cardProbe.apply(synced));
            assertEquals(fixture.serving.url("echo"), live.url());
            assertEquals("0.1.0", live.version());
            assertTrue(live.skills().contains("echo"), live.skills().toString());

            // Redelivered build.committed: no new deployment, no new revision, the same reply.
            assertEquals(synced, argoSync.apply(v1));
            assertEquals(1, fixture.serving.get("echo").orElseThrow().revisions().size());

            BuildCommitted v2 = fixture.commit("0.2.0", "b-2");
            BuildSynced synced2 = assertInstanceOf(BuildSynced.class, argoSync.apply(v2));
            assertEquals("echo-00002", synced2.revision());
            BuildLive live2 = assertInstanceOf(BuildLive.class, cardProbe.apply(synced2));
            assertEquals("0.2.0", live2.version());
            assertEquals("echo-00002", fixture.serving.get("echo").orElseThrow().latestReadyRevision());
        }
    }
}
