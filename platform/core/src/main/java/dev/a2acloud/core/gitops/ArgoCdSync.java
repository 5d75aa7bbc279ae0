package dev.a2acloud.core.gitops;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Production GitOps: creates or updates the agent's Argo CD {@code Application} at the commit, asks Argo CD for a
 * hard refresh, then waits (bounded) until Argo CD reports that commit synced and Knative reports the Service Ready
 * at its latest generation. A timeout fails with the last status seen.
 */
public final class ArgoCdSync implements GitOpsSync {

    /** Pauses between polls; injected so tests drive time. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final KubernetesClient client;
    private final ArgoApplicationManifest.Settings settings;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Clock clock;
    private final Sleeper sleeper;

    public ArgoCdSync(KubernetesClient client, ArgoApplicationManifest.Settings settings, Duration timeout,
                      Duration pollInterval, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.settings = settings;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Synced sync(Request request) {
        try {
            upsertApplication(ArgoApplicationManifest.build(request, settings));
            return awaitSynced(request);
        } catch (KubernetesClientException e) {
            // code <= 0: no HTTP answer at all (connection, timeout) — worth another delivery
            boolean retryable = e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 409 || e.getCode() == 429;
            throw new GitOpsException("Kubernetes API refused the Argo CD sync of " + request.agent() + " (HTTP "
                    + e.getCode() + "): " + e.getMessage()
                    + (retryable ? "" : "; check argo-sync's RBAC on applications.argoproj.io"), retryable, e);
        }
    }

    private void upsertApplication(GenericKubernetesResource desired) {
        var applications = client.genericKubernetesResources(ArgoApplicationManifest.APPLICATIONS)
                .inNamespace(settings.argoNamespace());
        GenericKubernetesResource existing = applications.withName(desired.getMetadata().getName()).get();
        if (existing == null) {
            applications.resource(desired).create();
            return;
        }
        // Keep what Argo CD owns (status, finalizers, its annotations); set our spec, labels and the refresh request.
        existing.setAdditionalProperty("spec", desired.getAdditionalProperties().get("spec"));
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(existing.getMetadata().getLabels(),
                Map.of()));
        labels.putAll(desired.getMetadata().getLabels());
        existing.getMetadata().setLabels(labels);
        Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(
                existing.getMetadata().getAnnotations(), Map.of()));
        annotations.put(ArgoApplicationManifest.REFRESH_ANNOTATION, "hard");
        existing.getMetadata().setAnnotations(annotations);
        applications.resource(existing).update();
    }

    private Synced awaitSynced(Request request) {
        Instant deadline = clock.instant().plus(timeout);
        String last = "nothing read yet";
        while (true) {
            GenericKubernetesResource app = client.genericKubernetesResources(ArgoApplicationManifest.APPLICATIONS)
                    .inNamespace(settings.argoNamespace()).withName(request.agent()).get();
            Service service = client.adapt(KnativeClient.class).services()
                    .inNamespace(settings.destinationNamespace()).withName(request.agent()).get();
            Observation seen = Observation.of(app, service);
            last = seen.describe();
            if (seen.failure(request.commit()).isPresent()) {
                throw new GitOpsException("deploying " + request.agent() + " at " + request.commit() + " failed: "
                        + seen.failure(request.commit()).get(), false, null);
            }
            if (request.commit().equals(seen.syncedRevision()) && seen.serviceReady()) {
                return new Synced(seen.latestReadyRevision(), withSlash(seen.url()));
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new GitOpsException("Argo CD did not sync " + request.agent() + " to " + request.commit()
                        + " with a Ready Knative Service within " + timeout.toSeconds() + " s; last seen: " + last,
                        false, null);
            }
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitOpsException("interrupted while waiting for Argo CD; last seen: " + last, true, e);
            }
        }
    }

    private static String withSlash(String url) {
        return url == null || url.endsWith("/") ? url : url + "/";
    }

    /** What Argo CD and Knative report at one poll. */
    record Observation(String syncedRevision, String syncStatus, String health, String operationPhase,
                       String operationMessage, String operationRevision, boolean serviceExists, boolean serviceReady,
                       String readyReason, String readyMessage, String latestReadyRevision, String url) {

        static Observation of(GenericKubernetesResource app, Service service) {
            String revision = app == null ? null : app.get("status", "sync", "revision");
            String syncStatus = app == null ? null : app.get("status", "sync", "status");
            String health = app == null ? null : app.get("status", "health", "status");
            String phase = app == null ? null : app.get("status", "operationState", "phase");
            String message = app == null ? null : app.get("status", "operationState", "message");
            String operationRevision = app == null ? null
                    : app.get("status", "operationState", "syncResult", "revision");
            boolean ready = false;
            String reason = null;
            String readyMessage = null;
            String latestReady = null;
            String url = null;
            if (service != null && service.getStatus() != null) {
                var status = service.getStatus();
                latestReady = status.getLatestReadyRevisionName();
                url = status.getUrl();
                var readyCondition = Optional.ofNullable(status.getConditions()).orElse(java.util.List.of()).stream()
                        .filter(c -> "Ready".equals(c.getType())).findFirst();
                Long generation = service.getMetadata().getGeneration();
                boolean current = generation == null || Objects.equals(status.getObservedGeneration(), generation);
                ready = current && readyCondition.map(c -> "True".equals(c.getStatus())).orElse(false);
                reason = readyCondition.map(c -> c.getReason()).orElse(null);
                readyMessage = readyCondition.map(c -> c.getMessage()).orElse(null);
                if (readyCondition.isPresent() && "False".equals(readyCondition.get().getStatus()) && !current) {
                    reason = null; // a failure of an older generation says nothing about this one yet
                }
            }
            return new Observation(revision, syncStatus, health, phase, message, operationRevision, service != null, ready, reason,
                    readyMessage, latestReady, url);
        }

        /** A definite failure: Argo CD's sync operation failed, or Knative says the revision cannot run. */
        Optional<String> failure(String commit) {
            if (("Failed".equals(operationPhase) || "Error".equals(operationPhase)) && commit.equals(operationRevision)) {
                return Optional.of("Argo CD sync " + operationPhase + ": " + operationMessage);
            }
            if (commit.equals(syncedRevision)
                    && ("RevisionFailed".equals(readyReason) || "ContainerMissing".equals(readyReason))) {
                return Optional.of("Knative Service not ready (" + readyReason + "): " + readyMessage);
            }
            return Optional.empty();
        }

        String describe() {
            return "application sync " + syncStatus + " at " + syncedRevision + ", health " + health
                    + (operationPhase == null ? "" : ", operation " + operationPhase)
                    + "; knative service " + (serviceExists ? (serviceReady ? "Ready" : "not Ready"
                    + (readyReason == null ? "" : " (" + readyReason + (readyMessage == null ? "" : ": "
                    + readyMessage) + ")")) + ", latest ready revision " + latestReadyRevision : "missing");
        }
    }
}
