package dev.a2acloud.core.llm;

/** Tokens a call consumed, as reported by the model. */
public record TokenUsage(long promptTokens, long completionTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public long total() {
        return promptTokens + completionTokens;
    }
}
