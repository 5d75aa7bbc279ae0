package dev.a2acloud.local.git;

import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.events.PlatformException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform's rule for the embedded git server (docs/contracts.md): the service token may read and push every
 * repository; a control-plane JWT may read and push its own user's repositories and gets 403 elsewhere; anything else
 * is asked to authenticate again.
 */
public final class PlatformTokenAuthenticator implements Authenticator {
    /** The user id of a valid control-plane token, empty when the token is not one. */
    public interface UserTokens {
        Optional<String> userOf(String token);
    }

    private final Supplier<String> serviceToken;
    private final UserTokens users;

    public PlatformTokenAuthenticator(Supplier<String> serviceToken, UserTokens users) {
        this.serviceToken = serviceToken;
        this.users = users;
    }

    /** With the control plane's verifier: a token is a user's when it verifies as a user token. */
    public static PlatformTokenAuthenticator withVerifier(Supplier<String> serviceToken, GrantVerifier verifier) {
        return new PlatformTokenAuthenticator(serviceToken, token -> {
            try {
                return Optional.of(verifier.verifyUser(token).userId());
            } catch (PlatformException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Decision check(String password, String owner, String agent, Access access) {
        String service = serviceToken.get();
        // Constant time: the comparison must not tell an attacker how much of the token was right.
        if (service != null && !service.isEmpty() && MessageDigest.isEqual(
                service.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return Decision.ALLOWED;
        }
        return users.userOf(password)
                .map(user -> user.equals(owner) ? Decision.ALLOWED : Decision.FORBIDDEN)
                .orElse(Decision.UNAUTHENTICATED);
    }
}
