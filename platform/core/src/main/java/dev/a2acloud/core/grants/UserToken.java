package dev.a2acloud.core.grants;

import java.time.Instant;
import java.util.Objects;

/** The verified content of a control-plane JWT: which user, until when. */
public record UserToken(String userId, Instant expiresAt) {
    public UserToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
