package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.pack.LlmCredentials;
import dev.a2acloud.pack.LlmMode;
import dev.a2acloud.pack.PackException;
import java.util.Map;

/**
 * Picks the model credentials for one run, in order: the caller's {@code llm_creds} ({@code api_key}, optional
 * {@code base_url}, {@code model}), the agent's own environment ({@code A2A_LLM_API_KEY}, {@code A2A_LLM_BASE_URL},
 * {@code A2A_LLM_MODEL}) for BYOK, then the platform grant forwarded in {@code llm_creds} as {@code {"token",
 * "baseUrl"}} (base URL defaulting to {@code A2A_PLATFORM_URL}/llm/v1) — each only as the declared mode allows.
 */
final class LlmResolver {
    static final String DEFAULT_OPENAI_BASE = "https://api.openai.com/v1";

    private final LlmMode mode;
    private final String declaredModel;
    private final Map<String, String> env;

    LlmResolver(LlmMode mode, String declaredModel, Map<String, String> env) {
        this.mode = mode;
        this.declaredModel = declaredModel;
        this.env = env;
    }

    LlmCredentials resolve(JsonNode llmCreds) {
        JsonNode creds = llmCreds == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : llmCreds;
        String callerKey = text(creds, "api_key", "apiKey");
        String platformToken = text(creds, "token");
        String model = text(creds, "model");
        if (mode.allowsCaller() && callerKey != null) {
            String base = text(creds, "base_url", "baseUrl");
            return new LlmCredentials(LlmCredentials.Source.CALLER, base == null ? DEFAULT_OPENAI_BASE : base, callerKey,
                    model != null ? model : declaredModel);
        }
        if (mode.allowsAgentEnv()) {
            String key = env.get("A2A_LLM_API_KEY");
            if (key != null && !key.isBlank()) {
                String base = env.getOrDefault("A2A_LLM_BASE_URL", DEFAULT_OPENAI_BASE);
                String envModel = env.get("A2A_LLM_MODEL");
                return new LlmCredentials(LlmCredentials.Source.AGENT_ENV, base, key,
                        envModel != null ? envModel : declaredModel);
            }
        }
        if (mode.allowsPlatform() && platformToken != null) {
            String base = text(creds, "baseUrl", "base_url");
            if (base == null) {
                String platform = env.get("A2A_PLATFORM_URL");
                if (platform == null || platform.isBlank()) {
                    throw PackException.invalid("llm_creds.baseUrl", "is missing and A2A_PLATFORM_URL is not set; the "
                            + "platform forwards {\"token\", \"baseUrl\"} or sets A2A_PLATFORM_URL");
                }
                base = (platform.endsWith("/") ? platform.substring(0, platform.length() - 1) : platform) + "/llm/v1";
            }
            return new LlmCredentials(LlmCredentials.Source.PLATFORM, base, platformToken,
                    model != null ? model : declaredModel);
        }
        throw PackException.invalid("llm_creds", missing(callerKey != null, platformToken != null));
    }

    private String missing(boolean callerGiven, boolean platformGiven) {
        String need = switch (mode) {
            case PLATFORM -> "this agent's LLM mode is 'platform': the platform must forward its grant as llm_creds "
                    + "{\"token\", \"baseUrl\"} (call the agent through the platform)";
            case CALLER_PROVIDED -> "this agent's LLM mode is 'caller_provided': pass llm_creds {\"api_key\", "
                    + "\"base_url\", \"model\"} in the request";
            case PLATFORM_OR_CALLER_PROVIDED -> "this agent's LLM mode is 'platform_or_caller_provided': pass llm_creds "
                    + "{\"api_key\", \"base_url\"} or call through the platform, which forwards {\"token\", \"baseUrl\"}";
            case AGENT_BYOK -> "this agent's LLM mode is 'agent_byok': set A2A_LLM_API_KEY (and A2A_LLM_BASE_URL) in "
                    + "the agent's environment";
        };
        if (callerGiven && !mode.allowsCaller()) {
            need += "; caller credentials were given but this mode does not accept them";
        }
        if (platformGiven && !mode.allowsPlatform()) {
            need += "; a platform grant was given but this mode does not accept it";
        }
        return "no model credentials: " + need;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }
}
