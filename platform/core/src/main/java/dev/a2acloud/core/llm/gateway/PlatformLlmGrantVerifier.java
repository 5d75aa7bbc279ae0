package dev.a2acloud.core.llm.gateway;

import dev.a2acloud.core.grants.GrantException;
import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.core.grants.LlmGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies our signed LLM grants ({@code aud=llm}) with the control plane's keys. A verified token is remembered
 * until it expires: an ES256 check costs more than the rest of the gateway's work, and a grant is immutable. Expiry
 * is still checked on every call against the clock.
 */
public final class PlatformLlmGrantVerifier implements LlmGrantVerifier {
    private static final int MAX_CACHED = 10_000;

    private final GrantVerifier verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, GrantLimits> verified = new ConcurrentHashMap<>();

    public PlatformLlmGrantVerifier(GrantVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public GrantLimits verify(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw GatewayError.invalidGrant("send the LLM grant as 'Authorization: Bearer <grant>'");
        }
        GrantLimits cached = verified.get(bearerToken);
        if (cached != null) {
            if (clock.instant().isBefore(cached.expiresAt())) {
                return cached;
            }
            verified.remove(bearerToken);
            throw GatewayError.invalidGrant("the LLM grant expired at " + cached.expiresAt() + "; ask for a new one");
        }
        LlmGrant grant;
        try {
            grant = verifier.verifyLlm(bearerToken);
        } catch (GrantException e) {
            throw GatewayError.invalidGrant(e.getMessage());
        }
        GrantLimits limits = new GrantLimits(fingerprint(bearerToken), grant.owner(), grant.models(),
                grant.maxBudgetUsd(), grant.requestsPerMinute(), grant.tokensPerMinute(), grant.expiresAt());
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(bearerToken, limits);
        return limits;
    }

    /** Accounting key: the token's digest, so ledgers and logs never hold the token itself. */
    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
