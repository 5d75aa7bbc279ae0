package dev.a2acloud.controlplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The pipeline steps' shared credential (A2A_SERVICE_TOKEN). Configured in a cluster (a Secret); minted at start when
 * embedded, where the assembly hands {@link #value()} to the in-process steps.
 */
public final class ServiceToken {
    private final String value;

    private ServiceToken(String value) {
        this.value = value;
    }

    public static ServiceToken configuredOrGenerated(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new ServiceToken(configured.strip());
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new ServiceToken("a2a-svc-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    public String value() {
        return value;
    }

    /** Constant-time, so the comparison leaks nothing about the token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ServiceToken[redacted]";
    }
}
