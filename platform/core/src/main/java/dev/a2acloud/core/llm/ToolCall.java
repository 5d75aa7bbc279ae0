package dev.a2acloud.core.llm;

/** The model asks to run tool {@code name}; {@code arguments} is the raw JSON text the model wrote (maybe invalid). */
public record ToolCall(String id, String name, String arguments) {
}
