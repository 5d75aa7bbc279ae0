package dev.a2acloud.pack;

import java.util.Locale;

/**
 * Where {@code ctx.llm()} gets its credentials. Resolution order: the caller's {@code llm_creds}, then the agent's own
 * environment (BYOK), then the platform grant — each only if the mode allows it.
 */
public enum LlmMode {
    /** Only the platform grant forwarded by the platform in {@code llm_creds: {"token","baseUrl"}}. */
    PLATFORM(false, false, true),
    /** Only an API key the caller passes in {@code llm_creds: {"api_key","base_url","model"}}. */
    CALLER_PROVIDED(true, false, false),
    /** The caller's key if given, else the platform grant. */
    PLATFORM_OR_CALLER_PROVIDED(true, false, true),
    /** The agent's own key from {@code A2A_LLM_API_KEY} / {@code A2A_LLM_BASE_URL}. */
    AGENT_BYOK(false, true, false);

    private final boolean caller;
    private final boolean agentEnv;
    private final boolean platform;

    LlmMode(boolean caller, boolean agentEnv, boolean platform) {
        this.caller = caller;
        this.agentEnv = agentEnv;
        this.platform = platform;
    }

    public boolean allowsCaller() {
        return caller;
    }

    public boolean allowsAgentEnv() {
        return agentEnv;
    }

    public boolean allowsPlatform() {
        return platform;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LlmMode ofWire(String field, String value) {
        return Wire.enumOf(LlmMode.class, field, value);
    }
}
