package dev.a2acloud.cli.up;

import dev.a2acloud.controlplane.auth.ServiceToken;
import dev.a2acloud.controlplane.auth.Tokens;
import dev.a2acloud.core.grants.UserToken;
import dev.a2acloud.events.PlatformException;
import dev.a2acloud.local.git.Authenticator;

/**
 * Who may use the embedded git server (docs/contracts.md): the pipeline with the service token, anything; a user with
 * their control-plane token, their own repositories only; nobody else.
 */
final class GitAccess implements Authenticator {
    private final ServiceToken serviceToken;
    private final Tokens tokens;

    GitAccess(ServiceToken serviceToken, Tokens tokens) {
        this.serviceToken = serviceToken;
        this.tokens = tokens;
    }

    @Override
    public Decision check(String password, String owner, String agent, Access access) {
        if (serviceToken.matches(password)) {
            return Decision.ALLOWED;
        }
        UserToken user;
        try {
            user = tokens.verifyUser(password);
        } catch (PlatformException e) {
            return Decision.UNAUTHENTICATED;
        }
        return user.userId().equals(owner) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }
}
