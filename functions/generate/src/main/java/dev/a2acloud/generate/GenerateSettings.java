package dev.a2acloud.generate;

import java.time.Duration;

/**
 * Bounds of the builder loop. {@code model} null = the first model of the build's LLM grant. One invocation runs at
 * most {@code turnsPerInvocation} model turns or {@code invocationBudget} of wall time, then replies with a
 * continuation; {@code maxTotalTurns} bounds a whole attempt, {@code maxAttempts} the repairs after rejections.
 */
public record GenerateSettings(String model, int maxTokens, int turnsPerInvocation, Duration invocationBudget,
                               int maxTotalTurns, int maxAttempts, Duration modelTimeout, Duration retryDelay) {
    public GenerateSettings {
        require(maxTokens > 0, "a2a.generate.max-tokens must be positive");
        require(turnsPerInvocation > 0, "a2a.generate.turns-per-invocation must be positive");
        require(!invocationBudget.isNegative() && !invocationBudget.isZero(),
                "a2a.generate.invocation-budget must be positive");
        require(maxTotalTurns >= turnsPerInvocation, "a2a.generate.max-total-turns must be >= turns-per-invocation");
        require(maxAttempts > 0, "a2a.generate.max-attempts must be positive");
        require(!modelTimeout.isNegative() && !modelTimeout.isZero(), "a2a.generate.model-timeout must be positive");
    }

    public static GenerateSettings defaults() {
        return new GenerateSettings(null, 4096, 8, Duration.ofSeconds(45), 40, 3, Duration.ofSeconds(60),
                Duration.ofSeconds(2));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
