package dev.a2acloud.core.grants;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an LLM token allows at the model gateway: these models, at most {@code maxBudgetUsd} of spend,
 * {@code requestsPerMinute} and {@code tokensPerMinute}. An empty model list means every model the gateway offers.
 */
public record LlmGrant(String owner, List<String> models, BigDecimal maxBudgetUsd, int requestsPerMinute,
                       int tokensPerMinute, String buildId, Instant expiresAt) {
    public LlmGrant {
        Objects.requireNonNull(owner, "owner");
        models = List.copyOf(models);
        Objects.requireNonNull(maxBudgetUsd, "maxBudgetUsd");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (maxBudgetUsd.signum() < 0 || requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("budget and rate limits must not be negative");
        }
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }

    public void checkModel(String model) {
        if (!mayUse(model)) {
            throw new GrantException(GrantException.Refusal.OUT_OF_SCOPE,
                    "model '" + model + "' is not in this grant (allowed: " + models + ")");
        }
    }
}
