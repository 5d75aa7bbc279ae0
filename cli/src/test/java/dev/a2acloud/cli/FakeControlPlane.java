package dev.a2acloud.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in control plane on loopback (JDK HttpServer): answers "METHOD /path" with canned status, content type and
 * body, and records every request (method, path, headers, body) for assertions.
 */
final class FakeControlPlane implements AutoCloseable {
    record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Canned(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Canned> routes = new ConcurrentHashMap<>();
    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    FakeControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        on("GET", "/.well-known/jwks.json", 200, "{\"keys\":[]}");
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeControlPlane on(String method, String path, int status, String json) {
        routes.put(method + " " + path, new Canned(status, "application/json", json));
        return this;
    }

    FakeControlPlane onSse(String path, String stream) {
        routes.put("GET " + path, new Canned(200, "text/event-stream", stream));
        return this;
    }

    Recorded last(String method, String path) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Recorded r = requests.get(i);
            if (r.method().equals(method) && r.path().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " " + path + " among " + requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        Canned canned = routes.get(exchange.getRequestMethod() + " " + path);
        if (canned == null) {
            canned = new Canned(404, "application/json",
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"nothing at " + path + "\"}}");
        }
        byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", canned.contentType());
        exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
