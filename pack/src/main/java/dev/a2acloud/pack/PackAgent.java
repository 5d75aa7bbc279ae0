package dev.a2acloud.pack;

/**
 * Optional: an agent class implements this to declare its runtime and LLM mode in code. A method returning null
 * declares nothing, and a2a.yaml (or the defaults) decides; when both declare, they must agree.
 */
public interface PackAgent {
    default AgentRuntime runtime() {
        return null;
    }

    default LlmMode llmMode() {
        return null;
    }
}
