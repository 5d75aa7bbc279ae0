package dev.a2acloud.local.serving;

import dev.a2acloud.core.serving.ServiceStatus;
import dev.a2acloud.core.serving.ServiceStatus.Condition;
import dev.a2acloud.core.serving.ServiceStatus.RevisionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds a service's status in Knative's terms from snapshots of its revisions; pure. */
final class StatusView {
    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";
    static final String EGRESS_MESSAGE = "egress is NOT enforced: instances run on the host network and can reach "
            + "any host (embedded serving gives them no network of their own)";

    private StatusView() {
    }

    static ServiceStatus of(String name, String url, Instant serviceCreated, List<Revision.Snapshot> revisions,
                            String latestCreated, String latestReady, boolean egressEnforced) {
        Revision.Snapshot created = find(revisions, latestCreated);
        Revision.Snapshot serving = find(revisions, latestReady);
        Condition configurations = configurationsReady(created);
        Condition routes = serving != null
                ? new Condition("RoutesReady", TRUE, null, null, serving.readyAt())
                : new Condition("RoutesReady", configurations.status().equals(FALSE) ? FALSE : UNKNOWN,
                "RevisionMissing", "no revision of " + name + " is ready yet", configurations.lastTransitionTime());
        Condition ready = ready(configurations, routes, egressEnforced);
        List<Condition> conditions = new ArrayList<>(List.of(configurations, ready, routes));
        conditions.add(egressEnforced
                ? new Condition("EgressEnforced", TRUE, null, null, created == null ? null : created.created())
                : new Condition("EgressEnforced", FALSE, "HostNetwork", EGRESS_MESSAGE, created == null ? null
                : created.created()));
        List<RevisionStatus> revisionStatuses = revisions.stream()
                .map(r -> new RevisionStatus(r.name(), r.created(), r.name().equals(latestReady) ? 100 : 0,
                        r.ready(), r.instances(), r.template().image(), reason(r)))
                .toList();
        return new ServiceStatus(name, url, serviceCreated, latestCreated,
                latestReady, List.copyOf(conditions), revisionStatuses, egressEnforced);
    }

    /** One line for messages: the conditions that are not True and why. */
    static String describe(ServiceStatus status) {
        String notTrue = status.conditions().stream().filter(c -> !TRUE.equals(c.status()))
                .map(c -> c.type() + "=" + c.status() + (c.message() == null ? "" : " (" + c.message() + ")"))
                .collect(Collectors.joining(", "));
        return "latestCreated=" + status.latestCreatedRevision() + " latestReady=" + status.latestReadyRevision()
                + (notTrue.isEmpty() ? " all conditions True" : " " + notTrue);
    }

    private static Condition configurationsReady(Revision.Snapshot created) {
        if (created == null) {
            return new Condition("ConfigurationsReady", UNKNOWN, "RevisionMissing", "no revision created yet", null);
        }
        if (created.ready()) {
            return new Condition("ConfigurationsReady", TRUE, null, null, created.readyAt());
        }
        if (created.failure() != null && created.starting() == 0) {
            return new Condition("ConfigurationsReady", FALSE, "RevisionFailed",
                    "revision " + created.name() + " failed: " + created.failure(), created.failedAt());
        }
        return new Condition("ConfigurationsReady", UNKNOWN, "Deploying",
                "waiting for revision " + created.name() + " to answer /healthz", created.created());
    }

    private static Condition ready(Condition configurations, Condition routes, boolean egressEnforced) {
        if (TRUE.equals(configurations.status()) && TRUE.equals(routes.status())) {
            return new Condition("Ready", TRUE, null, egressEnforced ? null : EGRESS_MESSAGE,
                    latest(configurations.lastTransitionTime(), routes.lastTransitionTime()));
        }
        Condition cause = FALSE.equals(configurations.status()) || !TRUE.equals(configurations.status())
                ? configurations : routes;
        String status = FALSE.equals(configurations.status()) || FALSE.equals(routes.status()) ? FALSE : UNKNOWN;
        return new Condition("Ready", status, cause.reason(), cause.message(), cause.lastTransitionTime());
    }

    private static String reason(Revision.Snapshot revision) {
        return switch (revision.state()) {
            case DRAINING -> "Draining";
            case STOPPED -> "Retired";
            case ACTIVE -> revision.failure() != null && !revision.ready() ? "Failed: " + revision.failure()
                    : revision.instances() == 0 && revision.ready() ? "ScaledToZero" : null;
        };
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Revision.Snapshot find(List<Revision.Snapshot> revisions, String name) {
        return name == null ? null : revisions.stream().filter(r -> Objects.equals(r.name(), name)).findFirst()
                .orElse(null);
    }
}
