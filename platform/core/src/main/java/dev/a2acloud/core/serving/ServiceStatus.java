package dev.a2acloud.core.serving;

import java.time.Instant;
import java.util.List;

/**
 * A Knative Service's status: URL, latest created/ready revision, conditions ({@code ConfigurationsReady},
 * {@code RoutesReady}, {@code Ready}) and revisions with their traffic share. {@code egressEnforced} is false where
 * the host could not isolate the instance's network (said loudly in logs and here).
 */
public record ServiceStatus(String name, String url, Instant created, String latestCreatedRevision,
                            String latestReadyRevision, List<Condition> conditions, List<RevisionStatus> revisions,
                            boolean egressEnforced) {

    /** A Knative condition; {@code status} is {@code True}, {@code False} or {@code Unknown}. */
    public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    }

    /** One revision: {@code instances} running now (0 when scaled to zero), its share of traffic in percent. */
    public record RevisionStatus(String name, Instant created, int trafficPercent, boolean ready, int instances,
                                 String image, String reason) {
    }
}
