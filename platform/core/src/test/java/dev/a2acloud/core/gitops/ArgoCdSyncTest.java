package dev.a2acloud.core.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * argo-sync against fabric8's mock Kubernetes API server in CRUD mode. There is no Argo CD or Knative controller
 * here, so the test plays both: each time the sync sleeps between polls, {@link Controllers#step()} does what those
 * controllers would do — Argo CD syncs the Application's target revision and reports it in {@code status.sync},
 * Knative reconciles the Service and reports it Ready — as far as the scenario lets them.
 */
@EnableKubernetesMockClient(crud = true)
class ArgoCdSyncTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String NEXT_COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
    private static final GitOpsSync.Request REQUEST =
            new GitOpsSync.Request("echo", "u-1", "http://git.example/u-1/echo.git", COMMIT);

    KubernetesClient client;
    private final MutableClock clock = new MutableClock();

    @Test
    void createsTheApplicationAtTheCommitAndWaitsUntilSyncedAndReady() {
        Controllers controllers = new Controllers(true, true, false);
        GitOpsSync.Synced synced = sync(controllers).sync(REQUEST);

        assertEquals(new GitOpsSync.Synced("echo-00001", "http://echo.a2a-cloud.example.com/"), synced);
        GenericKubernetesResource app = application();
        assertEquals(COMMIT, app.get("spec", "source", "targetRevision"));
        assertEquals("deploy", app.get("spec", "source", "path"));
        assertEquals("http://git.example/u-1/echo.git", app.get("spec", "source", "repoURL"));
        assertEquals(Boolean.TRUE, app.get("spec", "syncPolicy", "automated", "selfHeal"));
        assertEquals("a2a-cloud", app.get("spec", "destination", "namespace"));
        assertEquals("hard", app.getMetadata().getAnnotations().get(ArgoApplicationManifest.REFRESH_ANNOTATION));
        assertTrue(controllers.steps >= 1, "it waited for the controllers");
    }

    @Test
    void updatesAnExistingApplicationToTheNewCommitAndRequestsARefresh() {
        Controllers controllers = new Controllers(true, true, false);
        sync(controllers).sync(REQUEST);
        // Argo CD clears the refresh annotation once it refreshed.
        GenericKubernetesResource app = application();
        app.getMetadata().getAnnotations().remove(ArgoApplicationManifest.REFRESH_ANNOTATION);
        applications().resource(app).update();

        GitOpsSync.Synced synced = sync(controllers).sync(new GitOpsSync.Request("echo", "u-1",
                "http://git.example/u-1/echo.git", NEXT_COMMIT));

        assertEquals("echo-00002", synced.revision());
        assertEquals(1, applications().list().getItems().size());
        assertEquals(NEXT_COMMIT, application().get("spec", "source", "targetRevision"));
        assertEquals("hard", application().getMetadata().getAnnotations()
                .get(ArgoApplicationManifest.REFRESH_ANNOTATION));
        assertEquals(NEXT_COMMIT, application().get("status", "sync", "revision"), "Argo's status was kept");
    }

    @Test
    void aServiceThatNeverGetsReadyTimesOutWithTheLastStatusSeen() {
        Controllers controllers = new Controllers(true, false, false);
        GitOpsException failure = assertThrows(GitOpsException.class, () -> sync(controllers).sync(REQUEST));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("within 20 s"), failure.getMessage());
        assertTrue(failure.getMessage().contains("sync Synced at " + COMMIT), failure.getMessage());
        assertTrue(failure.getMessage().contains("knative service not Ready"), failure.getMessage());
    }

    @Test
    void aFailedArgoSyncOfThisCommitFailsAtOnce() {
        Controllers controllers = new Controllers(false, false, true);
        GitOpsException failure = assertThrows(GitOpsException.class, () -> sync(controllers).sync(REQUEST));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("Argo CD sync Failed: one or more objects failed to apply"),
                failure.getMessage());
        assertEquals(1, controllers.steps);
    }

    private ArgoCdSync sync(Controllers controllers) {
        return new ArgoCdSync(client, ArgoApplicationManifest.Settings.defaults(), Duration.ofSeconds(20),
                Duration.ofSeconds(2), clock, d -> {
                    clock.advance(d);
                    controllers.step();
                });
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> applications() {
        return client.genericKubernetesResources(ArgoApplicationManifest.APPLICATIONS).inNamespace("argocd");
    }

    private GenericKubernetesResource application() {
        return applications().withName("echo").get();
    }

    /** Stand-ins for the Argo CD and Knative controllers, one reconcile per poll. */
    private final class Controllers {
        final boolean argoSyncs;
        final boolean knativeReady;
        final boolean argoFails;
        int steps;
        int revisions;

        Controllers(boolean argoSyncs, boolean knativeReady, boolean argoFails) {
            this.argoSyncs = argoSyncs;
            this.knativeReady = knativeReady;
            this.argoFails = argoFails;
        }

        @SuppressWarnings("unchecked")
        void step() {
            steps++;
            GenericKubernetesResource app = application();
            String target = app.get("spec", "source", "targetRevision");
            Map<String, Object> status = new HashMap<>();
            if (argoFails) {
                status.put("operationState", Map.of("phase", "Failed",
                        "message", "one or more objects failed to apply", "syncResult", Map.of("revision", target)));
                app.setAdditionalProperty("status", status);
                applications().resource(app).update();
                return;
            }
            if (!argoSyncs) {
                return;
            }
            status.put("sync", Map.of("status", "Synced", "revision", target));
            status.put("health", Map.of("status", knativeReady ? "Healthy" : "Progressing"));
            app.setAdditionalProperty("status", status);
            applications().resource(app).update();

            var services = client.adapt(KnativeClient.class).services().inNamespace("a2a-cloud");
            Service existing = services.withName("echo").get();
            if (existing == null || !target.equals(existing.getMetadata().getLabels().get("commit"))) {
                revisions++;
                Service desired = new ServiceBuilder().withNewMetadata().withName("echo").withNamespace("a2a-cloud")
                        .addToLabels("commit", target).endMetadata()
                        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withImage("runtime")
                        .endContainer().endSpec().endTemplate().endSpec().build();
                existing = existing == null ? services.resource(desired).create()
                        : services.resource(new ServiceBuilder(existing).editMetadata().addToLabels("commit", target)
                        .endMetadata().build()).update();
            }
            Service current = services.withName("echo").get();
            var ready = new ConditionBuilder().withType("Ready").withStatus(knativeReady ? "True" : "Unknown")
                    .withReason(knativeReady ? null : "Deploying").build();
            current.setStatus(new io.fabric8.knative.serving.v1.ServiceStatusBuilder()
                    .withObservedGeneration(current.getMetadata().getGeneration())
                    .withConditions(List.of(ready))
                    .withLatestReadyRevisionName(knativeReady ? "echo-%05d".formatted(revisions) : null)
                    .withUrl("http://echo.a2a-cloud.example.com").build());
            services.resource(current).updateStatus();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
