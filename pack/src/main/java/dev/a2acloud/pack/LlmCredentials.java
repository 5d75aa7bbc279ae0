package dev.a2acloud.pack;

/** Resolved model credentials: where they came from, the OpenAI-compatible base URL, the bearer and a model. */
public record LlmCredentials(Source source, String baseUrl, String apiKey, String model) {
    public enum Source { CALLER, AGENT_ENV, PLATFORM }

    public LlmCredentials {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw PackException.invalid("llm.base_url", "is missing for " + source + " credentials");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw PackException.invalid("llm.api_key", "is missing for " + source + " credentials");
        }
    }

    @Override
    public String toString() {
        // Never print the key.
        return "LlmCredentials[" + source + ", " + baseUrl + ", model=" + model + "]";
    }
}
