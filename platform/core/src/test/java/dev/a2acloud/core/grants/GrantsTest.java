package dev.a2acloud.core.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrantsTest {
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final SigningKeys KEYS = SigningKeys.inMemory(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
    static final GrantIssuer ISSUER = new GrantIssuer(KEYS, "a2a-cloud", Clock.fixed(NOW, ZoneOffset.UTC));
    static final GrantVerifier VERIFIER = new GrantVerifier(KEYS, "a2a-cloud", Clock.fixed(NOW, ZoneOffset.UTC));

    static String workspaceToken() {
        return ISSUER.workspaceToken(WorkspaceGrant.forAgent("u-alice", "echo", "b-1", NOW.plusSeconds(600)));
    }

    /** The refusal table: each hostile token, the verification it is offered to, the expected reason. */
    static Stream<Arguments> refusals() throws Exception {
        String good = workspaceToken();
        String[] parts = good.split("\\.");
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(KEYS.current().getKeyID()).generate();
        ECKey unknownKid = new ECKeyGenerator(Curve.P_256).keyID("nobody-knows-me").generate();
        JWTClaimsSet claims = SignedJWT.parse(good).getJWTClaimsSet();
        String tamperedPayload = Base64URL.encode(claims.toString().replace("agents/echo/", "agents/other/")
                .getBytes(StandardCharsets.UTF_8)).toString();
        return Stream.of(
                Arguments.of("empty", "", verifyWorkspace(), GrantException.Refusal.MALFORMED),
                Arguments.of("garbage", "not.a.jwt", verifyWorkspace(), GrantException.Refusal.MALFORMED),
                Arguments.of("alg none", new PlainJWT(claims).serialize(), verifyWorkspace(),
                        GrantException.Refusal.ALG_NONE),
                Arguments.of("alg none, signature kept", "eyJhbGciOiJub25lIn0." + parts[1] + "." + parts[2],
                        verifyWorkspace(), GrantException.Refusal.ALG_NONE),
                Arguments.of("HS256 keyed with the public key (algorithm confusion)",
                        hs256(claims, KEYS.current().toPublicJWK().toJSONString()), verifyWorkspace(),
                        GrantException.Refusal.UNSUPPORTED_ALG),
                Arguments.of("signed by a stranger with our kid", sign(claims, stranger), verifyWorkspace(),
                        GrantException.Refusal.BAD_SIGNATURE),
                Arguments.of("payload altered", parts[0] + "." + tamperedPayload + "." + parts[2], verifyWorkspace(),
                        GrantException.Refusal.BAD_SIGNATURE),
                Arguments.of("signature stripped", parts[0] + "." + parts[1] + ".", verifyWorkspace(),
                        GrantException.Refusal.MALFORMED),
                Arguments.of("unknown kid", sign(claims, unknownKid), verifyWorkspace(),
                        GrantException.Refusal.UNKNOWN_KID),
                Arguments.of("no kid", signWithoutKid(claims), verifyWorkspace(), GrantException.Refusal.UNKNOWN_KID),
                Arguments.of("workspace grant used as user token", good, verifyUser(),
                        GrantException.Refusal.WRONG_AUDIENCE),
                Arguments.of("user token used as workspace grant", ISSUER.userToken("u-alice", Duration.ofMinutes(5)),
                        verifyWorkspace(), GrantException.Refusal.WRONG_AUDIENCE),
                Arguments.of("llm grant used as workspace grant", llmToken(), verifyWorkspace(),
                        GrantException.Refusal.WRONG_AUDIENCE),
                Arguments.of("expired", ourSigned(new JWTClaimsSet.Builder(claims)
                                .expirationTime(Date.from(NOW.minusSeconds(120))).build()), verifyWorkspace(),
                        GrantException.Refusal.EXPIRED),
                Arguments.of("not yet valid", ourSigned(new JWTClaimsSet.Builder(claims)
                                .notBeforeTime(Date.from(NOW.plusSeconds(600))).build()), verifyWorkspace(),
                        GrantException.Refusal.NOT_YET_VALID),
                Arguments.of("no expiry", ourSigned(new JWTClaimsSet.Builder(claims).expirationTime(null).build()),
                        verifyWorkspace(), GrantException.Refusal.MISSING_CLAIM),
                Arguments.of("foreign issuer", ourSigned(new JWTClaimsSet.Builder(claims).issuer("evil").build()),
                        verifyWorkspace(), GrantException.Refusal.WRONG_ISSUER),
                Arguments.of("workspace grant without bucket", ourSigned(new JWTClaimsSet.Builder(claims)
                        .claim("bucket", null).build()), verifyWorkspace(), GrantException.Refusal.MISSING_CLAIM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, String token, Function<String, Object> verification,
                 GrantException.Refusal expected) {
        GrantException e = assertThrows(GrantException.class, () -> verification.apply(token));
        assertEquals(expected, e.refusal(), e.getMessage());
        assertFalse(e.getMessage().contains("\"d\""), "no private key material in messages");
        assertFalse(token.length() > 20 && e.getMessage().contains(token), "the token is not echoed");
    }

    @Test
    void outOfScopeUseIsRefusedWithTheReason() {
        WorkspaceGrant grant = VERIFIER.verifyWorkspace(workspaceToken());
        assertTrue(grant.mayRead("agents/echo/a2a.yaml"));
        assertTrue(grant.mayWrite("agents/echo/agent/Agent.java"));
        GrantException read = assertThrows(GrantException.class, () -> grant.checkRead("agents/other/a2a.yaml"));
        assertEquals(GrantException.Refusal.OUT_OF_SCOPE, read.refusal());
        assertThrows(GrantException.class, () -> grant.checkWrite("agents/echo"));
        assertThrows(GrantException.class, () -> grant.checkWrite("agents/echoes/x"));
        LlmGrant llm = VERIFIER.verifyLlm(llmToken());
        llm.checkModel("gpt-small");
        GrantException model = assertThrows(GrantException.class, () -> llm.checkModel("gpt-huge"));
        assertEquals(GrantException.Refusal.OUT_OF_SCOPE, model.refusal());
    }

    @Test
    void grantsRoundTripTheirClaims() {
        WorkspaceGrant grant = VERIFIER.verifyWorkspace(workspaceToken());
        assertEquals("u-alice", grant.owner());
        assertEquals("u-alice", grant.bucket());
        assertEquals(List.of("agents/echo/**"), grant.allow());
        assertEquals(List.of("agents/echo/"), grant.write());
        assertEquals(WorkspaceGrant.MODE_READ_WRITE_OVERLAY, grant.mode());
        assertEquals("b-1", grant.buildId());
        LlmGrant llm = VERIFIER.verifyLlm(llmToken());
        assertEquals(new BigDecimal("2.50"), llm.maxBudgetUsd());
        assertEquals(30, llm.requestsPerMinute());
        assertEquals(1000, llm.tokensPerMinute());
        assertEquals("u-alice", VERIFIER.verifyUser(ISSUER.userToken("u-alice", Duration.ofMinutes(5))).userId());
    }

    @Test
    void patternsMatchOnlyWhatTheySay() {
        assertTrue(WorkspaceGrant.matches("agents/echo/**", "agents/echo/a/b/c"));
        assertFalse(WorkspaceGrant.matches("agents/echo/**", "agents/echoes/a"));
        assertTrue(WorkspaceGrant.matches("agents/*/a2a.yaml", "agents/echo/a2a.yaml"));
        assertFalse(WorkspaceGrant.matches("agents/*/a2a.yaml", "agents/echo/x/a2a.yaml"));
        assertFalse(WorkspaceGrant.matches("agents/echo/**", "agents/echo"));
    }

    @Test
    void rotatedKeysVerifyUntilTheirGraceEndsAndArePersisted(@TempDir Path home) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        SigningKeys ring = SigningKeys.inDirectory(home.resolve("keys"), clock, Duration.ofHours(1));
        GrantIssuer issuer = new GrantIssuer(ring, "a2a-cloud", clock);
        String before = issuer.userToken("u-bob", Duration.ofMinutes(50));
        String oldKid = ring.current().getKeyID();
        ring.rotate();
        String after = issuer.userToken("u-bob", Duration.ofMinutes(50));
        assertFalse(SignedJWT.parse(after).getHeader().getKeyID().equals(oldKid));
        GrantVerifier verifier = new GrantVerifier(ring, "a2a-cloud", clock);
        assertEquals("u-bob", verifier.verifyUser(before).userId());

        // A restart reads the same ring: both tokens still verify, and the JWKS lists both public keys only.
        SigningKeys reloaded = SigningKeys.inDirectory(home.resolve("keys"), clock, Duration.ofHours(1));
        GrantVerifier afterRestart = new GrantVerifier(reloaded, "a2a-cloud", clock);
        assertEquals("u-bob", afterRestart.verifyUser(before).userId());
        assertEquals("u-bob", afterRestart.verifyUser(after).userId());
        String jwks = reloaded.jwksJson();
        assertTrue(jwks.contains(oldKid));
        assertFalse(jwks.contains("\"d\""), "JWKS must hold public keys only");
        String file = Files.readString(home.resolve("keys").resolve(SigningKeys.FILE_NAME));
        assertTrue(file.contains("\"d\""), "the private ring is persisted");

        // Past the grace the retired key is gone: its token is refused as signed by an unknown key.
        clock.set(NOW.plus(Duration.ofMinutes(61)));
        GrantException e = assertThrows(GrantException.class, () -> verifier.verifyUser(before));
        assertTrue(e.refusal() == GrantException.Refusal.UNKNOWN_KID || e.refusal() == GrantException.Refusal.EXPIRED);
        // A verifier fed only the published JWKS verifies the current key's tokens.
        GrantVerifier remote = new GrantVerifier(JwksKeys.parse(reloaded.jwksJson()), "a2a-cloud",
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals("u-bob", remote.verifyUser(after).userId());
    }

    private static Function<String, Object> verifyWorkspace() {
        return VERIFIER::verifyWorkspace;
    }

    private static Function<String, Object> verifyUser() {
        return VERIFIER::verifyUser;
    }

    private static String llmToken() {
        return ISSUER.llmToken(new LlmGrant("u-alice", List.of("gpt-small"), new BigDecimal("2.50"), 30, 1000, "b-1",
                NOW.plusSeconds(600)));
    }

    private static String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static String ourSigned(JWTClaimsSet claims) throws Exception {
        return sign(claims, KEYS.current());
    }

    private static String signWithoutKid(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
        jwt.sign(new ECDSASigner(KEYS.current()));
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(KEYS.current().getKeyID()).build(), claims);
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
