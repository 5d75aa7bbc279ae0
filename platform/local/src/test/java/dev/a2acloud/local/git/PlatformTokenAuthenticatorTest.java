package dev.a2acloud.local.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a2acloud.local.git.Authenticator.Access;
import dev.a2acloud.local.git.Authenticator.Decision;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformTokenAuthenticatorTest {
    private final PlatformTokenAuthenticator auth = new PlatformTokenAuthenticator(() -> "service-token",
            token -> Optional.ofNullable(Map.of("jwt-of-u1", "u-1").get(token)));

    @Test
    void serviceTokenReachesEveryRepository() {
        assertEquals(Decision.ALLOWED, auth.check("service-token", "u-9", "echo", Access.WRITE));
    }

    @Test
    void aUserReachesOnlyTheirOwnRepositories() {
        assertEquals(Decision.ALLOWED, auth.check("jwt-of-u1", "u-1", "echo", Access.READ));
        assertEquals(Decision.ALLOWED, auth.check("jwt-of-u1", "u-1", "echo", Access.WRITE));
        assertEquals(Decision.FORBIDDEN, auth.check("jwt-of-u1", "u-2", "echo", Access.READ));
    }

    @Test
    void anythingElseMustAuthenticate() {
        assertEquals(Decision.UNAUTHENTICATED, auth.check("service-toke", "u-1", "echo", Access.READ));
        assertEquals(Decision.UNAUTHENTICATED, auth.check("", "u-1", "echo", Access.READ));
        assertEquals(Decision.UNAUTHENTICATED, new PlatformTokenAuthenticator(() -> "", t -> Optional.empty())
                .check("", "u-1", "echo", Access.READ));
    }
}
