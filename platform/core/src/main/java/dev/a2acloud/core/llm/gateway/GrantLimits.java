package dev.a2acloud.core.llm.gateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a verified LLM grant allows at the gateway. {@code grantKey} identifies the grant for accounting (budget and
 * rate windows are per grant); an empty {@code models} list allows every model the gateway offers; a limit of 0 means
 * "not limited" (LiteLLM's null).
 */
public record GrantLimits(String grantKey, String owner, List<String> models, BigDecimal maxBudgetUsd,
                          int requestsPerMinute, int tokensPerMinute, Instant expiresAt) {
    public GrantLimits {
        Objects.requireNonNull(grantKey, "grantKey");
        models = List.copyOf(models);
        Objects.requireNonNull(maxBudgetUsd, "maxBudgetUsd");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
