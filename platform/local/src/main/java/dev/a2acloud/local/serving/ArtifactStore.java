package dev.a2acloud.local.serving;

import dev.a2acloud.core.serving.ServingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Agent jars by digest, downloaded from {@code A2A_ARTIFACT_URI} (the control plane's {@code GET /v1/artifacts/…})
 * and kept only when their sha256 equals the declared digest — nothing unverified is ever loaded.
 */
public final class ArtifactStore {
    private final Path dir;
    private final HttpClient http;
    private final Supplier<Optional<String>> bearerToken;

    public ArtifactStore(Path dir, HttpClient http, Supplier<Optional<String>> bearerToken) {
        this.dir = dir;
        this.http = http;
        this.bearerToken = bearerToken;
    }

    /** The verified jar for {@code digest} ({@code sha256:<hex>}), downloaded from {@code uri} when not cached. */
    public synchronized Path fetch(String uri, String digest) {
        String hex = digest.substring("sha256:".length());
        Path target = dir.resolve(hex + ".jar");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && hex.equals(sha256(target))) {
                return target;
            }
            Path partial = Files.createTempFile(dir, hex, ".part");
            try {
                String actual = download(URI.create(uri), partial);
                if (!actual.equals(hex)) {
                    throw new ServingException("artifact " + uri + " has sha256:" + actual + " but the manifest declares "
                            + digest + "; redeploy with the digest the control plane returned for it", false);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new ServingException("cannot fetch artifact " + uri + ": " + e.getMessage()
                    + "; check that the control plane is reachable", true, e);
        } catch (IllegalArgumentException e) {
            throw new ServingException("artifact URI '" + uri + "' is not a valid URI", false, e);
        }
    }

    private String download(URI uri, Path into) throws IOException {
        if ("file".equals(uri.getScheme())) {
            try (InputStream in = Files.newInputStream(Path.of(uri))) {
                return copyHashing(in, into);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET();
        bearerToken.get().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    boolean retryable = response.statusCode() >= 500 || response.statusCode() == 429;
                    throw new ServingException("artifact " + uri + " answered HTTP " + response.statusCode()
                            + (retryable ? "; will retry" : "; check the URI and the service token"), retryable);
                }
                return copyHashing(in, into);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException("interrupted while fetching " + uri, true, e);
        }
    }

    private static String copyHashing(InputStream in, Path into) throws IOException {
        MessageDigest sha = sha256Digest();
        try (DigestInputStream digesting = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(into)) {
            digesting.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
