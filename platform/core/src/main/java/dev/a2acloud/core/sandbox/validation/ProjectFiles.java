package dev.a2acloud.core.sandbox.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import dev.a2acloud.core.sandbox.SafeArchive;
import dev.a2acloud.core.sandbox.SandboxException;

/**
 * Brings a project into a fresh folder safely: from a tar.gz (every entry checked before anything is written: size,
 * count, path, type) or by copying a local project folder (regular files only, never following links).
 */
final class ProjectFiles {
    static final long MAX_TOTAL_BYTES = SafeArchive.MAX_TOTAL_BYTES;
    static final int MAX_ENTRIES = SafeArchive.MAX_ENTRIES;

    private ProjectFiles() {
    }

    static void unpackTarGz(InputStream archive, Path dest) {
        try {
            SafeArchive.unpack(archive, dest, false);
        } catch (SandboxException e) {
            throw new Rejection("the project archive was refused: " + e.getMessage());
        }
    }

    static String checkedName(String raw) {
        try {
            return SafeArchive.checkedName(raw);
        } catch (SandboxException e) {
            throw new Rejection(e.getMessage());
        }
    }

    /** Copies regular files of {@code source} (except {@code .a2a/}) into {@code dest}; refuses links. */
    static void copyProject(Path source, Path dest) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new Rejection("the project folder " + source + " does not exist");
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            private long total;
            private int count;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = source.relativize(dir);
                if (rel.startsWith(SourceDigest.BUILDER_STATE)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dest.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = SourceDigest.relative(source, file);
                if (!attrs.isRegularFile() || Files.isSymbolicLink(file)) {
                    throw new Rejection("'" + rel + "' is a link or special file; a project holds regular files only");
                }
                total += attrs.size();
                if (++count > MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
                    throw new Rejection("the project is larger than " + MAX_ENTRIES + " files or "
                            + (MAX_TOTAL_BYTES >> 20) + " MiB");
                }
                Files.copy(file, dest.resolve(rel), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
