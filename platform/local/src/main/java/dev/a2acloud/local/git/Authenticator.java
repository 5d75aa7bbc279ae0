package dev.a2acloud.local.git;

/**
 * Decides who may read or push an agent repository on the embedded git server. The platform wires one that accepts
 * the service token and control-plane JWTs of the repository's owner (docs/contracts.md, "/git/{owner}/{agent}.git").
 */
@FunctionalInterface
public interface Authenticator {
    enum Access { READ, WRITE }

    enum Decision {
        ALLOWED,
        /** Unknown, expired or malformed credentials: answered 401 so the client asks again. */
        UNAUTHENTICATED,
        /** Known caller without access to this repository: 403. */
        FORBIDDEN
    }

    /** @param password the basic-auth password (a token); the user name is ignored */
    Decision check(String password, String owner, String agent, Access access);
}
