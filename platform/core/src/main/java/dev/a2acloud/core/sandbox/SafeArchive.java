package dev.a2acloud.core.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * tar.gz of workspace files, in and out. Unpacking checks every entry before writing it — count, total size, path
 * (no absolute paths, {@code ..}, backslashes, NUL, over-long names) and type (regular files and folders only, never
 * links) — and never overwrites outside the destination.
 */
public final class SafeArchive {
    public static final long MAX_TOTAL_BYTES = 64L << 20;
    public static final int MAX_ENTRIES = 10_000;
    static final int MAX_PATH = 1024;
    static final int MAX_NAME = 255;

    private SafeArchive() {
    }

    /** Unpacks into {@code dest}; {@code overwrite} lets a run's results replace files the workspace already had. */
    public static List<String> unpack(InputStream tarGz, Path dest, boolean overwrite) {
        java.util.ArrayList<String> written = new java.util.ArrayList<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(tarGz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (written.size() >= MAX_ENTRIES) {
                    throw SandboxException.badRequest("the archive has more than " + MAX_ENTRIES + " entries");
                }
                String name = checkedName(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(dest.resolve(name));
                    continue;
                }
                if (!entry.isFile()) {
                    throw SandboxException.badRequest("the archive entry '" + name + "' is a link or special file; "
                            + "only regular files and folders are accepted");
                }
                total += entry.getSize();
                if (total > MAX_TOTAL_BYTES) {
                    throw SandboxException.badRequest("the archive unpacks to more than " + (MAX_TOTAL_BYTES >> 20)
                            + " MiB");
                }
                Path target = dest.resolve(name);
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target) || (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))) {
                    throw SandboxException.badRequest("the archive entry '" + name + "' would replace a link or folder");
                }
                StandardOpenOption mode = overwrite ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.CREATE_NEW;
                try (OutputStream out = overwrite
                        ? Files.newOutputStream(target, StandardOpenOption.CREATE, mode, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)
                        : Files.newOutputStream(target, mode, StandardOpenOption.WRITE)) {
                    if (tar.transferTo(out) != entry.getSize()) {
                        throw SandboxException.badRequest("the archive entry '" + name + "' is truncated");
                    }
                } catch (FileAlreadyExistsException dup) {
                    throw SandboxException.badRequest("the archive holds '" + name + "' twice");
                }
                written.add(name);
            }
        } catch (IOException e) {
            throw SandboxException.badRequest("the archive is not a valid tar.gz: " + e.getMessage());
        }
        return written;
    }

    /** Refuses unsafe entry names; returns the normalised relative path ("" for the root itself). */
    public static String checkedName(String raw) {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals(".") || name.isEmpty() && raw.startsWith(".")) {
            return "";
        }
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.length() > MAX_PATH) {
            throw SandboxException.badRequest("the path '" + raw.replace("\0", "\\0") + "' is unsafe "
                    + "(empty, absolute, backslash, NUL or longer than " + MAX_PATH + ")");
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.length() > MAX_NAME) {
                throw SandboxException.badRequest("the path '" + raw.replace("\0", "\\0") + "' is unsafe "
                        + "(empty, '.' or '..' segment, or a name longer than " + MAX_NAME + ")");
            }
        }
        return name;
    }

    /** A tar.gz of the given files of {@code root} (relative paths); links and missing files are skipped. */
    public static byte[] pack(Path root, List<String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String file : files) {
                Path path = root.resolve(checkedName(file));
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(file);
                entry.setSize(Files.size(path));
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot archive the workspace: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Every regular file under {@code root}, relative, sorted. */
    public static List<String> allFiles(Path root) {
        try (var walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot list the workspace: " + e.getMessage(), e);
        }
    }
}
