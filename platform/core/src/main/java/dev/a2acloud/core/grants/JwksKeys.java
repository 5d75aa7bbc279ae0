package dev.a2acloud.core.grants;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Verification keys from a JWKS document (e.g. fetched from {@code /.well-known/jwks.json}); public keys only. */
public final class JwksKeys implements VerificationKeys {
    private final Map<String, ECKey> byKid;

    private JwksKeys(Map<String, ECKey> byKid) {
        this.byKid = byKid;
    }

    public static JwksKeys parse(String jwksJson) {
        try {
            return new JwksKeys(JWKSet.parse(jwksJson).getKeys().stream()
                    .filter(k -> k instanceof ECKey)
                    .map(k -> ((ECKey) k).toPublicJWK())
                    .collect(Collectors.toUnmodifiableMap(JWK::getKeyID, k -> k, (a, b) -> a)));
        } catch (ParseException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "the JWKS document is not valid JSON Web Keys");
        }
    }

    @Override
    public Optional<ECKey> publicKey(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
