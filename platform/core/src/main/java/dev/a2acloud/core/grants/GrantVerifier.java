package dev.a2acloud.core.grants;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies our tokens: ES256 only, known {@code kid}, good signature, our issuer, the expected audience, inside its
 * validity window (with a small clock skew allowance). Each refusal is a {@link GrantException} naming the reason.
 */
public final class GrantVerifier {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final VerificationKeys keys;
    private final String issuer;
    private final Clock clock;

    public GrantVerifier(VerificationKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    public UserToken verifyUser(String token) {
        JWTClaimsSet claims = verify(token, Audience.CONTROL_PLANE);
        return new UserToken(claims.getSubject(), claims.getExpirationTime().toInstant());
    }

    public WorkspaceGrant verifyWorkspace(String token) {
        JWTClaimsSet claims = verify(token, Audience.WORKSPACE);
        try {
            return new WorkspaceGrant(claims.getSubject(),
                    required(claims.getStringClaim(GrantIssuer.CLAIM_BUCKET), GrantIssuer.CLAIM_BUCKET),
                    required(claims.getStringListClaim(GrantIssuer.CLAIM_ALLOW), GrantIssuer.CLAIM_ALLOW),
                    required(claims.getStringListClaim(GrantIssuer.CLAIM_WRITE), GrantIssuer.CLAIM_WRITE),
                    required(claims.getStringClaim(GrantIssuer.CLAIM_MODE), GrantIssuer.CLAIM_MODE),
                    claims.getStringClaim(GrantIssuer.CLAIM_BUILD),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException e) {
            throw new GrantException(GrantException.Refusal.MISSING_CLAIM, "the workspace grant's claims are invalid");
        }
    }

    public LlmGrant verifyLlm(String token) {
        JWTClaimsSet claims = verify(token, Audience.LLM);
        try {
            List<String> models = required(claims.getStringListClaim(GrantIssuer.CLAIM_MODELS),
                    GrantIssuer.CLAIM_MODELS);
            String budget = required(claims.getStringClaim(GrantIssuer.CLAIM_MAX_BUDGET),
                    GrantIssuer.CLAIM_MAX_BUDGET);
            return new LlmGrant(claims.getSubject(), models, new BigDecimal(budget),
                    required(claims.getIntegerClaim(GrantIssuer.CLAIM_RPM), GrantIssuer.CLAIM_RPM),
                    required(claims.getIntegerClaim(GrantIssuer.CLAIM_TPM), GrantIssuer.CLAIM_TPM),
                    claims.getStringClaim(GrantIssuer.CLAIM_BUILD),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException e) {
            throw new GrantException(GrantException.Refusal.MISSING_CLAIM, "the LLM grant's claims are invalid");
        }
    }

    private JWTClaimsSet verify(String token, Audience audience) {
        if (token == null || token.isBlank()) {
            throw new GrantException(GrantException.Refusal.MALFORMED, "no token given");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new GrantException(GrantException.Refusal.MALFORMED, "token is longer than " + MAX_TOKEN_CHARS);
        }
        if (declaresAlgNone(token.strip())) {
            throw new GrantException(GrantException.Refusal.ALG_NONE, "tokens must be signed with ES256");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw new GrantException(GrantException.Refusal.MALFORMED, "pass a JWT issued by the control plane");
        }
        if (parsed instanceof PlainJWT) {
            throw new GrantException(GrantException.Refusal.ALG_NONE, "tokens must be signed with ES256");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw new GrantException(GrantException.Refusal.MALFORMED, "encrypted tokens are not accepted");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new GrantException(GrantException.Refusal.UNSUPPORTED_ALG,
                    "got " + header.getAlgorithm() + ", only ES256 is accepted");
        }
        String kid = header.getKeyID();
        ECKey key = kid == null ? null : keys.publicKey(kid).orElse(null);
        if (key == null) {
            throw new GrantException(GrantException.Refusal.UNKNOWN_KID,
                    "the key may have been retired; ask the control plane for a new token");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw new GrantException(GrantException.Refusal.BAD_SIGNATURE, "the token was altered or forged");
            }
        } catch (JOSEException e) {
            throw new GrantException(GrantException.Refusal.BAD_SIGNATURE, "the token was altered or forged");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new GrantException(GrantException.Refusal.MALFORMED, "the token's claims are not JSON");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new GrantException(GrantException.Refusal.WRONG_ISSUER, "expected issuer " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience.wire())) {
            throw new GrantException(GrantException.Refusal.WRONG_AUDIENCE,
                    "this call needs a token for '" + audience.wire() + "'");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new GrantException(GrantException.Refusal.MISSING_CLAIM, "the token names no subject");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new GrantException(GrantException.Refusal.MISSING_CLAIM, "the token has no expiry");
        }
        if (!now.minus(CLOCK_SKEW).isBefore(exp.toInstant())) {
            throw new GrantException(GrantException.Refusal.EXPIRED, "expired at " + exp.toInstant()
                    + "; ask for a new one");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
            throw new GrantException(GrantException.Refusal.NOT_YET_VALID, "valid from " + nbf.toInstant()
                    + "; check the clocks");
        }
        return claims;
    }

    /** Catches {@code alg: none} even when a signature part was left on (which the parser calls malformed). */
    private static boolean declaresAlgNone(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            com.nimbusds.jose.Header header = com.nimbusds.jose.Header.parse(
                    new com.nimbusds.jose.util.Base64URL(token.substring(0, dot)));
            return com.nimbusds.jose.Algorithm.NONE.equals(header.getAlgorithm());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static <T> T required(T value, String claim) {
        if (value == null) {
            throw new GrantException(GrantException.Refusal.MISSING_CLAIM, "claim '" + claim + "' is missing");
        }
        return value;
    }
}
