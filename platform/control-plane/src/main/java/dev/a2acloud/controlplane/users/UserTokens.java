package dev.a2acloud.controlplane.users;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.auth.Tokens;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.stereotype.Service;

/**
 * Creates local users and issues their control-plane tokens. {@code a2a up} calls {@link #createLocalUser} on
 * first start and {@link #issueToken} on later starts; in a cluster an operator does it through {@code POST /v1/users}
 * with the service token.
 */
@Service
public class UserTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration ttl;

    public UserTokens(UserStore users, Tokens tokens, Clock clock, ControlPlaneProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
        this.ttl = properties.userTokenTtl();
    }

    /** A new user (id {@code u-<12 hex>}, also their bucket name) and a token for them. */
    public IssuedUser createLocalUser(String displayName) {
        String name = displayName == null || displayName.isBlank() ? "local" : displayName.strip();
        if (name.length() > 200) {
            throw ApiException.badRequest("invalid_name", "a user name is at most 200 characters", "name");
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        UserStore.User user = new UserStore.User("u-" + HexFormat.of().formatHex(random), name, clock.instant());
        users.insert(user);
        return new IssuedUser(user.id(), user.name(), issueToken(user.id()));
    }

    /** A fresh token for an existing user. */
    public String issueToken(String userId) {
        if (!users.exists(userId)) {
            throw ApiException.notFound("user " + userId);
        }
        return tokens.userToken(userId, ttl);
    }

    public String issueToken(String userId, Duration tokenTtl) {
        if (!users.exists(userId)) {
            throw ApiException.notFound("user " + userId);
        }
        return tokens.userToken(userId, tokenTtl);
    }

    /** A user and a token for them. */
    public record IssuedUser(String userId, String name, String token) {
    }
}
