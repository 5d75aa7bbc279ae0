package dev.a2acloud.core.llm;

/** The model's answer: the assistant message, why it stopped ({@code stop}, {@code tool_calls}, …) and the usage. */
public record ChatReply(String model, ChatMessage message, String finishReason, TokenUsage usage) {
}
