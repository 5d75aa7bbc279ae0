package dev.a2acloud.core.grants;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The control plane's ES256 key ring. One key signs; after {@link #rotate()} the previous keys keep verifying until
 * their {@code exp} (set at rotation to now + the longest token lifetime), so tokens already handed out stay valid.
 * With a file, the ring survives restarts (the file holds private keys: owner-only permissions).
 */
public final class SigningKeys implements VerificationKeys {
    static final String FILE_NAME = "signing-keys.jwks.json";

    private final Clock clock;
    private final Duration verifyAfterRotation;
    private final Path file;
    private List<ECKey> keys;

    private SigningKeys(Clock clock, Duration verifyAfterRotation, Path file, List<ECKey> keys) {
        this.clock = clock;
        this.verifyAfterRotation = verifyAfterRotation;
        this.file = file;
        this.keys = keys;
    }

    /** A ring that lives only as long as this object: for tests and throw-away platforms. */
    public static SigningKeys inMemory(Clock clock, Duration verifyAfterRotation) {
        SigningKeys ring = new SigningKeys(clock, verifyAfterRotation, null, new ArrayList<>());
        ring.rotate();
        return ring;
    }

    /** Loads the ring from {@code directory} (created if missing) or starts one there. */
    public static SigningKeys inDirectory(Path directory, Clock clock, Duration verifyAfterRotation) {
        Path file = directory.resolve(FILE_NAME);
        List<ECKey> loaded = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                JWKSet set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
                for (JWK jwk : set.getKeys()) {
                    if (jwk instanceof ECKey ec && ec.isPrivate()) {
                        loaded.add(ec);
                    }
                }
            }
        } catch (IOException | ParseException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE,
                    "cannot read the signing keys in " + directory + "; fix or remove " + FILE_NAME
                            + " (tokens signed with the lost keys stop verifying)", e);
        }
        SigningKeys ring = new SigningKeys(clock, verifyAfterRotation, file, loaded);
        synchronized (ring) {
            ring.pruneExpired();
            if (ring.currentOrNull() == null) {
                ring.rotate();
            } else {
                ring.save();
            }
        }
        return ring;
    }

    /** The key that signs new tokens. */
    public synchronized ECKey current() {
        ECKey current = currentOrNull();
        if (current == null) {
            throw new IllegalStateException("no signing key");
        }
        return current;
    }

    /** Starts signing with a fresh key; the old ones verify until now + the rotation grace. */
    public synchronized ECKey rotate() {
        Instant now = clock.instant();
        List<ECKey> next = new ArrayList<>();
        for (ECKey key : keys) {
            if (key.getExpirationTime() == null) {
                next.add(new ECKey.Builder(key).expirationTime(Date.from(now.plus(verifyAfterRotation))).build());
            } else {
                next.add(key);
            }
        }
        try {
            ECKey fresh = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(now))
                    .generate();
            next.add(fresh);
            keys = next;
            pruneExpired();
            save();
            return fresh;
        } catch (JOSEException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE, "cannot generate a signing key", e);
        }
    }

    @Override
    public synchronized Optional<ECKey> publicKey(String kid) {
        Instant now = clock.instant();
        return keys.stream()
                .filter(k -> k.getKeyID().equals(kid))
                .filter(k -> k.getExpirationTime() == null || now.isBefore(k.getExpirationTime().toInstant()))
                .map(ECKey::toPublicJWK)
                .findFirst();
    }

    /** The public JWKS document served at {@code /.well-known/jwks.json}: every key that still verifies. */
    public synchronized String jwksJson() {
        Instant now = clock.instant();
        List<JWK> visible = keys.stream()
                .filter(k -> k.getExpirationTime() == null || now.isBefore(k.getExpirationTime().toInstant()))
                .map(k -> (JWK) k.toPublicJWK())
                .toList();
        return new JWKSet(visible).toString(true);
    }

    private ECKey currentOrNull() {
        return keys.stream().filter(k -> k.getExpirationTime() == null)
                .max(Comparator.comparing(k -> k.getIssueTime() == null ? new Date(0) : k.getIssueTime()))
                .orElse(null);
    }

    private void pruneExpired() {
        Instant now = clock.instant();
        keys = new ArrayList<>(keys.stream()
                .filter(k -> k.getExpirationTime() == null || now.isBefore(k.getExpirationTime().toInstant()))
                .toList());
    }

    private void save() {
        if (file == null) {
            return;
        }
        String json = new JWKSet(new ArrayList<JWK>(keys)).toString(false);
        try {
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system (Windows): the home directory's ACL protects the file.
            }
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new GrantException(GrantException.Refusal.UNAVAILABLE,
                    "cannot save the signing keys to " + file.getParent() + "; check that it is writable", e);
        }
    }
}
