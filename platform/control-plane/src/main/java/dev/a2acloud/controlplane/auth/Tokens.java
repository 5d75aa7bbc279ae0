package dev.a2acloud.controlplane.auth;

import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.core.grants.GrantIssuer;
import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.core.grants.LlmGrant;
import dev.a2acloud.core.grants.SigningKeys;
import dev.a2acloud.core.grants.UserToken;
import dev.a2acloud.core.grants.WorkspaceGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The control plane's token desk: issues and verifies with the key ring, rotating the signing key when it is older
 * than the configured age (retired keys keep verifying for the longest token lifetime).
 */
public final class Tokens {
    private final SigningKeys keys;
    private final GrantIssuer issuer;
    private final GrantVerifier verifier;
    private final Clock clock;
    private final Duration rotateAfter;

    public Tokens(SigningKeys keys, ControlPlaneProperties properties, Clock clock) {
        this.keys = keys;
        this.issuer = new GrantIssuer(keys, properties.issuer(), clock);
        this.verifier = new GrantVerifier(keys, properties.issuer(), clock);
        this.clock = clock;
        this.rotateAfter = properties.keyRotation();
    }

    public String userToken(String userId, Duration ttl) {
        rotateIfDue();
        return issuer.userToken(userId, ttl);
    }

    public String workspaceToken(WorkspaceGrant grant) {
        rotateIfDue();
        return issuer.workspaceToken(grant);
    }

    public String llmToken(LlmGrant grant) {
        rotateIfDue();
        return issuer.llmToken(grant);
    }

    public UserToken verifyUser(String token) {
        return verifier.verifyUser(token);
    }

    public WorkspaceGrant verifyWorkspace(String token) {
        return verifier.verifyWorkspace(token);
    }

    public LlmGrant verifyLlm(String token) {
        return verifier.verifyLlm(token);
    }

    public String jwksJson() {
        return keys.jwksJson();
    }

    private void rotateIfDue() {
        var current = keys.current();
        Instant issued = current.getIssueTime() == null ? Instant.EPOCH : current.getIssueTime().toInstant();
        if (issued.plus(rotateAfter).isBefore(clock.instant())) {
            synchronized (keys) {
                if (keys.current() == current) {
                    keys.rotate();
                }
            }
        }
    }
}
