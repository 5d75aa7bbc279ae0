package dev.a2acloud.generate;

import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.llm.ChatMessage;
import dev.a2acloud.core.llm.ChatModel;
import dev.a2acloud.core.llm.offline.BuildBrief;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildProgress;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.EventPublisher;
import dev.a2acloud.events.Origin;
import dev.a2acloud.events.PlatformException;
import java.time.Clock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The generate step: {@code build.requested} (a new build or a continuation) or {@code build.rejected} (repair) in,
 * {@code build.generated}, a continuation {@code build.requested} or {@code build.failed} out. It exchanges its service
 * credential for the build's grants, runs one bounded invocation of the {@link BuilderLoop} against the workspace and
 * the model gateway, and publishes progress as it goes. Retryable trouble (control plane or workspace unreachable)
 * is thrown so the broker redelivers; everything permanent becomes {@code build.failed} with a reason.
 */
public final class GenerateStep implements Function<BuildEvent, BuildEvent> {
    static final String STEP = "generate";
    private static final Logger LOG = Logger.getLogger(GenerateStep.class.getName());

    /** The build's grants, from {@code POST /v1/builds/{id}/grants}. */
    public interface GrantSource {
        BuildGrants grants(String buildId);
    }

    private final GrantSource grants;
    private final Function<BuildGrants, AgentFiles> files;
    private final Function<BuildGrants, ChatModel> models;
    private final Function<BuildGrants, ProjectTester> testers;
    private final AgentTemplate template;
    private final BuilderSkills skills;
    private final EventPublisher publisher;
    private final GenerateSettings settings;
    private final Clock clock;

    public GenerateStep(GrantSource grants, Function<BuildGrants, AgentFiles> files,
                        Function<BuildGrants, ChatModel> models, Function<BuildGrants, ProjectTester> testers,
                        AgentTemplate template, BuilderSkills skills, EventPublisher publisher,
                        GenerateSettings settings, Clock clock) {
        this.grants = grants;
        this.files = files;
        this.models = models;
        this.testers = testers;
        this.template = template;
        this.skills = skills;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public BuildEvent apply(BuildEvent event) {
        return switch (event) {
            case BuildRequested requested -> onRequested(requested);
            case BuildRejected rejected -> onRejected(rejected);
            default -> throw new GenerateException("generate handles build.requested and build.rejected, not "
                    + event.type().ceType(), false);
        };
    }

    private BuildEvent onRequested(BuildRequested event) {
        if (event.prompt() == null || event.prompt().isBlank()) {
            return failed(event, "the build request has no prompt; describe the agent to build");
        }
        BuildGrants grant = grants.grants(event.buildId());
        String prefix = prefix(event.agent());
        AgentFiles workspace = files.apply(grant);
        Transcript transcript = null;
        if (event.continuation() > 0) {
            transcript = Transcript.load(workspace, prefix).orElse(null);
        }
        if (transcript == null) {
            transcript = Transcript.start(new BuildBrief(event.agent(), event.version(), event.prompt()),
                    event.publicAgent(), event.attempt(), SystemPrompt.render(skills));
        }
        return run(event, transcript, grant, workspace, event.attempt(), event.continuation());
    }

    private BuildEvent onRejected(BuildRejected event) {
        if (event.origin() == Origin.UPLOAD) {
            return new BuildFailed(event.buildId(), event.agent(), event.owner(), event.version(), event.attempt(),
                    event.stage(), "the uploaded project was rejected at stage " + event.stage() + ": "
                    + event.reason() + " (an upload has no prompt to repair from; fix it and upload again)",
                    event.logTail());
        }
        if (event.attempt() >= settings.maxAttempts()) {
            return new BuildFailed(event.buildId(), event.agent(), event.owner(), event.version(), event.attempt(),
                    event.stage(), "validation rejected the project " + event.attempt() + " time(s), the last at "
                    + "stage " + event.stage() + ": " + event.reason(), event.logTail());
        }
        BuildGrants grant = grants.grants(event.buildId());
        String prefix = prefix(event.agent());
        AgentFiles workspace = files.apply(grant);
        Transcript saved = Transcript.load(workspace, prefix).orElse(null);
        if (saved == null) {
            return new BuildFailed(event.buildId(), event.agent(), event.owner(), event.version(), event.attempt(),
                    event.stage(), "cannot repair: the builder transcript " + prefix + Transcript.FILE
                    + " is missing; start the build again. Last rejection: " + event.reason(), event.logTail());
        }
        int attempt = event.attempt() + 1;
        Transcript transcript = saved.withAttempt(attempt);
        transcript.messages().add(ChatMessage.user("Validation rejected the project at stage `" + event.stage()
                + "` (exit " + event.exitCode() + "): " + event.reason() + "\n--- log tail ---\n"
                + event.logTail() + "\n--- end ---\nRepair attempt " + attempt + " of " + settings.maxAttempts()
                + ": fix the cause, run test_agent_in_sandbox, then call finish."));
        BuildRequested as = new BuildRequested(event.buildId(), event.agent(), event.owner(), event.version(),
                attempt, saved.brief().prompt(), saved.publicAgent(), 0);
        return run(as, transcript, grant, workspace, attempt, 0);
    }

    private BuildEvent run(BuildRequested event, Transcript transcript, BuildGrants grant, AgentFiles workspace,
                           int attempt, int continuation) {
        if (grant.llm() == null) {
            return failed(event, "the platform offers no model gateway for this build; configure one "
                    + "(or use the embedded gateway with the offline model)");
        }
        String prefix = prefix(event.agent());
        BuilderTools tools = new BuilderTools(workspace, event.agent(), event.version(), template,
                testers.apply(grant), skills, (kind, message) -> progress(event, attempt, kind, message));
        String model = settings.model() != null ? settings.model()
                : grant.llm().models().isEmpty() ? "offline" : grant.llm().models().getFirst();
        ChatModel chat = models.apply(grant);
        BuilderLoop.Outcome outcome;
        try {
            outcome = new BuilderLoop(settings, clock).run(transcript, model, chat, tools,
                    t -> t.save(workspace, prefix));
        } catch (PlatformException e) {
            if (e.retryable()) {
                throw e;
            }
            return failed(event, "the builder stopped: " + e.getMessage());
        } finally {
            if (chat instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the model client failed", e);
                }
            }
        }
        return switch (outcome) {
            case BuilderLoop.Finished finished -> {
                progress(event, attempt, "stage", "generated: " + finished.summary());
                yield new BuildGenerated(event.buildId(), event.agent(), event.owner(), event.version(), attempt,
                        Origin.PROMPT, prefix);
            }
            case BuilderLoop.Paused paused -> new BuildRequested(event.buildId(), event.agent(), event.owner(),
                    event.version(), attempt, event.prompt(), event.publicAgent(), continuation + 1);
            case BuilderLoop.Failed failedOutcome -> failed(event, failedOutcome.reason());
        };
    }

    private static BuildFailed failed(BuildRequested event, String reason) {
        return new BuildFailed(event.buildId(), event.agent(), event.owner(), event.version(), event.attempt(),
                STEP, reason, "");
    }

    private void progress(BuildRequested event, int attempt, String kind, String message) {
        try {
            publisher.publish(new BuildProgress(event.buildId(), event.agent(), event.owner(), event.version(),
                    attempt, STEP, kind, message.length() > 500 ? message.substring(0, 500) + "…" : message), STEP);
        } catch (RuntimeException e) {
            // Progress is for watchers; a lost progress event must not fail the build.
            LOG.log(Level.FINE, "could not publish progress", e);
        }
    }

    static String prefix(String agent) {
        return "agents/" + agent + "/";
    }
}
