package dev.a2acloud.core.sandbox.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Brings a project into a fresh folder safely: from a tar.gz (every entry checked before anything is written: size,
 * count, path, type) or by copying a local project folder (regular files only, never following links).
 */
final class ProjectFiles {
    static final long MAX_TOTAL_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_PATH = 1024;
    static final int MAX_NAME = 255;

    private ProjectFiles() {
    }

    static void unpackTarGz(InputStream archive, Path dest) throws IOException {
        long total = 0;
        int entries = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new Rejection("the project archive has more than " + MAX_ENTRIES + " entries");
                }
                String name = checkedName(entry.getName());
                if (name.isEmpty()) {
                    continue; // "./" itself
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(dest.resolve(name));
                    continue;
                }
                if (!entry.isFile()) {
                    throw new Rejection("the project archive entry '" + name + "' is a link or special file; "
                            + "only regular files and folders are accepted");
                }
                total += entry.getSize();
                if (total > MAX_TOTAL_BYTES) {
                    throw new Rejection("the project archive unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB");
                }
                Path target = dest.resolve(name);
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    long copied = tar.transferTo(out);
                    if (copied != entry.getSize()) {
                        throw new Rejection("the project archive entry '" + name + "' is truncated");
                    }
                } catch (java.nio.file.FileAlreadyExistsException dup) {
                    throw new Rejection("the project archive holds '" + name + "' twice");
                }
            }
        } catch (IOException e) {
            if (e.getCause() instanceof Rejection r) {
                throw r;
            }
            throw new Rejection("the project archive is not a valid tar.gz: " + e.getMessage());
        }
    }

    /** Refuses absolute paths, {@code ..}, backslashes, NUL, over-long names; returns the normalised relative path. */
    static String checkedName(String raw) {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals(".")) {
            return "";
        }
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.length() > MAX_PATH) {
            throw new Rejection("the project archive entry '" + printable(raw) + "' has an unsafe path "
                    + "(absolute, backslash, NUL or longer than " + MAX_PATH + ")");
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.length() > MAX_NAME) {
                throw new Rejection("the project archive entry '" + printable(raw) + "' has an unsafe path "
                        + "(empty, '.' or '..' segment, or a name longer than " + MAX_NAME + ")");
            }
        }
        return name;
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
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
