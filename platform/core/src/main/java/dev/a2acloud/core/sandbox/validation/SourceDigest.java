package dev.a2acloud.core.sandbox.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The digest of a project's source, independent of how it is archived: sha256 over the regular files of the project
 * in byte order of their relative paths ({@code /}-separated, UTF-8), excluding the builder's {@code .a2a/} folder.
 * Each file contributes {@code path, 0x00, length as 8 bytes big-endian, content}. Package and anyone else who checks
 * "is this still what was validated" computes it with this class. Result: {@code sha256:<64 hex>}.
 */
public final class SourceDigest {
    static final String BUILDER_STATE = ".a2a";

    private SourceDigest() {
    }

    public static String of(Path projectDir) {
        List<Path> files = files(projectDir);
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (Path file : files) {
            String rel = relative(projectDir, file);
            try {
                sha.update(rel.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(ByteBuffer.allocate(8).putLong(Files.size(file)).array());
                try (InputStream in = Files.newInputStream(file)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                throw new ValidationException("cannot read " + rel + " to digest the project: " + e.getMessage(), e);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The project's regular files (no folders, no links), excluding {@code .a2a/}, in digest order. */
    public static List<Path> files(Path projectDir) {
        try (Stream<Path> walk = Files.walk(projectDir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !projectDir.relativize(p).startsWith(BUILDER_STATE))
                    .sorted((a, b) -> compareBytes(relative(projectDir, a), relative(projectDir, b)))
                    .toList();
        } catch (IOException e) {
            throw new ValidationException("cannot list the project " + projectDir + ": " + e.getMessage(), e);
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
