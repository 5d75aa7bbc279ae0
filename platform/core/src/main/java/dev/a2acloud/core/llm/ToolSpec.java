package dev.a2acloud.core.llm;

import java.util.Map;

/** A function tool offered to the model: name, description and a JSON Schema of its arguments. */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
    public ToolSpec {
        parameters = Map.copyOf(parameters);
    }
}
