package dev.a2acloud.core.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a reproducible .tar.gz: entries sorted by the UTF-8 bytes of their paths, zero timestamps and owners, mode
 * 0644, PAX long names, a gzip header without time or OS. The same files always give the same bytes and therefore
 * the same sha256. The source artifact (packaging's {@code SourceTarball}) is written with it.
 */
public final class TarballWriter {
    /** Path order by unsigned UTF-8 bytes (not Java's UTF-16 order), so every language sorts the same way. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private TarballWriter() {
    }

    public static byte[] write(List<TarballEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(0);
        parameters.setCompressionLevel(6);
        parameters.setOperatingSystem(255);
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes, parameters);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarballEntry entry : entries.stream().sorted(Comparator.comparing(TarballEntry::path, UTF8_ORDER)).toList()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.path(), true);
                header.setSize(entry.data().length);
                header.setMode(0100644);
                header.setModTime(0);
                header.setUserId(0);
                header.setGroupId(0);
                header.setUserName("");
                header.setGroupName("");
                tar.putArchiveEntry(header);
                tar.write(entry.data());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
