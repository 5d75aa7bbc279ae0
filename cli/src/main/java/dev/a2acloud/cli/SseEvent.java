package dev.a2acloud.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/** One server-sent event: {@code event:} name (default {@code message}), its own {@code id:} (or null), the joined {@code data:}. */
public record SseEvent(String name, String id, String data) {

    /** Parses the stream per the HTML living standard's event-stream rules; stops when {@code onEvent} says so. */
    static void read(BufferedReader reader, Predicate<SseEvent> onEvent) throws IOException {
        String name = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (!onEvent.test(new SseEvent(name == null ? "message" : name, id, data.toString()))) {
                        return;
                    }
                }
                name = null;
                id = null; // per event, not the spec's sticky last-event-id: the id dedupes replayed events
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment, e.g. a keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // retry and unknown fields do not matter to a one-shot reader
            }
        }
        if (data != null) {
            onEvent.test(new SseEvent(name == null ? "message" : name, id, data.toString()));
        }
    }
}
