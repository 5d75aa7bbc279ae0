package dev.a2acloud.pack;

import java.util.List;

/**
 * Aggregate runtime declaration, published on the Agent Card: lifecycle, state, sandbox, resources, concurrency
 * (requests served at once, more than 0), egress and the tools the agent uses. Null components take the defaults.
 */
public record AgentRuntime(Lifecycle lifecycle, State state, Sandbox sandbox, Resources resources, int concurrency,
                           EgressPolicy egress, List<String> toolsUsed) {
    public AgentRuntime {
        lifecycle = lifecycle == null ? Lifecycle.EPHEMERAL : lifecycle;
        state = state == null ? State.NONE : state;
        sandbox = sandbox == null ? Sandbox.MICROSANDBOX : sandbox;
        resources = resources == null ? Resources.defaults() : resources;
        egress = egress == null ? EgressPolicy.denyAll() : egress;
        toolsUsed = toolsUsed == null ? List.of() : List.copyOf(toolsUsed);
        if (concurrency <= 0) {
            throw PackException.invalid("runtime.concurrency", "must be more than 0, was " + concurrency);
        }
        for (int i = 0; i < toolsUsed.size(); i++) {
            if (toolsUsed.get(i) == null || toolsUsed.get(i).isBlank()) {
                throw PackException.invalid("runtime.tools_used[" + i + "]", "is empty");
            }
        }
    }

    /** ephemeral, no state, microsandbox, default resources, one request at a time, no egress, no tools. */
    public static AgentRuntime defaults() {
        return new AgentRuntime(null, null, null, null, 1, null, List.of());
    }

    public AgentRuntime withLifecycle(Lifecycle v) {
        return new AgentRuntime(v, state, sandbox, resources, concurrency, egress, toolsUsed);
    }

    public AgentRuntime withState(State v) {
        return new AgentRuntime(lifecycle, v, sandbox, resources, concurrency, egress, toolsUsed);
    }

    public AgentRuntime withResources(Resources v) {
        return new AgentRuntime(lifecycle, state, sandbox, v, concurrency, egress, toolsUsed);
    }

    public AgentRuntime withConcurrency(int v) {
        return new AgentRuntime(lifecycle, state, sandbox, resources, v, egress, toolsUsed);
    }

    public AgentRuntime withEgress(EgressPolicy v) {
        return new AgentRuntime(lifecycle, state, sandbox, resources, concurrency, v, toolsUsed);
    }

    public AgentRuntime withToolsUsed(List<String> v) {
        return new AgentRuntime(lifecycle, state, sandbox, resources, concurrency, egress, v);
    }
}
