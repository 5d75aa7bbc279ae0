package dev.a2acloud.core.artifacts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The platform's one digest format: {@code sha256:<64 lower-case hex>}. */
public final class Digests {
    public static final String PREFIX = "sha256:";
    private static final Pattern VALID = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    public static String sha256(byte[] data) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static boolean isValid(String digest) {
        return digest != null && VALID.matcher(digest).matches();
    }

    /** The 64 hex characters, after checking the whole digest. */
    public static String hex(String digest) {
        if (!isValid(digest)) {
            throw new ArtifactException("'" + (digest == null ? "" : digest.length() > 80 ? digest.substring(0, 80)
                    : digest) + "' is not a digest; use sha256:<64 lower-case hex digits>", false);
        }
        return digest.substring(PREFIX.length());
    }
}
