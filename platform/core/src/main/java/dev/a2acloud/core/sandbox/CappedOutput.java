package dev.a2acloud.core.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream completely (so a flooding process never blocks on a full pipe) but keeps only the first
 * {@code limit} bytes; the rest is counted and reported by a marker, never buffered.
 */
final class CappedOutput {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    CappedOutput(int limit) {
        this.limit = limit;
    }

    /** Reads until end of stream or an I/O error (the process was killed and the pipe closed). */
    void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                append(buffer, n);
            }
        } catch (IOException closed) {
            // The pipe went away with the process; what was read so far is the output.
        }
    }

    synchronized void append(byte[] bytes, int n) {
        int room = limit - kept.size();
        int keep = Math.max(0, Math.min(room, n));
        kept.write(bytes, 0, keep);
        dropped += n - keep;
    }

    synchronized boolean truncated() {
        return dropped > 0;
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return dropped > 0 ? s + SandboxResult.TRUNCATION_MARKER + dropped + " more bytes dropped]\n" : s;
    }
}
