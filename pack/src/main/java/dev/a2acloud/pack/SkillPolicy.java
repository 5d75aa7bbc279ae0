package dev.a2acloud.pack;

/** Per-skill operational policy advertised on the Agent Card. {@code timeoutSeconds} and {@code costClass} may be null. */
public record SkillPolicy(Double timeoutSeconds, boolean idempotent, int maxRetries, String costClass,
                          boolean allowScopeExpansion) {
    public SkillPolicy {
        if (timeoutSeconds != null && (timeoutSeconds.isNaN() || timeoutSeconds <= 0 || timeoutSeconds > 86_400)) {
            throw PackException.invalid("timeout_seconds", "must be more than 0 and at most 86400, was " + timeoutSeconds);
        }
        if (maxRetries < 0) {
            throw PackException.invalid("max_retries", "must be 0 or more, was " + maxRetries);
        }
        if (costClass != null && costClass.isBlank()) {
            costClass = null;
        }
    }

    public static SkillPolicy defaults() {
        return new SkillPolicy(null, false, 0, null, false);
    }
}
