package dev.a2acloud.local.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The broker's write-ahead journal: an append-only text file of {@code A seq ttl event} (accepted) and
 * {@code D seq trigger} (that trigger's delivery is finished: delivered, dead-lettered or dropped) and
 * {@code F seq} (all of its deliveries are finished) lines.
 * <p>
 * Durability: an accept is written to the OS before {@link #append} returns, so it survives a killed JVM; with
 * {@link JournalFsync#GROUP_COMMIT} it is also forced to disk first, one {@code fsync} shared by every accept that arrived
 * while the previous one ran (group commit keeps throughput while every 202 means "on disk"). Done-marks are never
 * forced: losing one only causes a redelivery, which at-least-once allows. On open, what is still pending is read
 * back and the file compacted to just that. While running, the journal keeps the lines of unfinished events in memory
 * (a few, in steady state). Once the file has grown past {@link #DEFAULT_COMPACT_AT}, it is rewritten to those lines, so
 * a platform that runs for months does not grow its journal without bound.
 */
final class EventJournal implements AutoCloseable {

    /** An accepted event whose deliveries are not all finished; {@code done} names the finished triggers. */
    record Pending(long seq, int ttl, CloudEvent event, Set<String> done) {
    }

    private static final JsonFormat FORMAT = new JsonFormat();
    private static final String FILE = "broker-journal.log";
    /** Rewrite the journal to its unfinished events once it is this large (bytes). */
    static final long DEFAULT_COMPACT_AT = 64L << 20;

    /** A stream, not a FileChannel: an interrupted writer thread would close an interruptible channel for all. */
    private FileOutputStream channel;
    private final Path file;
    private final JournalFsync fsync;
    private final long compactAt;
    private final Object syncLock = new Object();
    private final List<Pending> recovered;
    /** The journal lines of every event not yet finished, by seq: what a compaction keeps. Guarded by this. */
    private final Map<Long, StringBuilder> unfinished;
    private long size;
    private long nextSeq;
    private volatile long written;
    private long durable;

    private EventJournal(FileOutputStream channel, Path file, JournalFsync fsync, long compactAt,
                         List<Pending> recovered, Map<Long, StringBuilder> unfinished, long nextSeq, long size) {
        this.channel = channel;
        this.file = file;
        this.fsync = fsync;
        this.compactAt = compactAt;
        this.recovered = recovered;
        this.unfinished = unfinished;
        this.nextSeq = nextSeq;
        this.size = size;
    }

    /** A journal that keeps nothing (tests of routing alone); accepts are lost with the process. */
    static EventJournal none() {
        return new EventJournal(null, null, JournalFsync.OS_ONLY, Long.MAX_VALUE, List.of(), new LinkedHashMap<>(), 1,
                0);
    }

    static EventJournal open(Path dir, JournalFsync fsync) {
        return open(dir, fsync, DEFAULT_COMPACT_AT);
    }

    static EventJournal open(Path dir, JournalFsync fsync, long compactAt) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Map<Long, Pending> pending = new LinkedHashMap<>();
            long maxSeq = 0;
            if (Files.exists(file)) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        maxSeq = Math.max(maxSeq, replay(line, pending));
                    }
                }
            }
            List<Pending> recovered = List.copyOf(pending.values());
            Map<Long, StringBuilder> unfinished = new LinkedHashMap<>();
            for (Pending p : recovered) {
                StringBuilder lines = new StringBuilder(accepted(p.seq(), p.ttl(), p.event()));
                p.done().forEach(trigger -> lines.append(done(p.seq(), trigger)));
                unfinished.put(p.seq(), lines);
            }
            rewrite(file, unfinished.values());
            return new EventJournal(new FileOutputStream(file.toFile(), true), file, fsync, compactAt, recovered,
                    unfinished, maxSeq + 1, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the broker journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What was accepted and not finished before this journal was opened; empty for a fresh one. */
    List<Pending> recovered() {
        return recovered;
    }

    /** Journals an accepted event; durable (per the fsync policy) when this returns. */
    long append(CloudEvent event, int ttl) {
        if (channel == null) {
            synchronized (this) {
                return nextSeq++;
            }
        }
        long seq;
        synchronized (this) {
            seq = nextSeq++;
            String line = accepted(seq, ttl, event);
            writeOrFail(line);
            unfinished.put(seq, new StringBuilder(line));
            written = seq;
        }
        if (fsync == JournalFsync.GROUP_COMMIT) {
            awaitDurable(seq);
        }
        return seq;
    }

    void markDone(long seq, String trigger) {
        if (channel == null) {
            return;
        }
        synchronized (this) {
            String line = done(seq, trigger);
            writeOrFail(line);
            StringBuilder lines = unfinished.get(seq);
            if (lines != null) {
                lines.append(line);
            }
        }
    }

    /** Every delivery of the event is finished; the next compaction drops it. */
    void markFinished(long seq) {
        if (channel == null) {
            return;
        }
        synchronized (this) {
            writeOrFail("F\t" + seq + "\n");
            unfinished.remove(seq);
            if (size >= compactAt) {
                compact();
            }
        }
    }

    /**
     * Rewrites the file to the unfinished events' lines, forced to disk, and swaps it in atomically. Holds this (no
     * writes meanwhile) and the sync lock (no fsync of the old file meanwhile). Everything written is then durable.
     */
    private void compact() {
        synchronized (syncLock) {
            try {
                rewrite(file, unfinished.values());
                channel.close();
                channel = new FileOutputStream(file.toFile(), true);
                size = Files.size(file);
                durable = written;
            } catch (IOException e) {
                // The old file is still whole and still appended to (or reopened below): nothing is lost, the
                // journal is only larger than it should be until the next try.
                System.getLogger(EventJournal.class.getName()).log(System.Logger.Level.WARNING,
                        "could not compact the broker journal " + file + ": " + e.getMessage());
                reopenIfClosed();
            }
        }
    }

    /** Replaces {@code file} with just {@code lines}, forced to disk first, in one atomic move. */
    private static void rewrite(Path file, Iterable<? extends CharSequence> lines) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".compact");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (CharSequence block : lines) {
                write(out, block.toString());
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void reopenIfClosed() {
        try {
            if (!channel.getFD().valid()) {
                channel = new FileOutputStream(file.toFile(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the broker journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void awaitDurable(long seq) {
        // Whoever holds the lock forces everything written so far; those queued behind it usually find their
        // record already durable and return without a second fsync.
        synchronized (syncLock) {
            if (durable >= seq) {
                return;
            }
            long target = written;
            try {
                channel.getFD().sync();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force the broker journal to disk: " + e.getMessage(), e);
            }
            durable = target;
        }
    }

    private void writeOrFail(String line) {
        try {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            channel.write(bytes);
            size += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker journal: " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String accepted(long seq, int ttl, CloudEvent event) {
        // The structured JSON form has no raw newline, so one event is one line.
        return "A\t" + seq + "\t" + ttl + "\t" + new String(FORMAT.serialize(event), StandardCharsets.UTF_8) + "\n";
    }

    private static String done(long seq, String trigger) {
        return "D\t" + seq + "\t" + trigger + "\n";
    }

    /** Applies one line; a line torn by a crash mid-write is skipped (its accept was never answered). */
    private static long replay(String line, Map<Long, Pending> pending) {
        String[] parts = line.split("\t", 4);
        try {
            if (parts.length == 4 && parts[0].equals("A")) {
                long seq = Long.parseLong(parts[1]);
                CloudEvent event = FORMAT.deserialize(parts[3].getBytes(StandardCharsets.UTF_8));
                pending.put(seq, new Pending(seq, Integer.parseInt(parts[2]), event, new HashSet<>()));
                return seq;
            }
            if (parts.length == 2 && parts[0].equals("F")) {
                long seq = Long.parseLong(parts[1]);
                pending.remove(seq);
                return seq;
            }
            if (parts.length == 3 && parts[0].equals("D")) {
                long seq = Long.parseLong(parts[1]);
                Pending p = pending.get(seq);
                if (p != null) {
                    p.done().add(parts[2]);
                }
                return seq;
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Drops events every matching trigger has finished; called after replay once the routes are known. */
    static List<Pending> stillPending(List<Pending> recovered, java.util.function.Function<CloudEvent, Set<String>> routes) {
        List<Pending> out = new ArrayList<>();
        for (Pending p : recovered) {
            Set<String> todo = new HashSet<>(routes.apply(p.event()));
            todo.removeAll(p.done());
            if (!todo.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                synchronized (this) {
                    channel.getFD().sync();
                    channel.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
