package dev.a2acloud.core.llm;

import java.util.List;
import java.util.Objects;

/** One chat-completions call: the model id, the conversation so far, the tools offered and a completion cap. */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens) {
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
