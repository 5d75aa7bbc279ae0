package dev.a2acloud.core.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tarballs, hostile ones included, for the tests. */
final class Tarballs {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    Tarballs() {
        try {
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tarballs file(String name, byte[] data) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tarballs file(String name, String text) {
        return file(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A file of {@code size} zero bytes, streamed (a gzip bomb compresses this ~1000:1). */
    Tarballs zeros(String name, long size) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(size);
            tar.putArchiveEntry(entry);
            byte[] chunk = new byte[1 << 16];
            for (long left = size; left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tarballs directory(String name) {
        return special(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, null);
    }

    Tarballs special(String name, byte type, String linkName) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            if (linkName != null) {
                entry.setLinkName(linkName);
            }
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void copy(byte[] data, OutputStream out) throws IOException {
        out.write(data);
    }
}
