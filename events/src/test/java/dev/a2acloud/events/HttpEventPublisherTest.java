package dev.a2acloud.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback standing in for the broker ingress. */
class HttpEventPublisherTest {
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(202);
    private final List<BuildEvent> received = new CopyOnWriteArrayList<>();
    private final EventCodec codec = new EventCodec();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/a2a-cloud/default", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            received.add(codec.decodeHttp(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/a2a-cloud/default");
    }

    @Test
    void publishesInBinaryMode() {
        BuildEvent event = SampleEvents.all().get(1);
        HttpEventPublisher.to(url()).publish(event, "generate");
        assertEquals(List.of(event), received);
    }

    @Test
    void refusalIsPermanentAndOverloadIsRetryable() {
        status.set(400);
        var bad = assertThrows(EventPublishException.class,
                () -> HttpEventPublisher.to(url()).publish(SampleEvents.all().get(1), "generate"));
        assertFalse(bad.retryable());
        assertEquals(400, bad.status());
        status.set(503);
        var busy = assertThrows(EventPublishException.class,
                () -> HttpEventPublisher.to(url()).publish(SampleEvents.all().get(1), "generate"));
        assertTrue(busy.retryable());
    }

    @Test
    void unreachableBrokerIsRetryable() throws IOException {
        URI nowhere = url();
        server.stop(0);
        var ex = assertThrows(EventPublishException.class,
                () -> HttpEventPublisher.to(nowhere).publish(SampleEvents.all().get(1), "generate"));
        assertTrue(ex.retryable());
        assertEquals(0, ex.status());
        server = HttpServer.create();
    }
}
