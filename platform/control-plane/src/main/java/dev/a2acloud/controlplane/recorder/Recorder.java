package dev.a2acloud.controlplane.recorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.a2acloud.controlplane.agents.AgentNames;
import dev.a2acloud.controlplane.agents.AgentRecord;
import dev.a2acloud.controlplane.agents.AgentRepository;
import dev.a2acloud.controlplane.agents.AgentVersion;
import dev.a2acloud.controlplane.agents.Deployment;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.builds.BuildProgression;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.BuildRepository;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventIds;
import dev.a2acloud.events.EventJson;
import dev.a2acloud.events.EventType;
import dev.a2acloud.events.InvalidEventException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects build events into builds, timeline, agents, versions and deployments. Idempotent on the event id (a
 * redelivery changes nothing); an event that arrives late never moves a build backwards ({@link BuildProgression});
 * facts it carries (digests, URLs, deployments) are still kept. One transaction per event, serialised per build by a
 * row lock.
 */
@Service
public class Recorder {
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final BuildRepository builds;
    private final AgentRepository agents;
    private final TransactionTemplate transactions;
    private final BuildSignals signals;
    private final Clock clock;

    public Recorder(BuildRepository builds, AgentRepository agents, TransactionTemplate transactions,
                    BuildSignals signals, Clock clock) {
        this.builds = builds;
        this.agents = agents;
        this.transactions = transactions;
        this.signals = signals;
        this.clock = clock;
    }

    /** In-process recording of an event emitted by {@code step}; the id is the event's deterministic id. */
    public boolean record(BuildEvent event, String step) {
        return record(event, EventIds.of(event), EventCodec.SOURCE_PREFIX + step);
    }

    /** In-process recording when the emitter does not matter. */
    public boolean record(BuildEvent event) {
        return record(event, EventIds.of(event), null);
    }

    /** Records one event; false when it was already recorded (a redelivery). */
    public boolean record(BuildEvent event, String eventId, String source) {
        boolean recorded;
        try {
            recorded = Boolean.TRUE.equals(transactions.execute(tx -> recordInTransaction(event, eventId, source)));
        } catch (DuplicateKeyException raced) {
            // Two deliveries of a build's first event raced to create it; the second attempt sees the first's row.
            recorded = Boolean.TRUE.equals(transactions.execute(tx -> recordInTransaction(event, eventId, source)));
        }
        if (recorded) {
            signals.recorded();
        }
        return recorded;
    }

    private boolean recordInTransaction(BuildEvent event, String eventId, String source) {
        Instant now = clock.instant();
        EventType type = event.type();
        BuildRecord build = builds.lock(event.buildId()).orElse(null);
        if (build == null) {
            requireAgentName(event, eventId);
            builds.insert(fresh(event, now));
            build = builds.lock(event.buildId()).orElseThrow();
        }
        if (!build.owner().equals(event.owner()) || !build.agent().equals(event.agent())) {
            throw ApiException.badRequest("event_mismatch", "event " + eventId + " names owner/agent "
                    + event.owner() + "/" + event.agent() + " but build " + build.id() + " belongs to "
                    + build.owner() + "/" + build.agent(), "data");
        }
        if (builds.eventRecorded(eventId)) {
            return false;
        }
        builds.appendEvent(eventId, build.id(), type.shortName(), source, event.attempt(), now, json(event));
        builds.update(project(build, event, now));
        projectAgent(event, eventId, build, now);
        return true;
    }

    /**
     * A build the API started was checked there; one that arrives as an event (a CloudEvent posted to the broker) is
     * checked here, before its name reaches a workspace path, a git repository or a URL.
     */
    private static void requireAgentName(BuildEvent event, String eventId) {
        try {
            AgentNames.checkSyntax(event.agent());
        } catch (ApiException e) {
            throw new InvalidEventException("/data/agent", "event " + eventId + ": " + e.getMessage());
        }
    }

    private static BuildRecord fresh(BuildEvent event, Instant now) {
        String origin = "prompt";
        if (event instanceof BuildGenerated g && g.origin() != null) {
            origin = g.origin().wire();
        } else if (event instanceof BuildValidated v && v.origin() != null) {
            origin = v.origin().wire();
        }
        String prompt = event instanceof BuildRequested r ? r.prompt() : null;
        boolean publicAgent = event instanceof BuildRequested r && r.publicAgent();
        return new BuildRecord(event.buildId(), event.owner(), event.agent(), event.version(), origin, publicAgent,
                prompt, BuildRecord.RUNNING, EventType.REQUESTED.shortName(), event.attempt(), 0, null, null, null,
                null, null, null, now, now, null);
    }

    /** The build after {@code event}: moved forward if the event is ahead of it, facts filled in either way. */
    static BuildRecord project(BuildRecord b, BuildEvent event, Instant now) {
        EventType type = event.type();
        boolean advances = BuildProgression.advances(b, type, event.attempt());
        String status = advances ? BuildProgression.statusAfter(type) : b.status();
        String lastType = advances ? type.shortName() : b.lastType();
        int attempt = advances ? Math.max(event.attempt(), b.attempt()) : b.attempt();
        int progress = advances ? Math.max(BuildProgression.position(type, event.attempt()), b.progress())
                : b.progress();
        String failureStage = b.failureStage();
        String failureReason = b.failureReason();
        String logTail = b.logTail();
        if (advances && event instanceof BuildFailed f) {
            failureStage = f.stage();
            failureReason = f.reason();
            logTail = f.logTail();
        }
        String url = b.url();
        String sourceDigest = b.sourceDigest();
        String jarDigest = b.jarDigest();
        switch (event) {
            case BuildLive live -> url = live.url();
            case BuildSynced synced -> url = url == null ? synced.url() : url;
            case BuildValidated validated -> sourceDigest = validated.sourceDigest();
            case BuildPackaged packaged -> {
                sourceDigest = packaged.sourceDigest();
                jarDigest = packaged.jarDigest();
            }
            default -> {
            }
        }
        Instant endedAt = b.endedAt() == null && advances && type.terminal() ? now : b.endedAt();
        return new BuildRecord(b.id(), b.owner(), b.agent(), b.version(), b.origin(), b.publicAgent(), b.prompt(),
                status, lastType, attempt, progress, failureStage, failureReason, logTail, url, sourceDigest,
                jarDigest, b.createdAt(), now, endedAt);
    }

    private void projectAgent(BuildEvent event, String eventId, BuildRecord build, Instant now) {
        Optional<AgentRecord> claimed = agents.claim(event.agent(), event.owner(), build.publicAgent(), now);
        if (claimed.isEmpty()) {
            log.warn("event {} is for agent {} which another owner holds; only the build was recorded", eventId,
                    event.agent());
            return;
        }
        AgentRecord agent = claimed.get();
        String status = agent.status();
        String version = agent.currentVersion();
        String url = agent.url();
        String card = agent.card();
        String latest = agent.latestBuildId();
        if (latest == null || isNewer(build, latest)) {
            latest = build.id();
        }
        switch (event) {
            case BuildPackaged p -> upsertVersion(p, now);
            case BuildCommitted c -> agents.addDeployment(new Deployment(0, eventId, c.agent(), c.owner(),
                    c.buildId(), c.version(), "committed", null, null, c.commit(), "committed " + shortSha(c.commit()),
                    now));
            case BuildSynced s -> agents.addDeployment(new Deployment(0, eventId, s.agent(), s.owner(), s.buildId(),
                    s.version(), "synced", s.revision(), s.url(), s.commit(), "revision " + s.revision() + " ready",
                    now));
            case BuildLive l -> {
                agents.addDeployment(new Deployment(0, eventId, l.agent(), l.owner(), l.buildId(), l.version(),
                        "live", l.revision(), l.url(), null, "answers at " + l.url(), now));
                // Whatever went live last is what answers at the URL, even if a newer build is still running.
                status = "live";
                version = l.version();
                url = l.url();
                card = agents.version(l.agent(), l.version()).map(AgentVersion::card).orElse(card);
            }
            case BuildFailed f -> {
                if (version == null) {
                    status = "failed";
                }
                if (isDeploymentStage(f.stage())) {
                    agents.addDeployment(new Deployment(0, eventId, f.agent(), f.owner(), f.buildId(), f.version(),
                            "failed", null, null, null, f.reason(), now));
                }
            }
            default -> {
            }
        }
        agents.update(new AgentRecord(agent.name(), agent.owner(), agent.publicAgent(), status, version, url, card,
                latest, agent.createdAt(), now));
    }

    private void upsertVersion(BuildPackaged p, Instant now) {
        String card = p.card() == null || p.card().isNull() ? null : p.card().toString();
        AgentVersion next = new AgentVersion(p.agent(), p.version(), p.owner(), p.buildId(), p.sourceDigest(),
                p.sourceUri(), p.jarDigest(), p.jarUri(), card, now);
        Optional<AgentVersion> existing = agents.version(p.agent(), p.version());
        if (existing.isEmpty()) {
            agents.insertVersion(next);
        } else if (existing.get().buildId().equals(p.buildId())) {
            agents.updateVersion(new AgentVersion(p.agent(), p.version(), p.owner(), p.buildId(), p.sourceDigest(),
                    p.sourceUri(), p.jarDigest(), p.jarUri(), card, existing.get().createdAt()));
        } else {
            log.warn("build {} packaged {} {} which build {} already holds; kept the first", p.buildId(),
                    p.agent(), p.version(), existing.get().buildId());
        }
    }

    private boolean isNewer(BuildRecord build, String otherBuildId) {
        if (otherBuildId.equals(build.id())) {
            return false;
        }
        return builds.find(otherBuildId).map(other -> build.createdAt().isAfter(other.createdAt())
                || (build.createdAt().equals(other.createdAt()) && build.id().compareTo(other.id()) > 0))
                .orElse(true);
    }

    private static boolean isDeploymentStage(String stage) {
        return stage != null && (stage.equals("git-commit") || stage.equals("argo-sync") || stage.equals("card-probe")
                || stage.equals("deploy") || stage.equals("probe") || stage.equals("sync"));
    }

    private static String shortSha(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(12, sha.length()));
    }

    private static String json(BuildEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.type().ceType(), e);
        }
    }
}
