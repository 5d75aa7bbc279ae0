package dev.a2acloud.core.grants;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Optional;

/** Where a verifier finds the public key for a {@code kid}: our own key ring, or a JWKS fetched from the platform. */
public interface VerificationKeys {
    Optional<ECKey> publicKey(String kid);
}
