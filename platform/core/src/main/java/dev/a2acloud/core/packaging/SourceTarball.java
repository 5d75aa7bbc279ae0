package dev.a2acloud.core.packaging;

import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.workspace.TarballEntry;
import dev.a2acloud.core.workspace.TarballLimits;
import dev.a2acloud.core.workspace.TarballReader;
import dev.a2acloud.core.workspace.TarballWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reproducible source tarball of an agent project. The same tree always gives the same bytes — entries sorted
 * by the UTF-8 bytes of their paths, regular files only, mode 0644, mtime 0, uid/gid 0 without names, PAX headers for
 * long names, gzip with mtime 0 at level 6 — and builder state ({@code .a2a/}) is never part of it.
 *
 * <p>{@link #digest()} is the platform's source digest (docs/contracts.md "Source digest"): sha256 over the files
 * themselves, each as {@code path, 0x00, length (8 bytes big-endian), content} in that order — the same function as
 * sandbox-validate's {@code SourceDigest.of(dir)}, and independent of how gzip happens to compress (a different zlib
 * must not make a validated project unshippable). {@link #tarballDigest()} is the digest of the bytes, which is what
 * the artifact store addresses.
 */
public final class SourceTarball {
    /** Builder state: never packaged, never committed. */
    public static final String BUILDER_STATE = ".a2a/";

    /** Paths in the byte order of their UTF-8 encoding, the order of the digest and of the tar entries. */
    static final Comparator<String> PATH_ORDER = TarballWriter.UTF8_ORDER;

    private final SortedMap<String, byte[]> files;
    private final byte[] bytes;
    private final String digest;
    private final String tarballDigest;

    private SourceTarball(SortedMap<String, byte[]> files) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.bytes = write(files);
        this.digest = contentDigest(files);
        this.tarballDigest = Digests.sha256(bytes);
    }

    /** From project files (relative path → bytes); {@code .a2a/} entries are dropped. */
    public static SourceTarball of(Map<String, byte[]> projectFiles) {
        SortedMap<String, byte[]> kept = new TreeMap<>(PATH_ORDER);
        projectFiles.forEach((path, data) -> {
            String normal = normalise(path);
            if (!isBuilderState(normal)) {
                if (kept.put(normal, data) != null) {
                    throw PackagingException.permanent("the project names '" + normal + "' twice; remove one");
                }
            }
        });
        if (kept.isEmpty()) {
            throw PackagingException.permanent("the project has no files outside " + BUILDER_STATE
                    + "; there is nothing to package");
        }
        return new SourceTarball(kept);
    }

    /**
     * From a project directory on disk. Regular files only: a symbolic link or special file is refused (its target
     * would not be part of the digest); times, owners and permissions on disk do not matter.
     */
    public static SourceTarball ofDirectory(Path root) {
        SortedMap<String, byte[]> files = new TreeMap<>(PATH_ORDER);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isBuilderState(relative(root, dir) + "/")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String path = relative(root, file);
                    if (!attrs.isRegularFile()) {
                        throw PackagingException.permanent("'" + path + "' is not a regular file (a link or special"
                                + " file); replace it with the file itself");
                    }
                    files.put(path, Files.readAllBytes(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw PackagingException.retryable("cannot read the project at " + root + ": " + e.getMessage(), e);
        }
        return of(files);
    }

    /**
     * Reads a source tarball back (e.g. the {@code source} artifact in git-commit) with the workspace's checked
     * reader: size, entry count, path and link limits apply before anything is kept.
     */
    public static SourceTarball unpack(byte[] tarGz) {
        Map<String, byte[]> files = new java.util.HashMap<>();
        try {
            for (TarballEntry entry : new TarballReader(TarballLimits.DEFAULT).read(new ByteArrayInputStream(tarGz))) {
                files.put(entry.path(), entry.data());
            }
        } catch (RuntimeException e) {
            if (e instanceof PackagingException p) {
                throw p;
            }
            throw new PackagingException("the source tarball cannot be read: " + e.getMessage()
                    + "; package the build again", false, e);
        }
        return of(files);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The source digest, {@code sha256:<hex>} over the files (see the class comment). */
    public String digest() {
        return digest;
    }

    /** {@code sha256:<hex>} of {@link #bytes()}: the source artifact's address. */
    public String tarballDigest() {
        return tarballDigest;
    }

    static String contentDigest(SortedMap<String, byte[]> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(8).putLong(file.getValue().length).array());
            sha.update(file.getValue());
        }
        return Digests.PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    /** The packaged files, sorted, without builder state. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    static boolean isBuilderState(String path) {
        return path.equals(".a2a") || path.startsWith(BUILDER_STATE);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String normalise(String path) {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.indexOf('\0') >= 0
                || ("/" + p + "/").contains("/../") || ("/" + p + "/").contains("/./") || p.contains("//")) {
            throw PackagingException.permanent("'" + path + "' is not a relative file path inside the project;"
                    + " rename it");
        }
        return p;
    }

    private static byte[] write(SortedMap<String, byte[]> files) {
        return TarballWriter.write(files.entrySet().stream()
                .map(file -> new TarballEntry(file.getKey(), file.getValue())).toList());
    }
}
