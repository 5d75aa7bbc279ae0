package dev.a2acloud.core.llm.litellm;

import java.time.Instant;

/** A minted LiteLLM virtual key: the bearer an agent uses at LiteLLM, and when LiteLLM stops honouring it. */
public record VirtualKey(String key, String alias, Instant expires) {
    @Override
    public String toString() {
        // never print the key itself
        return "VirtualKey[alias=" + alias + ", expires=" + expires + "]";
    }
}
