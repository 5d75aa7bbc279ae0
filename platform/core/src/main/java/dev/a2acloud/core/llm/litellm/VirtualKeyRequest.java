package dev.a2acloud.core.llm.litellm;

import dev.a2acloud.core.grants.LlmGrant;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of LiteLLM's {@code POST /key/generate} for one LLM grant: exactly the grant's models, budget, rate limits
 * and lifetime, tagged with the build so LiteLLM's spend logs say whose calls they were.
 */
public record VirtualKeyRequest(List<String> models, BigDecimal maxBudget, int rpmLimit, int tpmLimit,
                                Duration duration, String keyAlias, Map<String, String> metadata) {
    public VirtualKeyRequest {
        models = List.copyOf(models);
        Objects.requireNonNull(maxBudget, "maxBudget");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the grant has already expired; issue a new one");
        }
        metadata = Map.copyOf(metadata);
    }

    /** Pure: the key a grant maps to, living until the grant expires (rounded up to whole seconds). */
    public static VirtualKeyRequest forGrant(LlmGrant grant, Clock clock) {
        Duration left = Duration.between(clock.instant(), grant.expiresAt());
        long seconds = Math.max(0, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        String build = grant.buildId() == null ? "none" : grant.buildId();
        return new VirtualKeyRequest(grant.models(), grant.maxBudgetUsd(), grant.requestsPerMinute(),
                grant.tokensPerMinute(), Duration.ofSeconds(seconds), "a2a-" + grant.owner() + "-" + build,
                Map.of("a2a_owner", grant.owner(), "a2a_build", build));
    }

    /** LiteLLM's duration syntax: a number and a unit ({@code s}, {@code m}, {@code h}, {@code d}). */
    public String durationText() {
        return duration.toSeconds() + "s";
    }
}
