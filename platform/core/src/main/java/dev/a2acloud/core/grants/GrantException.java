package dev.a2acloud.core.grants;

import dev.a2acloud.events.PlatformException;

/**
 * A token was refused or could not be issued. {@link #refusal()} names why in a form a caller can branch on;
 * the message says what to do and never contains key material or the token itself.
 */
public final class GrantException extends PlatformException {
    private final Refusal refusal;

    public GrantException(Refusal refusal, String message) {
        super(refusal.describe() + ": " + message, refusal.retryable());
        this.refusal = refusal;
    }

    public GrantException(Refusal refusal, String message, Throwable cause) {
        super(refusal.describe() + ": " + message, refusal.retryable(), cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Why a token was refused. */
    public enum Refusal {
        MALFORMED("token is not a signed JWT"),
        ALG_NONE("unsigned token (alg none) refused"),
        UNSUPPORTED_ALG("signature algorithm not accepted"),
        UNKNOWN_KID("token was signed by an unknown key"),
        BAD_SIGNATURE("signature does not verify"),
        WRONG_ISSUER("token was issued by someone else"),
        WRONG_AUDIENCE("token is for another audience"),
        EXPIRED("token has expired"),
        NOT_YET_VALID("token is not valid yet"),
        MISSING_CLAIM("token lacks a required claim"),
        OUT_OF_SCOPE("request is outside the grant"),
        UNAUTHORIZED("credential refused"),
        NOT_FOUND("no such build"),
        REFUSED("the control plane refused the build"),
        UNAVAILABLE("grant service unavailable");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        public String describe() {
            return description;
        }

        /** A build not recorded yet may be recorded in a moment (see GrantExchangeClient); the rest stay refused. */
        public boolean retryable() {
            return this == UNAVAILABLE || this == NOT_FOUND;
        }
    }
}
