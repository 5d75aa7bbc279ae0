package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.pack.AgentTestClient;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.model.SkillModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs skills in-process with the same executor the server uses (timeouts, concurrency, run context) — the client
 * {@code PackTool test} hands to {@code @AgentTest} methods. Failures throw {@link AssertionError} with the reason.
 */
public final class InProcessAgent implements AgentTestClient {
    private final AgentModel model;
    private final SkillExecutor executor;
    private final LlmResolver llm;
    private final String platformUrl;

    public InProcessAgent(AgentModel model, Map<String, String> env) {
        this.model = model;
        this.executor = new SkillExecutor(model);
        this.llm = new LlmResolver(model.llmMode(), model.yaml().llmModel(), env);
        this.platformUrl = env.get("A2A_PLATFORM_URL");
    }

    @Override
    public JsonNode invoke(String skillId, Map<String, ?> arguments) {
        SkillModel skill = model.skill(skillId);
        if (skill == null) {
            throw new AssertionError("skill '" + skillId + "' does not exist; skills: " + model.skills().keySet());
        }
        return run(skill, SkillModel.BINDER.valueToTree(arguments));
    }

    @Override
    public JsonNode text(String text) {
        SkillModel skill = model.defaultSkill();
        if (skill == null || skill.textParameter() == null) {
            throw new AssertionError("the agent has no default skill taking plain text");
        }
        return run(skill, SkillModel.BINDER.createObjectNode().put(skill.textParameter(), text));
    }

    private JsonNode run(SkillModel skill, JsonNode arguments) {
        String id = Ids.task();
        AgentTask task = new AgentTask(id, id, skill.id(), null, Clock.systemUTC());
        RunContextImpl context = new RunContextImpl(task, llm, null, null, null, platformUrl,
                Duration.ofSeconds(120));
        Object[] args = skill.bind(arguments, context);
        executor.start(task, skill, args);
        try {
            task.await(TimeUnit.SECONDS.toMillis(model.runtime().resources().maxRuntimeSeconds() + 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for skill '" + skill.id() + "'");
        }
        AgentTask.Snapshot s = task.snapshot();
        if (s.state() != TaskState.COMPLETED) {
            String why = s.statusMessage() == null ? s.state().v03() : s.statusMessage().parts().get(0).text();
            throw new AssertionError("skill '" + skill.id() + "' ended " + s.state().v03() + ": " + why);
        }
        return task.result();
    }
}
