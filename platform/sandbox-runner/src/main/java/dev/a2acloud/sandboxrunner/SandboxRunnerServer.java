package dev.a2acloud.sandboxrunner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.remote.RemoteSandbox;
import dev.a2acloud.core.sandbox.remote.SandboxRunService;
import dev.a2acloud.core.sandbox.remote.SandboxWire;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /v1/run} (bearer = the platform's service credential) and {@code GET /healthz}, on the JDK HTTP server
 * with virtual threads. At most {@code maxConcurrent} runs at a time; more get 429 so the caller retries elsewhere.
 */
public final class SandboxRunnerServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SandboxRunnerServer.class.getName());
    static final int MAX_BODY_BYTES = 96 << 20;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SandboxRunService service;
    private final byte[] serviceToken;
    private final Semaphore slots;

    public SandboxRunnerServer(InetSocketAddress address, SandboxRunService service, String serviceToken,
                               int maxConcurrent) throws IOException {
        if (serviceToken == null || serviceToken.length() < 16) {
            throw new IllegalArgumentException("A2A_SERVICE_TOKEN must be set (at least 16 characters)");
        }
        this.service = service;
        this.serviceToken = serviceToken.getBytes(StandardCharsets.UTF_8);
        this.slots = new Semaphore(maxConcurrent);
        this.server = HttpServer.create(address, 64);
        server.setExecutor(executor);
        server.createContext("/v1/run", this::run);
        server.createContext("/healthz", exchange -> respond(exchange, 200, "{\"status\":\"ok\"}".getBytes()));
    }

    public SandboxRunnerServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void run(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/v1/run")) {
                error(exchange, 404, "not_found", "no such path; POST /v1/run", null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                error(exchange, 405, "method_not_allowed", "use POST /v1/run", null);
                return;
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                error(exchange, 401, "unauthorized", "send Authorization: Bearer <service token>", null);
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                error(exchange, 413, "too_large", "the request is larger than " + (MAX_BODY_BYTES >> 20)
                        + " MiB; send a smaller workspace", "workspace");
                return;
            }
            SandboxWire.RunRequest request;
            try {
                request = SandboxWire.json().readValue(body, SandboxWire.RunRequest.class);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                error(exchange, 400, "invalid_json", "the body is not a run request: " + e.getOriginalMessage(), null);
                return;
            }
            if (!slots.tryAcquire()) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                error(exchange, 429, "busy", "this sandbox runner is at its run limit; retry shortly", null);
                return;
            }
            try {
                respond(exchange, 200, SandboxWire.json().writeValueAsBytes(service.run(request)));
            } catch (SandboxException e) {
                int status = RemoteSandbox.statusOf(e);
                error(exchange, status, e.kind().name().toLowerCase(), e.getMessage(), null);
            } finally {
                slots.release();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "sandbox run failed", e);
            error(exchange, 500, "internal", "the sandbox runner failed: " + e.getMessage(), null);
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(serviceToken, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String field)
            throws IOException {
        ObjectNode body = SandboxWire.json().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        respond(exchange, status, SandboxWire.json().writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
