package dev.a2acloud.controlplane.builds;

import dev.a2acloud.controlplane.agents.AgentNames;
import dev.a2acloud.controlplane.agents.AgentRecord;
import dev.a2acloud.controlplane.agents.AgentRepository;
import dev.a2acloud.controlplane.agents.AgentVersion;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.recorder.Recorder;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.EventPublishException;
import dev.a2acloud.events.EventPublisher;
import dev.a2acloud.events.Origin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Starts builds: claims the agent name for the owner, records the build, publishes its first event. A build the
 * broker would not take is marked failed at once, so nothing waits for an event that was never sent.
 */
@Service
public class BuildService {
    static final String STEP = "control-plane";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PROMPT_CHARS = 20_000;

    private final BuildRepository builds;
    private final AgentRepository agents;
    private final Recorder recorder;
    private final EventPublisher publisher;
    private final Clock clock;

    public BuildService(BuildRepository builds, AgentRepository agents, Recorder recorder, EventPublisher publisher,
                        Clock clock) {
        this.builds = builds;
        this.agents = agents;
        this.recorder = recorder;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@code POST /v1/builds}: a prompt build, entering at generate. */
    public BuildRecord requestBuild(String owner, String name, String prompt, String version, Boolean publicAgent) {
        AgentNames.check(name);
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.badRequest("missing_field", "'prompt' is required: describe what the agent should do",
                    "prompt");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw ApiException.badRequest("invalid_field", "'prompt' is longer than " + MAX_PROMPT_CHARS
                    + " characters; shorten it", "prompt");
        }
        BuildRecord build = newBuild(owner, name, version, publicAgent != null && publicAgent, Origin.PROMPT, prompt);
        start(build, new BuildRequested(build.id(), name, owner, build.version(), 1, prompt, build.publicAgent(), 0));
        return builds.find(build.id()).orElseThrow();
    }

    /**
     * {@code POST /v1/agents/from-tarball}: the caller already checked the upload; {@code writeSource} puts it into
     * the workspace once the name is claimed and the build recorded. Enters at validation.
     */
    public BuildRecord uploadBuild(String owner, String name, String version, boolean publicAgent,
                                   Consumer<BuildRecord> writeSource) {
        BuildRecord build = newBuild(owner, name, version, publicAgent, Origin.UPLOAD, null);
        try {
            writeSource.accept(build);
        } catch (RuntimeException e) {
            // The build was recorded but its source could not be stored: end it rather than leave it waiting.
            recorder.record(new BuildFailed(build.id(), name, owner, build.version(), 1, "upload",
                    "the upload could not be stored: " + e.getMessage(), null), STEP);
            throw e;
        }
        start(build, new BuildGenerated(build.id(), name, owner, build.version(), 1, Origin.UPLOAD,
                "agents/" + name + "/"));
        return builds.find(build.id()).orElseThrow();
    }

    /** Checks name ownership and version, and records the build (not yet its first event). */
    private BuildRecord newBuild(String owner, String name, String requestedVersion, boolean publicAgent,
                                 Origin origin, String prompt) {
        AgentNames.check(name);
        Instant now = clock.instant();
        AgentRecord agent = agents.claim(name, owner, publicAgent, now).orElseThrow(() -> new ApiException(409,
                "name_taken", "the name '" + name + "' is taken; agent names are global (one URL per name), "
                + "choose another", "name"));
        String version = requestedVersion == null || requestedVersion.isBlank()
                ? Versions.next(agents.versions(name, owner).stream().map(AgentVersion::version).toList())
                : Versions.check(requestedVersion);
        if (agents.version(name, version).isPresent()) {
            throw new ApiException(409, "version_exists", "version " + version + " of '" + name + "' already exists;"
                    + " choose a new version (or leave it out to get the next one)", "version");
        }
        BuildRecord build = new BuildRecord(newBuildId(), owner, name, version, origin.wire(), publicAgent, prompt,
                BuildRecord.RUNNING, "requested", 1, 0, null, null, null, null, null, null, now, now, null);
        builds.insert(build);
        if (agent.publicAgent() != publicAgent) {
            agents.update(new AgentRecord(agent.name(), agent.owner(), publicAgent, agent.status(),
                    agent.currentVersion(), agent.url(), agent.card(), build.id(), agent.createdAt(), now));
        }
        return build;
    }

    private void start(BuildRecord build, BuildEvent first) {
        recorder.record(first, STEP);
        try {
            publisher.publish(first, STEP);
        } catch (EventPublishException | IllegalStateException e) {
            recorder.record(new BuildFailed(build.id(), build.agent(), build.owner(), build.version(), 1,
                    "control-plane", "the build could not be started: the event broker refused it ("
                    + e.getMessage() + "); try again", null), STEP);
            throw new ApiException(503, "broker_unavailable", "the build could not be started because the event "
                    + "broker did not accept it; try again shortly");
        }
    }

    static String newBuildId() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "b-" + HexFormat.of().formatHex(random);
    }
}
