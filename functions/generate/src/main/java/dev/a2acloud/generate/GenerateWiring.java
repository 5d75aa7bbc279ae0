package dev.a2acloud.generate;

import dev.a2acloud.core.grants.GrantExchangeClient;
import dev.a2acloud.core.llm.OpenAiChatModel;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.validation.PackToolchain;
import dev.a2acloud.core.sandbox.validation.ProjectValidator;
import dev.a2acloud.core.workspace.WorkspaceClient;
import dev.a2acloud.events.EventPublisher;
import dev.a2acloud.events.HttpEventPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Production wiring from settings: grants, workspace and (through the LLM grant's base URL) the model gateway of the
 * control plane at {@code A2A_CONTROL_PLANE_URL} with {@code A2A_SERVICE_TOKEN}; progress to the broker at
 * {@code A2A_BROKER_URL} (without it progress is only logged); the sandbox from {@code A2A_SANDBOX_BACKEND} for
 * {@code test_agent_in_sandbox}. Optional: {@code A2A_GENERATE_MODEL}, {@code A2A_GENERATE_MAX_ATTEMPTS},
 * {@code A2A_GENERATE_TURNS_PER_INVOCATION}, {@code A2A_GENERATE_INVOCATION_SECONDS}.
 */
public final class GenerateWiring {
    private static final Logger LOG = Logger.getLogger(GenerateWiring.class.getName());

    private GenerateWiring() {
    }

    public static GenerateStep fromEnvironment(Map<String, String> env) {
        String url = env.get("A2A_CONTROL_PLANE_URL");
        String token = env.get("A2A_SERVICE_TOKEN");
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            throw new IllegalStateException("generate needs A2A_CONTROL_PLANE_URL and A2A_SERVICE_TOKEN");
        }
        URI controlPlane = URI.create(url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        GrantExchangeClient grants = new GrantExchangeClient(controlPlane, token, http);
        GenerateSettings settings = settings(env);
        ProjectValidator validator = new ProjectValidator(Sandboxes.fromEnvironment(env), PackToolchain.fromPack(),
                ProjectValidator.Settings.defaults());
        String broker = env.get("A2A_BROKER_URL");
        EventPublisher publisher = broker == null || broker.isBlank()
                ? (event, step) -> LOG.fine(() -> "progress (no A2A_BROKER_URL): " + event)
                : HttpEventPublisher.to(URI.create(broker));
        return new GenerateStep(buildId -> grants.exchange(buildId, GenerateStep.STEP),
                g -> new WorkspaceAgentFiles(new WorkspaceClient(controlPlane, () -> g.workspace().token(), http)),
                g -> new OpenAiChatModel(g.llm().baseUrl(), g.llm().token(), settings.modelTimeout()),
                g -> new SandboxProjectTester(new WorkspaceClient(controlPlane, () -> g.workspace().token(), http),
                        validator),
                PackAgentTemplate.fromClasspath(GenerateWiring.class.getClassLoader()), BuilderSkills.fromResources(),
                publisher, settings, Clock.systemUTC());
    }

    static GenerateSettings settings(Map<String, String> env) {
        GenerateSettings d = GenerateSettings.defaults();
        return new GenerateSettings(env.getOrDefault("A2A_GENERATE_MODEL", d.model()), d.maxTokens(),
                integer(env, "A2A_GENERATE_TURNS_PER_INVOCATION", d.turnsPerInvocation()),
                Duration.ofSeconds(integer(env, "A2A_GENERATE_INVOCATION_SECONDS",
                        (int) d.invocationBudget().toSeconds())),
                d.maxTotalTurns(), integer(env, "A2A_GENERATE_MAX_ATTEMPTS", d.maxAttempts()), d.modelTimeout(),
                d.retryDelay());
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
