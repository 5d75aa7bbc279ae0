package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.pack.LlmClient;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.RunContext;
import dev.a2acloud.pack.SandboxClient;
import dev.a2acloud.pack.WorkspaceClient;
import dev.a2acloud.pack.model.SkillModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The run context of one task: credentials and grant from the request, the platform URL from the environment. */
final class RunContextImpl implements RunContext {
    private final AgentTask task;
    private final LlmResolver llm;
    private final JsonNode llmCreds;
    private final String workspaceGrant;
    private final String callerToken;
    private final String platformUrl;
    private final Duration llmTimeout;

    RunContextImpl(AgentTask task, LlmResolver llm, JsonNode llmCreds, String workspaceGrant, String callerToken,
                   String platformUrl, Duration llmTimeout) {
        this.callerToken = callerToken;
        this.task = task;
        this.llm = llm;
        this.llmCreds = llmCreds;
        this.workspaceGrant = workspaceGrant;
        this.platformUrl = platformUrl;
        this.llmTimeout = llmTimeout;
    }

    @Override
    public String skillId() {
        return task.skill();
    }

    @Override
    public String taskId() {
        return task.id();
    }

    @Override
    public String contextId() {
        return task.contextId();
    }

    @Override
    public LlmClient llm() {
        return new LlmClient(llm.resolve(llmCreds), llmTimeout);
    }

    @Override
    public SandboxClient sandbox() {
        return new SandboxClient(platform("ctx.sandbox()"), grant("ctx.sandbox()"));
    }

    @Override
    public WorkspaceClient workspace() {
        return new WorkspaceClient(platform("ctx.workspace()"), grant("ctx.workspace()"));
    }

    @Override
    public Optional<String> callerToken() {
        return Optional.ofNullable(callerToken);
    }

    @Override
    public void progress(String message) {
        task.working(message);
    }

    @Override
    public void artifact(String name, Object content) {
        Part part = content instanceof String s ? Part.text(s) : Part.data(SkillModel.BINDER.valueToTree(content));
        task.addArtifact(new Artifact(Ids.unique(), name, List.of(part)));
    }

    @Override
    public boolean cancelled() {
        return task.state().terminal() || Thread.currentThread().isInterrupted();
    }

    private String platform(String what) {
        if (platformUrl == null || platformUrl.isBlank()) {
            throw PackException.invalid("A2A_PLATFORM_URL", "is not set, so " + what + " has no platform to call; "
                    + "the platform sets it when it runs the agent");
        }
        return platformUrl;
    }

    private String grant(String what) {
        if (workspaceGrant == null || workspaceGrant.isBlank()) {
            throw PackException.invalid("workspace_grant", what + " needs the caller's workspace grant; pass "
                    + "workspace_grant in the invoke body (or message metadata)");
        }
        return workspaceGrant;
    }
}
