package dev.a2acloud.cli.up;

import dev.a2acloud.pack.PackClasspath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The embedded platform's stand-in for the agent runtime image: the pack runtime classpath this JVM runs agents
 * with, named by the sha256 of its contents, so {@code deploy/service.yaml} pins the runtime by digest here too and
 * a commit says exactly which runtime served it.
 */
final class LocalRuntimeImage {
    static final String REPOSITORY = "local/a2a-agent-runtime";

    private LocalRuntimeImage() {
    }

    static String reference() {
        return REPOSITORY + "@sha256:" + digest(PackClasspath.entries());
    }

    static String digest(List<Path> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                            update(sha, entry.relativize(file).toString(), file);
                        }
                    }
                } else if (Files.isRegularFile(entry)) {
                    update(sha, entry.getFileName().toString(), entry);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the pack runtime classpath to pin its digest", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String name, Path file) throws IOException {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
        }
    }
}
