package dev.a2acloud.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseEventTest {
    @Test
    void parsesNamesIdsMultiLineDataAndSkipsComments() throws IOException {
        String stream = ": keep-alive\n\nevent: dev.a2acloud.build.generated\nid: b1.generated.1\ndata: {\"a\":\n"
                + "data: 1}\n\ndata:plain\n\nretry: 100\n";
        List<SseEvent> events = new ArrayList<>();
        SseEvent.read(new BufferedReader(new StringReader(stream)), events::add);
        assertEquals(List.of(new SseEvent("dev.a2acloud.build.generated", "b1.generated.1", "{\"a\":\n1}"),
                new SseEvent("message", null, "plain")), events);
    }

    @Test
    void stopsWhenTheConsumerSaysSo() throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseEvent.read(new BufferedReader(new StringReader("data: 1\n\ndata: 2\n\n")), e -> {
            events.add(e);
            return false;
        });
        assertEquals(1, events.size());
    }
}
