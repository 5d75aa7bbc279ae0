package dev.a2acloud.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic CloudEvent ids ({@code docs/contracts.md}): {@code {buildId}.{shortType}.{attempt}}, plus
 * {@code .{continuation}} for {@code requested} and a content digest for {@code progress}. A step that is
 * redelivered its input therefore replies with the same id, and consumers can de-duplicate on it.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(BuildEvent event) {
        String base = event.buildId() + "." + event.type().shortName() + "." + event.attempt();
        return switch (event) {
            case BuildRequested r -> base + "." + r.continuation();
            // Progress has no natural sequence that survives a redelivery; the digest of what it says does.
            case BuildProgress p -> base + "." + digest(p.step() + "\n" + p.kind() + "\n" + p.message());
            default -> base;
        };
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
