package dev.a2acloud.core.grants;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs our three kinds of token. Only the control plane holds one (it alone holds the private keys). */
public final class GrantIssuer {
    static final String CLAIM_BUCKET = "bucket";
    static final String CLAIM_ALLOW = "allow";
    static final String CLAIM_WRITE = "write";
    static final String CLAIM_MODE = "mode";
    static final String CLAIM_BUILD = "build";
    static final String CLAIM_MODELS = "models";
    static final String CLAIM_MAX_BUDGET = "max_budget";
    static final String CLAIM_RPM = "rpm";
    static final String CLAIM_TPM = "tpm";

    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;

    public GrantIssuer(SigningKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A control-plane token for {@code userId}, valid for {@code ttl}. */
    public String userToken(String userId, Duration ttl) {
        Instant now = clock.instant();
        return sign(base(Audience.CONTROL_PLANE, userId, now, now.plus(ttl)).build());
    }

    public String workspaceToken(WorkspaceGrant grant) {
        JWTClaimsSet.Builder claims = base(Audience.WORKSPACE, grant.owner(), clock.instant(), grant.expiresAt())
                .claim(CLAIM_BUCKET, grant.bucket())
                .claim(CLAIM_ALLOW, grant.allow())
                .claim(CLAIM_WRITE, grant.write())
                .claim(CLAIM_MODE, grant.mode());
        if (grant.buildId() != null) {
            claims.claim(CLAIM_BUILD, grant.buildId());
        }
        return sign(claims.build());
    }

    public String llmToken(LlmGrant grant) {
        JWTClaimsSet.Builder claims = base(Audience.LLM, grant.owner(), clock.instant(), grant.expiresAt())
                .claim(CLAIM_MODELS, grant.models())
                // A string keeps the exact decimal (JSON numbers would go through double).
                .claim(CLAIM_MAX_BUDGET, grant.maxBudgetUsd().toPlainString())
                .claim(CLAIM_RPM, grant.requestsPerMinute())
                .claim(CLAIM_TPM, grant.tokensPerMinute());
        if (grant.buildId() != null) {
            claims.claim(CLAIM_BUILD, grant.buildId());
        }
        return sign(claims.build());
    }

    private JWTClaimsSet.Builder base(Audience audience, String subject, Instant now, Instant expiresAt) {
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience.wire())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
