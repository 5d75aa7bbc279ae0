package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.model.CardBuilder;
import dev.a2acloud.pack.model.InvalidArguments;
import dev.a2acloud.pack.model.SkillModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP server: JDK {@link HttpServer} on virtual threads, no framework.
 * <ul>
 *   <li>{@code GET /.well-known/agent-card.json} — the card ({@link CardBuilder}), built once at start</li>
 *   <li>{@code POST /} — JSON-RPC ({@link JsonRpcHandler}); SSE for the streaming method</li>
 *   <li>{@code POST /invoke/{skill}} {@code {arguments, llm_creds?, workspace_grant?}} → {@code {result, artifacts,
 *   events}}; errors in the platform's error shape: 400 bad input, 404 unknown skill, 413 too large, 429 busy, 500
 *   the skill threw, 504 the skill timed out</li>
 *   <li>{@code GET /healthz} — 200 {@code ok}, 503 while draining</li>
 *   <li>{@code GET /…} — the frontend's static files when a2a.yaml declares one ({@code /} = its entry)</li>
 * </ul>
 */
public final class AgentServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY small keep-alive answers wait for delayed ACKs (tens of ms per request).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final AgentModel model;
    private final ServerConfig config;
    private final ClassLoader resources;
    private final SkillExecutor executor;
    private final TaskStore tasks = new TaskStore(10_000);
    private final LlmResolver llm;
    private final JsonRpcHandler rpc;
    private HttpServer server;
    private ExecutorService threads;
    private byte[] card;
    private volatile boolean draining;

    public AgentServer(AgentModel model, ServerConfig config, ClassLoader resources) {
        this.model = model;
        this.config = config;
        this.resources = resources;
        this.executor = new SkillExecutor(model);
        this.llm = new LlmResolver(model.llmMode(), model.yaml().llmModel(), config.env());
        this.rpc = new JsonRpcHandler(model, executor, tasks, this::context, config.clock());
    }

    /** Binds and starts serving; returns the bound port. */
    public int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        int port = server.getAddress().getPort();
        String url = config.publicUrl() != null ? config.publicUrl() : "http://127.0.0.1:" + port + "/";
        card = Wire.JSON.writeValueAsBytes(CardBuilder.build(model, url, config.bearerAuth()));
        return port;
    }

    /** Skills running right now. */
    int running() {
        return executor.inUse();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Graceful stop: refuse new work, let running skills finish within the grace period, then close. */
    public void stop() {
        draining = true;
        try {
            executor.drain(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(1);
        threads.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private RunContextImpl context(AgentTask task, JsonNode llmCreds, String workspaceGrant, String callerToken) {
        return new RunContextImpl(task, llm, llmCreds, workspaceGrant, callerToken, config.platformUrl(),
                Duration.ofSeconds(120));
    }

    /** The token of {@code Authorization: Bearer …}, which skills may pass on as the caller (ctx.callerToken()). */
    static String bearer(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private void handle(HttpExchange ex) {
        try {
            route(ex);
        } catch (TooLarge e) {
            try {
                drain(ex);
                sendError(ex, 413, "request_too_large", "the request body is larger than " + config.maxRequestBytes()
                        + " bytes (A2A_MAX_REQUEST_BYTES)", null);
            } catch (IOException ignored) {
                // The client went away.
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException e) {
            try {
                sendError(ex, 500, "internal", "the agent runtime failed: " + e, null);
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be sent.
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        if (path.equals("/.well-known/agent-card.json") || path.equals("/.well-known/agent.json")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                sendError(ex, 405, "method_not_allowed", "the card is read with GET", null);
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", "max-age=60");
            send(ex, 200, "application/json", card);
        } else if (path.equals("/healthz")) {
            send(ex, draining ? 503 : 200, "text/plain", (draining ? "draining" : "ok").getBytes());
        } else if (path.equals("/") && method.equals("POST")) {
            handleRpc(ex);
        } else if (path.startsWith("/invoke/")) {
            if (!method.equals("POST")) {
                sendError(ex, 405, "method_not_allowed", "invoke a skill with POST /invoke/{skill}", null);
                return;
            }
            handleInvoke(ex, path.substring("/invoke/".length()));
        } else if (method.equals("GET") || method.equals("HEAD")) {
            handleStatic(ex, path);
        } else {
            sendError(ex, 405, "method_not_allowed", method + " " + path + " is not served; JSON-RPC is POST /", null);
        }
    }

    private void handleRpc(HttpExchange ex) throws IOException {
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        Wire wire = Wire.ofHeader(ex.getRequestHeaders().getFirst("A2A-Version"));
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            sendJson(ex, 415, JsonRpcHandler.error(null, RpcError.CONTENT_TYPE_NOT_SUPPORTED,
                    "Content-Type must be application/json, was " + contentType, null).json());
            return;
        }
        if (draining) {
            sendJson(ex, 503, JsonRpcHandler.error(null, RpcError.INTERNAL_ERROR,
                    "the agent is shutting down; retry on another instance", null).json());
            return;
        }
        byte[] body = readBody(ex);
        JsonRpcHandler.Outcome outcome = rpc.handle(body, wire, bearer(ex));
        if (outcome instanceof JsonRpcHandler.Outcome.Body b) {
            ex.getResponseHeaders().set("A2A-Version", wire == Wire.V10 ? "1.0" : "0.3");
            sendJson(ex, 200, b.json());
        } else if (outcome instanceof JsonRpcHandler.Outcome.Stream s) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.getResponseHeaders().set("A2A-Version", wire == Wire.V10 ? "1.0" : "0.3");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                JsonRpcHandler.writeStream(s, out);
            }
        }
    }

    private void handleInvoke(HttpExchange ex, String skillId) throws IOException {
        SkillModel skill = model.skill(skillId);
        if (skill == null) {
            sendError(ex, 404, "unknown_skill", "skill '" + skillId + "' does not exist; skills: " + model.skills().keySet(),
                    "skill");
            return;
        }
        if (draining) {
            sendError(ex, 503, "draining", "the agent is shutting down; retry on another instance", null);
            return;
        }
        byte[] raw = readBody(ex);
        JsonNode body;
        try {
            body = raw.length == 0 ? Wire.JSON.createObjectNode() : Wire.JSON.readTree(raw);
        } catch (IOException e) {
            sendError(ex, 400, "invalid_json", "the body is not JSON: " + e.getMessage().split("\n")[0], null);
            return;
        }
        if (body == null || !body.isObject()) {
            sendError(ex, 400, "invalid_body", "the body must be {\"arguments\": {…}, \"llm_creds\"?: {…}, "
                    + "\"workspace_grant\"?: \"…\"}", null);
            return;
        }
        JsonNode grant = body.get("workspace_grant");
        if (grant != null && !grant.isNull() && !grant.isTextual()) {
            sendError(ex, 400, "invalid_body", "workspace_grant must be a string (the grant token)", "workspace_grant");
            return;
        }
        JsonNode creds = body.get("llm_creds");
        if (creds != null && !creds.isNull() && !creds.isObject()) {
            sendError(ex, 400, "invalid_body", "llm_creds must be an object", "llm_creds");
            return;
        }
        String id = Ids.task();
        AgentTask task = new AgentTask(id, id, skill.id(), null, config.clock());
        List<TaskEvent> events = new ArrayList<>();
        task.subscribe(e -> {
            synchronized (events) {
                events.add(e);
            }
        });
        try {
            Object[] args = skill.bind(body.get("arguments"), context(task, creds, grant == null ? null
                    : grant.asText(null), bearer(ex)));
            executor.start(task, skill, args);
        } catch (InvalidArguments e) {
            sendError(ex, 400, "invalid_arguments", e.getMessage(), e.field());
            return;
        } catch (AgentBusy e) {
            ex.getResponseHeaders().set("Retry-After", "1");
            sendError(ex, 429, "busy", e.getMessage(), e.field());
            return;
        } catch (PackException e) {
            sendError(ex, 503, "unavailable", e.getMessage(), e.field());
            return;
        }
        try {
            task.await(TimeUnit.SECONDS.toMillis(model.runtime().resources().maxRuntimeSeconds() + 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AgentTask.Snapshot snap = task.snapshot();
        if (snap.state() != TaskState.COMPLETED) {
            String message = snap.statusMessage() != null && !snap.statusMessage().parts().isEmpty()
                    ? snap.statusMessage().parts().get(0).text() : "the skill ended as " + snap.state().v03();
            String code = task.errorCode() == null ? "skill_failed" : task.errorCode();
            int status = switch (code) {
                case "skill_timeout" -> 504;
                case "invalid_arguments" -> 400;
                case "canceled" -> 503;
                default -> 500;
            };
            sendError(ex, status, code, message, null);
            return;
        }
        ObjectNode out = Wire.JSON.createObjectNode();
        out.set("result", task.result());
        ArrayNode artifacts = out.putArray("artifacts");
        ArrayNode evts = out.putArray("events");
        synchronized (events) {
            for (TaskEvent e : events) {
                if (e instanceof TaskEvent.ArtifactAdded a && !"result".equals(a.artifact().name())) {
                    Part p = a.artifact().parts().get(0);
                    ObjectNode n = artifacts.addObject().put("name", a.artifact().name());
                    if (p.isText()) {
                        n.put("text", p.text());
                    } else {
                        n.set("data", p.data());
                    }
                    evts.addObject().put("type", "artifact").put("name", a.artifact().name());
                } else if (e instanceof TaskEvent.Status s && s.message() != null && !s.last()) {
                    evts.addObject().put("type", "progress").put("message", s.message().parts().get(0).text())
                            .put("at", s.at().toString());
                }
            }
        }
        sendJson(ex, 200, out);
    }

    private void handleStatic(HttpExchange ex, String path) throws IOException {
        var frontend = model.yaml().frontend();
        if (frontend == null) {
            sendError(ex, 404, "not_found", path + " is not served; the card is at /.well-known/agent-card.json", null);
            return;
        }
        String rel = URI.create(path).getPath();
        if (rel.equals("/") || rel.isEmpty()) {
            rel = "/" + frontend.entry();
        }
        if (rel.contains("..") || rel.contains("\\") || rel.contains("\0")) {
            sendError(ex, 400, "bad_path", "the path must not contain '..' or backslashes", null);
            return;
        }
        try (InputStream in = resources.getResourceAsStream("frontend" + rel)) {
            if (in == null) {
                sendError(ex, 404, "not_found", path + " is not a frontend file", null);
                return;
            }
            send(ex, 200, contentType(rel), in.readAllBytes());
        }
    }

    private static String contentType(String path) {
        String p = path.toLowerCase();
        for (Map.Entry<String, String> e : Map.of(".html", "text/html; charset=utf-8", ".js", "text/javascript",
                ".css", "text/css", ".json", "application/json", ".svg", "image/svg+xml", ".png", "image/png",
                ".txt", "text/plain; charset=utf-8", ".ico", "image/x-icon").entrySet()) {
            if (p.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return "application/octet-stream";
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large", null);
        }
    }

    /**
     * Reads (and drops) what is left of a refused body, up to 16 MiB, so the client gets to read our 413 instead of
     * a reset connection; beyond that the connection is simply closed.
     */
    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            long left = 16L << 20;
            byte[] buffer = new byte[1 << 16];
            for (int n; left > 0 && (n = in.read(buffer)) > 0; ) {
                left -= n;
            }
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        int max = config.maxRequestBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    throw new TooLarge();
                }
            } catch (NumberFormatException e) {
                // HttpServer already refuses a malformed length.
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new TooLarge();
            }
            return data;
        }
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode json) throws IOException {
        send(ex, status, "application/json", Wire.JSON.writeValueAsBytes(json));
    }

    static void sendError(HttpExchange ex, int status, String code, String message, String field) throws IOException {
        ObjectNode n = Wire.JSON.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", code).put("message", message);
        if (field != null) {
            e.put("field", field);
        }
        sendJson(ex, status, n);
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
