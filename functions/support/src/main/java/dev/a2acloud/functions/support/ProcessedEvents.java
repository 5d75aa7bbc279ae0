package dev.a2acloud.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.events.EventJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumer-side idempotency (DESIGN §4: steps are idempotent on the event): remembers the answer given to an event
 * id so a redelivery — at-least-once delivery makes them normal — gets the same answer without the side effects
 * running again. Bounded (least recently used entries are forgotten). The file-backed form survives a restart of
 * the embedded platform: one JSON line per answer, forced to disk before the answer leaves.
 */
public final class ProcessedEvents implements AutoCloseable {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final JsonFormat FORMAT = new JsonFormat();
    private static final int STRIPES = 64;

    private final Map<String, StepResponse> answers;
    private final Object[] locks = new Object[STRIPES];
    private final FileChannel file;

    private ProcessedEvents(int capacity, FileChannel file) {
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StepResponse> eldest) {
                return size() > capacity;
            }
        };
        this.file = file;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Remembers nothing: every delivery runs the step. */
    public static ProcessedEvents none() {
        return new ProcessedEvents(0, null);
    }

    public static ProcessedEvents inMemory(int capacity) {
        return new ProcessedEvents(capacity, null);
    }

    /** Loads what {@code path} remembers (the last {@code capacity} answers) and appends new answers to it. */
    public static ProcessedEvents persistent(Path path, int capacity) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Map<String, StepResponse> loaded = new LinkedHashMap<>();
            int lines = 0;
            if (Files.exists(path)) {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    lines++;
                    parse(line).ifPresent(entry -> {
                        loaded.remove(entry.getKey());
                        loaded.put(entry.getKey(), entry.getValue());
                    });
                }
            }
            List<Map.Entry<String, StepResponse>> kept = loaded.entrySet().stream()
                    .skip(Math.max(0, loaded.size() - capacity)).toList();
            if (lines > kept.size()) {
                // Compact: rewrite only what is still remembered (also drops a torn last line after a crash).
                Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
                StringBuilder out = new StringBuilder();
                kept.forEach(e -> out.append(line(e.getKey(), e.getValue())).append('\n'));
                Files.writeString(tmp, out, StandardCharsets.UTF_8);
                Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            ProcessedEvents events = new ProcessedEvents(capacity, channel);
            kept.forEach(e -> events.answers.put(e.getKey(), e.getValue()));
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open processed-events file " + path + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<StepResponse> lookup(String eventId) {
        return Optional.ofNullable(answers.get(eventId));
    }

    public void remember(String eventId, StepResponse response) {
        synchronized (this) {
            if (answers.containsKey(eventId)) {
                return;
            }
            answers.put(eventId, response);
        }
        if (file != null) {
            byte[] bytes = (line(eventId, response) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (file) {
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        file.write(buffer);
                    }
                    file.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot record processed event " + eventId, e);
                }
            }
        }
    }

    /** One monitor per id stripe, for callers that must not run the same id twice at once. */
    public Object lockFor(String eventId) {
        return locks[Math.floorMod(eventId.hashCode(), STRIPES)];
    }

    public synchronized int size() {
        return answers.size();
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String line(String id, StepResponse response) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("status", response.status());
        if (response.reason() != null) {
            node.put("reason", response.reason());
        }
        if (response.reply() != null) {
            try {
                node.set("reply", JSON.readTree(FORMAT.serialize(response.reply())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node.toString();
    }

    private static Optional<Map.Entry<String, StepResponse>> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            CloudEvent reply = node.hasNonNull("reply")
                    ? FORMAT.deserialize(JSON.writeValueAsBytes(node.get("reply"))) : null;
            String reason = node.hasNonNull("reason") ? node.get("reason").asText() : null;
            return Optional.of(Map.entry(node.get("id").asText(),
                    new StepResponse(node.get("status").asInt(), reply, reason)));
        } catch (IOException | RuntimeException e) {
            // A line torn by a crash mid-write: that answer was never sent, so forgetting it is safe.
            return Optional.empty();
        }
    }
}
