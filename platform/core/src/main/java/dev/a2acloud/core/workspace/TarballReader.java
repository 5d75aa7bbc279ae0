package dev.a2acloud.core.workspace;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a whole .tar.gz into memory, checking every entry and every limit as it goes; the caller writes nothing until
 * {@link #read} returned, so a tarball that fails anywhere leaves no trace. Only regular files and folders are
 * accepted: links, devices and FIFOs are refused, never skipped, so the caller learns its upload was not what it
 * thought.
 */
public final class TarballReader {
    private final TarballLimits limits;

    public TarballReader(TarballLimits limits) {
        this.limits = limits;
    }

    public List<TarballEntry> read(InputStream tarGz) {
        LimitedStream compressed = new LimitedStream(tarGz, limits.maxCompressedBytes(), "compressed_too_large",
                "the tarball is larger than " + limits.maxCompressedBytes() + " bytes compressed");
        List<TarballEntry> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        int entries = 0;
        try (GzipCompressorInputStream gzip = GzipCompressorInputStream.builder().setInputStream(compressed)
                .setDecompressConcatenated(true).get();
             // Headers count too: a bomb of empty entries is still a bomb.
             LimitedStream inflated = new LimitedStream(gzip,
                     limits.maxUncompressedBytes() + (limits.maxEntries() + 4L) * 2048, "uncompressed_too_large",
                     "the tarball unpacks to more than " + limits.maxUncompressedBytes() + " bytes");
             TarArchiveInputStream tar = new TarArchiveInputStream(inflated)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw bad(WorkspaceException.Kind.TOO_LARGE, "too_many_entries",
                            "the tarball has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                refuseSpecial(entry, name);
                String path = entry.isDirectory() ? WorkspacePath.prefix(name)
                        : WorkspacePath.file(name);
                int depth = path.isEmpty() ? 0 : path.split("/").length;
                if (depth > limits.maxDepth()) {
                    throw bad(WorkspaceException.Kind.BAD_TARBALL, "too_deep",
                            "'" + WorkspaceException.printable(name) + "' is deeper than " + limits.maxDepth()
                                    + " levels");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!seen.add(path)) {
                    throw bad(WorkspaceException.Kind.BAD_TARBALL, "duplicate_entry",
                            "'" + path + "' appears twice; send each file once");
                }
                if (entry.getSize() < 0 || total + entry.getSize() > limits.maxUncompressedBytes()) {
                    throw bad(WorkspaceException.Kind.TOO_LARGE, "uncompressed_too_large",
                            "the tarball unpacks to more than " + limits.maxUncompressedBytes() + " bytes");
                }
                byte[] data = readEntry(tar, entry.getSize());
                total += data.length;
                files.add(new TarballEntry(path, data));
            }
        } catch (WorkspaceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "bad_tarball",
                    "not a readable .tar.gz (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); create it with 'tar czf'");
        }
        if (compressed.count == 0) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "bad_tarball", "the tarball is empty");
        }
        return files;
    }

    private static void refuseSpecial(TarArchiveEntry entry, String name) {
        String shown = "'" + WorkspaceException.printable(name) + "'";
        if (entry.isSymbolicLink()) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "symlink_entry", shown
                    + " is a symbolic link; links are not accepted, include the file itself");
        }
        if (entry.isLink()) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "hardlink_entry", shown
                    + " is a hard link; links are not accepted, include the file itself");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "device_entry", shown + " is a device file");
        }
        if (entry.isFIFO()) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "fifo_entry", shown + " is a named pipe");
        }
        if (!entry.isFile() && !entry.isDirectory()) {
            throw bad(WorkspaceException.Kind.BAD_TARBALL, "unsupported_entry", shown
                    + " is neither a file nor a folder");
        }
    }

    private static byte[] readEntry(InputStream tar, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        tar.transferTo(out);
        return out.toByteArray();
    }

    private static WorkspaceException bad(WorkspaceException.Kind kind, String code, String message) {
        return new WorkspaceException(kind, code, message);
    }

    /** Counts bytes and stops reading at a limit with the given refusal. */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private final String code;
        private final String message;
        long count;

        LimitedStream(InputStream in, long limit, String code, String message) {
            super(in);
            this.limit = limit;
            this.code = code;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new WorkspaceException(WorkspaceException.Kind.TOO_LARGE, code, message);
            }
        }
    }
}
