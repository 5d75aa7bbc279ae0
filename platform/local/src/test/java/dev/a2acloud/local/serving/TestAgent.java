package dev.a2acloud.local.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny agent process for serving tests (until the pack runtime's AgentMain is used): the runtime's environment
 * contract (PORT, A2A_PUBLIC_URL, A2A_ARTIFACT_PATH, A2A_AGENT_VERSION), {@code /healthz}, a card, a JSON-RPC echo,
 * plus test hooks: slow requests that count concurrency, an event stream held open, and its pid.
 */
public final class TestAgent {
    private static final AtomicInteger CONCURRENT = new AtomicInteger();
    private static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private TestAgent() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String version = System.getenv().getOrDefault("A2A_AGENT_VERSION", "0.0.0");
        String publicUrl = System.getenv().getOrDefault("A2A_PUBLIC_URL", "http://127.0.0.1:" + port + "/");
        Path artifact = Path.of(System.getenv("A2A_ARTIFACT_PATH"));
        String artifactText = Files.readString(artifact).strip(); // fails the start when the jar is not there
        long pid = ProcessHandle.current().pid();
        System.out.println("test agent " + version + " pid " + pid + " starting on " + port + " artifact " + artifactText);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            try {
                switch (path) {
                    case "/healthz" -> send(exchange, 200, "text/plain", "ok");
                    case "/.well-known/agent-card.json" -> send(exchange, 200, "application/json",
                            "{\"name\":\"" + System.getenv("K_SERVICE") + "\",\"version\":\"" + version
                                    + "\",\"url\":\"" + publicUrl + "\",\"description\":\"" + artifactText
                                    + "\",\"skills\":[{\"id\":\"echo\",\"name\":\"echo\"}]}");
                    case "/hello" -> send(exchange, 200, "text/plain", "v=" + version + " pid=" + pid
                            + " fwd=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Host"));
                    case "/pid" -> send(exchange, 200, "text/plain", Long.toString(pid));
                    case "/echo" -> send(exchange, 200, "application/octet-stream",
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    case "/slow" -> slow(exchange, pid);
                    case "/sse" -> stream(exchange);
                    case "/release" -> {
                        release.countDown();
                        send(exchange, 200, "text/plain", "released");
                    }
                    case "/" -> send(exchange, 200, "application/json",
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"kind\":\"message\",\"role\":\"agent\","
                                    + "\"parts\":[{\"kind\":\"text\",\"text\":\"echo " + version + "\"}]}}");
                    default -> send(exchange, 404, "text/plain", "no " + path);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        System.out.println("test agent listening");
    }

    private static void slow(HttpExchange exchange, long pid) throws IOException, InterruptedException {
        int now = CONCURRENT.incrementAndGet();
        MAX_CONCURRENT.accumulateAndGet(now, Math::max);
        try {
            String query = exchange.getRequestURI().getQuery();
            Thread.sleep(query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 200);
            send(exchange, 200, "text/plain", "pid=" + pid + " max=" + MAX_CONCURRENT.get());
        } finally {
            CONCURRENT.decrementAndGet();
        }
    }

    private static void stream(HttpExchange exchange) throws IOException, InterruptedException {
        release = new CountDownLatch(1);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await();
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
